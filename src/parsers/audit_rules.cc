#include "parsers/audit_rules.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "base/strings.h"

namespace docklint::parsers {
namespace {

using base::MappedText;
using base::SourceSpan;

constexpr base::DiagnosticCode kCode = base::DiagnosticCode::kInvalidAuditRule;  // auditctl rejects the line
constexpr base::DiagnosticCode kLoadsOddlyCode =
    base::DiagnosticCode::kAuditRuleLoadsUnexpectedly;  // the line loads, but not as its author meant
// auditctl reads a rules file with fgets() into a 6144-byte buffer: the rest of a longer line is read as a
// line of its own.
constexpr size_t kMaxLineLength = 6143;
constexpr size_t kMaxKeysLength = 256;  // AUDIT_MAX_KEY_LEN: all keys of a rule with their separators
constexpr size_t kMaxFields = 63;       // libaudit stops at AUDIT_MAX_FIELDS - 1
constexpr size_t kPathMax = 4096;
constexpr size_t kNameMax = 255;
constexpr char kKeySeparator = '\x01';

// Field names libaudit 3.0.9 knows (audit_name_to_field, case-insensitive).
constexpr std::string_view kFieldNames[] = {
    "pid",       "uid",           "euid",        "suid",         "fsuid",    "gid",      "egid",
    "sgid",      "fsgid",         "auid",        "loginuid",     "pers",     "arch",     "msgtype",
    "subj_user", "subj_role",     "subj_type",   "subj_sen",     "subj_clr", "ppid",     "obj_user",
    "obj_role",  "obj_type",      "obj_lev_low", "obj_lev_high", "devmajor", "devminor", "inode",
    "exit",      "success",       "path",        "perm",         "dir",      "filetype", "obj_uid",
    "obj_gid",   "field_compare", "exe",         "saddr_fam",    "a0",       "a1",       "a2",
    "a3",        "key",           "fstype",      "sessionid",
};
// Fields the kernel only evaluates at syscall exit.
constexpr std::string_view kExitOnlyFields[] = {
    "path",  "dir",      "perm",     "filetype", "exit",        "success",      "devmajor", "devminor",
    "inode", "obj_user", "obj_role", "obj_type", "obj_lev_low", "obj_lev_high", "ppid",
};
// Fields whose value libaudit reads with strtol and so must start with a digit.
constexpr std::string_view kNumericFields[] = {
    "pid", "ppid", "pers", "devmajor", "devminor", "inode", "success", "saddr_fam", "field_compare",
};
constexpr std::string_view kUidFields[] = {"auid", "loginuid", "uid", "euid", "suid", "fsuid", "obj_uid"};
constexpr std::string_view kGidFields[] = {"gid", "egid", "sgid", "fsgid", "obj_gid"};
constexpr std::string_view kFileTypes[] = {"file", "dir", "socket", "link", "character", "block", "fifo"};
constexpr std::string_view kLists[] = {"task", "exit", "user", "exclude", "filesystem"};
constexpr std::string_view kSignals[] = {"term",   "stop", "hup",    "reload", "usr1",
                                         "rotate", "usr2", "resume", "cont",   "state"};
// "-F name<op>value": libaudit takes the first of these found anywhere in the argument, in this order.
constexpr std::string_view kOperators[] = {"!=", ">=", "<=", "&=", "=", ">", "<", "&"};
// Machine names -F arch= takes besides b32, b64 and numbers (libaudit 3.0.9 as Debian builds it).
constexpr std::string_view kMachines[] = {
    "i386",  "i486",      "i586",     "i686",   "x86_64", "ppc64", "ppc64le", "ppc", "s390x", "s390",
    "armeb", "armv5tejl", "armv5tel", "armv6l", "armv7l", "arm",   "aarch64", "b32", "b64"};
// Every syscall name of libaudit 3.0.9's tables (i386, x86_64, ppc, ppc64, s390, s390x, arm, aarch64),
// sorted: auditctl refuses a name its table for the rule's arch lacks, such as "rm" or "touch".
// clang-format off
constexpr std::string_view kSyscallNames[] = {
    "_llseek", "_newselect", "_sysctl", "accept", "accept4", "access", "acct", "add_key", "adjtimex",
    "afs_syscall", "alarm", "arch_prctl", "bdflush", "bind", "bpf", "break", "brk", "capget", "capset", "chdir",
    "chmod", "chown", "chown32", "chroot", "clock_adjtime", "clock_adjtime64", "clock_getres",
    "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64",
    "clock_settime", "clock_settime64", "clone", "clone3", "close", "close_range", "connect", "copy_file_range",
    "creat", "create_module", "delete_module", "dup", "dup2", "dup3", "epoll_create", "epoll_create1",
    "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd",
    "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat", "faccessat2", "fadvise64",
    "fadvise64_64", "fallocate", "fanotify_init", "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchown",
    "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr", "finit_module", "flistxattr", "flock",
    "fork", "fremovexattr", "fsconfig", "fsetxattr", "fsmount", "fsopen", "fspick", "fstat", "fstat64",
    "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftime", "ftruncate", "ftruncate64", "futex", "futex_time64",
    "futex_waitv", "futimesat", "get_kernel_syms", "get_mempolicy", "get_robust_list", "get_thread_area",
    "getcpu", "getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid", "geteuid32", "getgid",
    "getgid32", "getgroups", "getgroups32", "getitimer", "getpeername", "getpgid", "getpgrp", "getpid",
    "getpmsg", "getppid", "getpriority", "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32",
    "getrlimit", "getrusage", "getsid", "getsockname", "getsockopt", "gettid", "gettimeofday", "getuid",
    "getuid32", "getxattr", "gtty", "idle", "init_module", "inotify_add_watch", "inotify_init", "inotify_init1",
    "inotify_rm_watch", "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64",
    "io_setup", "io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup", "ioctl", "ioperm", "iopl",
    "ioprio_get", "ioprio_set", "ipc", "kcmp", "kexec_file_load", "kexec_load", "keyctl", "kill",
    "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr",
    "link", "linkat", "listen", "listxattr", "llistxattr", "llseek", "lock", "lookup_dcookie", "lremovexattr",
    "lseek", "lsetxattr", "lstat", "lstat64", "madvise", "mbind", "membarrier", "memfd_create", "memfd_secret",
    "migrate_pages", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2", "mlockall", "mmap",
    "mmap2", "modify_ldt", "mount", "mount_setattr", "move_mount", "move_pages", "mprotect", "mpx",
    "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend",
    "mq_timedsend_time64", "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd", "msync",
    "multiplexer", "munlock", "munlockall", "munmap", "name_to_handle_at", "nanosleep", "newfstat",
    "newfstatat", "newselect", "nfsservctl", "nice", "oldfstat", "oldlstat", "oldolduname", "oldstat",
    "olduname", "open", "open_by_handle_at", "open_tree", "openat", "openat2", "pause", "pciconfig_iobase",
    "pciconfig_read", "pciconfig_write", "perf_counter_open", "perf_event_open", "personality", "pidfd_getfd",
    "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "pivot_root", "pkey_alloc", "pkey_free",
    "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl", "pread", "pread64", "preadv", "preadv2",
    "prlimit64", "process_madvise", "process_mrelease", "process_vm_readv", "process_vm_writev", "prof",
    "profil", "pselect6", "pselect6_time64", "ptrace", "putpmsg", "pwrite", "pwrite64", "pwritev", "pwritev2",
    "query_module", "quotactl", "quotactl_fd", "read", "readahead", "readdir", "readlink", "readlinkat",
    "readv", "reboot", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "remap_file_pages",
    "removexattr", "rename", "renameat", "renameat2", "request_key", "restart_syscall", "rmdir", "rseq",
    "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend",
    "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "rtas", "s390_pci_mmio_read",
    "s390_pci_mmio_write", "s390_runtime_instr", "s390_sthyi", "sched_get_priority_max",
    "sched_get_priority_min", "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler",
    "sched_rr_get_interval", "sched_rr_get_interval64", "sched_rr_get_interval_time64", "sched_setaffinity",
    "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp", "security", "select",
    "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "send", "sendfile", "sendfile64",
    "sendmmsg", "sendmsg", "sendto", "set_mempolicy", "set_mempolicy_home_node", "set_robust_list",
    "set_thread_area", "set_tid_address", "setdomainname", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32",
    "setgid", "setgid32", "setgroups", "setgroups32", "sethostname", "setitimer", "setns", "setpgid",
    "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid",
    "setreuid32", "setrlimit", "setsid", "setsockopt", "settimeofday", "setuid", "setuid32", "setxattr",
    "sgetmask", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "sigaction", "sigaltstack", "signal",
    "signalfd", "signalfd4", "sigpending", "sigprocmask", "sigreturn", "sigsuspend", "socket", "socketcall",
    "socketpair", "splice", "spu_create", "spu_run", "ssetmask", "stat", "stat64", "statfs", "statfs64",
    "statx", "stime", "stty", "subpage_prot", "swapcontext", "swapoff", "swapon", "switch_endian", "symlink",
    "symlinkat", "sync", "sync_file_range", "sync_file_range2", "syncfs", "sys_kexec_load", "syscall", "sysctl",
    "sysfs", "sysinfo", "syslog", "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
    "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64", "timerfd", "timerfd_create",
    "timerfd_gettime", "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times", "tkill",
    "truncate", "truncate64", "tuxcall", "ugetrlimit", "ulimit", "umask", "umount", "umount2", "uname",
    "unlink", "unlinkat", "unshare", "uselib", "userfaultfd", "ustat", "utime", "utimensat", "utimensat_time64",
    "utimes", "vfork", "vhangup", "vm86", "vm86old", "vmsplice", "vserver", "wait4", "waitid", "waitpid",
    "write", "writev",
};
// clang-format on
static_assert(std::is_sorted(std::begin(kSyscallNames), std::end(kSyscallNames)));
// The errno names -F exit= takes (libaudit 3.0.9, case-insensitive), sorted.
// clang-format off
constexpr std::string_view kErrnoNames[] = {
    "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EADV", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADE",
    "EBADF", "EBADFD", "EBADMSG", "EBADR", "EBADRQC", "EBADSLT", "EBFONT", "EBUSY", "ECANCELED", "ECHILD",
    "ECHRNG", "ECOMM", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLOCK", "EDESTADDRREQ", "EDOM",
    "EDOTDOT", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTDOWN", "EHOSTUNREACH", "EIDRM", "EILSEQ",
    "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "EISNAM", "EKEYEXPIRED", "EKEYREJECTED",
    "EKEYREVOKED", "EL2HLT", "EL2NSYNC", "EL3HLT", "EL3RST", "ELIBACC", "ELIBBAD", "ELIBEXEC", "ELIBMAX",
    "ELIBSCN", "ELNRNG", "ELOOP", "EMEDIUMTYPE", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG",
    "ENAVAIL", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOANO", "ENOBUFS", "ENOCSI", "ENODATA",
    "ENODEV", "ENOENT", "ENOEXEC", "ENOKEY", "ENOLCK", "ENOLINK", "ENOMEDIUM", "ENOMEM", "ENOMSG", "ENONET",
    "ENOPKG", "ENOPROTOOPT", "ENOSPC", "ENOSR", "ENOSTR", "ENOSYS", "ENOTBLK", "ENOTCONN", "ENOTDIR",
    "ENOTEMPTY", "ENOTNAM", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTTY", "ENOTUNIQ", "ENXIO", "EOVERFLOW",
    "EOWNERDEAD", "EPERM", "EPFNOSUPPORT", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE",
    "EREMCHG", "EREMOTE", "EREMOTEIO", "ERESTART", "ERFKILL", "EROFS", "ESHUTDOWN", "ESOCKTNOSUPPORT", "ESPIPE",
    "ESRCH", "ESRMNT", "ESTALE", "ESTRPIPE", "ETIME", "ETIMEDOUT", "ETOOMANYREFS", "ETXTBSY", "EUCLEAN",
    "EUNATCH", "EUSERS", "EXDEV", "EXFULL",
};
// clang-format on
static_assert(std::is_sorted(std::begin(kErrnoNames), std::end(kErrnoNames)));
// Operators the kernel accepts (auditctl 3.0.9 on Linux 6.x): bit tests only on these fields...
constexpr std::string_view kBitOpFields[] = {"pers", "devminor", "a0", "a1", "a2", "a3"};
// ... and only = and != on these (path, dir and perm take only =).
constexpr std::string_view kEqualityFields[] = {"inode",    "filetype",  "exe",       "arch",
                                                "key",      "subj_user", "subj_role", "subj_type",
                                                "obj_user", "obj_role",  "obj_type",  "fstype"};

template <size_t N>
bool IsOneOf(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
using base::AsciiLower;

// Quotes a value for a message with its control bytes spelled out: a '\r' from a CRLF line must be seen.
std::string Show(std::string_view s) {
  std::string out = "'";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "'";
}

uint32_t U32(size_t v) { return static_cast<uint32_t>(v); }

// A word of a rule line as auditctl splits it, with the file bytes it came from.
struct Word {
  MappedText text;
  SourceSpan span;
};

// auditctl splits at spaces only (audit_strsplit) after turning "\ " into a space that does not split and
// "\\" into one backslash; tabs, quotes and '\r' are ordinary bytes.
std::vector<Word> SplitWords(const base::SourceFile& file, size_t begin, size_t end) {
  const std::string& s = file.content();
  std::vector<Word> words;
  size_t i = begin;
  while (i < end) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    Word word;
    size_t start = i;
    while (i < end && s[i] != ' ') {
      if (s[i] == '\\' && i + 1 < end && (s[i + 1] == ' ' || s[i + 1] == '\\')) {
        word.text.Append(s[i + 1], SourceSpan{&file, U32(i), U32(i + 2)});
        i += 2;
      } else {
        word.text.Append(s[i], SourceSpan{&file, U32(i), U32(i + 1)});
        ++i;
      }
    }
    word.span = SourceSpan{&file, U32(start), U32(i)};
    words.push_back(std::move(word));
  }
  return words;
}

// An option's argument.
struct Arg {
  MappedText text;
  SourceSpan span;
  const std::string& str() const { return text.text(); }
  SourceSpan Sub(size_t begin, size_t end) const { return text.SpanOf(begin, end); }
};

enum class LongOption {
  kLoginuidImmutable,
  kBacklogWaitTime,
  kResetLost,
  kResetBacklogWaitTimeActual,
  kSignal
};
struct LongOptionSpec {
  std::string_view name;
  bool takes_arg;
  LongOption id;
};
constexpr LongOptionSpec kLongOptions[] = {
    {"loginuid-immutable", false, LongOption::kLoginuidImmutable},
    {"backlog_wait_time", true, LongOption::kBacklogWaitTime},
    {"reset-lost", false, LongOption::kResetLost},
    {"reset_backlog_wait_time_actual", false, LongOption::kResetBacklogWaitTimeActual},
    {"signal", true, LongOption::kSignal},
};
// auditctl's getopt string: "hicslDvtC:e:f:r:b:a:A:d:S:F:m:R:w:W:k:p:q:".
constexpr std::string_view kShortNoArg = "hicslDvt";
constexpr std::string_view kShortWithArg = "CefrbadASFmRwWkpq";

// Reads the options of one line the way auditctl's setopt() does, building at most one rule (-a, -A, -d, -w
// or -W) plus an entry for each control option. The first error ends the line.
class LineParser {
 public:
  LineParser(const base::SourceFile& file, SourceSpan line_span, std::vector<Word> words,
             base::Diagnostics* diagnostics)
      : file_(file), line_span_(line_span), words_(std::move(words)), diagnostics_(diagnostics) {
    rule_.span = line_span_;
    rule_.file = &file_;
  }

  // Appends the line's rules to `out` unless the line is invalid.
  void Parse(std::vector<AuditRule>* out) {
    ReadOptions();
    if (!failed_) Finish();
    if (failed_) return;
    for (auto& d : warnings_) diagnostics_->push_back(std::move(d));
    for (auto& r : entries_) out->push_back(std::move(r));
  }

  // Adds a diagnostic for a line that loads, but not as its author meant.
  void Warn(SourceSpan span, std::string message) {
    warnings_.push_back({kLoadsOddlyCode, std::move(message), span});
  }

 private:
  void Fail(SourceSpan span, std::string message) {
    if (failed_) return;
    failed_ = true;
    diagnostics_->push_back({kCode, std::move(message), span});
  }

  void ReadOptions() {
    if (words_.size() == 1 && words_[0].text.text() == "--") return;  // "--" alone: a line with nothing to do
    while (next_ < words_.size() && !failed_ && !stopped_) {
      const Word& word = words_[next_];
      const std::string& t = word.text.text();
      if (t == "--") {  // getopt: the end of the options; whatever follows is a stray argument
        ++next_;
        if (next_ < words_.size()) {
          Fail(words_[next_].span, Show(words_[next_].text.text()) +
                                       " follows '--', which ends the options; auditctl rejects the line");
        }
        return;
      }
      if (t.size() < 2 || t[0] != '-') {
        Stray(word);
        return;
      }
      ++next_;
      if (t[1] == '-') {
        ReadLongOption(word);
        continue;
      }
      // A cluster of short options: "-pwa" is -p wa, "-ic" is -i then -c.
      for (size_t c = 1; c < t.size() && !failed_; ++c) {
        char opt = t[c];
        SourceSpan opt_span = word.text.SpanOf(c == 1 ? 0 : c, c + 1);
        std::string name = std::string("-") + opt;
        if (stopped_) {
          Fail(opt_span, StopMessage(name));
          return;
        }
        if (kShortWithArg.find(opt) != std::string_view::npos) {
          Arg arg;
          if (c + 1 < t.size()) {
            arg.text = word.text.Substr(c + 1);
            arg.span = word.text.SpanOf(c + 1, t.size());
          } else if (next_ < words_.size()) {
            arg.text = words_[next_].text;
            arg.span = words_[next_].span;
            ++next_;
          } else {
            Fail(opt_span, name + " needs a value; auditctl rejects the line");
            return;
          }
          HandleShort(opt, name, opt_span, &arg);
          break;  // the rest of the word was the argument
        }
        if (kShortNoArg.find(opt) == std::string_view::npos) {
          Fail(opt_span, "unknown option " + Show(name) + "; auditctl rejects the line");
          return;
        }
        HandleShort(opt, name, opt_span, nullptr);
      }
    }
    if (!failed_ && stopped_ && next_ < words_.size()) Fail(words_[next_].span, StopMessage(stop_option_));
  }

  std::string StopMessage(const std::string& next) const {
    return stop_option_ + " must end its line, but " + Show(next) + " follows it; auditctl rejects the line";
  }

  void Stray(const Word& word) {
    const std::string& t = word.text.text();
    std::string why;
    if (t == "\r") {
      why = "the line ends with '\\r' (CRLF), which auditctl reads as an argument";
    } else if (t.starts_with("#")) {
      why = "auditctl has no trailing comments: " + Show(t) + " is read as an argument";
    } else if (word.span.begin == 0 && t.starts_with("\xEF\xBB\xBF")) {
      why = "the file starts with a UTF-8 byte order mark, which auditctl reads as part of the first word";
    } else {
      why = Show(t) + " is not an option nor the value of one";
    }
    bool tabs = std::any_of(words_.begin(), words_.end(),
                            [](const Word& w) { return w.text.text().find('\t') != std::string::npos; });
    if (tabs) why += " (auditctl splits words at spaces only, not at tabs)";
    Fail(word.span, why + "; auditctl rejects the line");
  }

  void ReadLongOption(const Word& word) {
    const std::string& t = word.text.text();
    std::string_view body = std::string_view(t).substr(2);
    size_t eq = body.find('=');
    std::string_view name = body.substr(0, eq);
    SourceSpan opt_span = word.text.SpanOf(0, eq == std::string_view::npos ? t.size() : eq + 2);
    // getopt_long: an exact name, or an unambiguous prefix of one.
    const LongOptionSpec* spec = nullptr;
    int prefix_matches = 0;
    for (const auto& candidate : kLongOptions) {
      if (candidate.name == name) {
        spec = &candidate;
        prefix_matches = 1;
        break;
      }
      if (!name.empty() && candidate.name.starts_with(name)) {
        spec = &candidate;
        ++prefix_matches;
      }
    }
    if (prefix_matches != 1) {
      Fail(opt_span, std::string(prefix_matches > 1 ? "ambiguous" : "unknown") + " option " +
                         Show("--" + std::string(name)) + "; auditctl rejects the line");
      return;
    }
    std::string full = "--" + std::string(spec->name);
    std::optional<Arg> arg;
    if (eq != std::string_view::npos) {
      if (!spec->takes_arg) {
        Fail(word.span, full + " takes no value; auditctl rejects the line");
        return;
      }
      arg = Arg{word.text.Substr(eq + 3), word.text.SpanOf(eq + 3, t.size())};
    } else if (spec->takes_arg) {
      if (next_ >= words_.size()) {
        Fail(opt_span, full + " needs a value; auditctl rejects the line");
        return;
      }
      arg = Arg{words_[next_].text, words_[next_].span};
      ++next_;
    }
    switch (spec->id) {
      case LongOption::kBacklogWaitTime:
        if (CheckNumber(full, *arg)) AddControl(full, arg->str());
        break;
      case LongOption::kSignal: {
        if (!IsOneOf(kSignals, base::Lower(arg->str()))) {
          Fail(arg->span, Show(arg->str()) +
                              " is not a signal --signal sends (TERM, HUP, USR1, USR2, CONT); "
                              "auditctl exits with an error");
          return;
        }
        AddControl(full, arg->str());
        Stop(full, opt_span);
        break;
      }
      default:
        AddControl(full, "");
        Stop(full, opt_span);
        break;
    }
  }

  // Options after which auditctl's option loop ends (setopt returns -2): anything after them is an error.
  void Stop(const std::string& option, SourceSpan span) {
    stopped_ = true;
    stop_option_ = option;
    stop_span_ = span;
  }

  void AddControl(const std::string& option, std::string value) {
    AuditRule control;
    control.kind = AuditRule::Kind::kControl;
    control.control = option;
    control.control_value = std::move(value);
    control.span = line_span_;
    control.file = &file_;
    entries_.push_back(std::move(control));
  }

  // -b, -r and --backlog_wait_time: auditctl wants a leading digit and a value strtoul can hold.
  bool CheckNumber(const std::string& option, const Arg& arg) {
    const std::string& v = arg.str();
    if (v.empty() || !IsDigit(v[0])) {
      Fail(arg.span, option + " needs a number, not " + Show(v) + "; auditctl rejects the line");
      return false;
    }
    errno = 0;
    std::strtoul(v.c_str(), nullptr, 0);
    if (errno == ERANGE) {
      Fail(arg.span, option + " value " + Show(v) + " is out of range; auditctl rejects the line");
      return false;
    }
    return true;
  }

  void HandleShort(char opt, const std::string& name, SourceSpan opt_span, const Arg* arg) {
    switch (opt) {
      case 'h':
        Fail(opt_span, "-h prints auditctl's help and fails; it has no place in a rules file");
        return;
      case 'R':
        Fail(opt_span, "auditctl does not read nested rule files (-R); it rejects the line");
        return;
      case 'i':
      case 'c':
      case 's':
      case 'l':
      case 'v':
      case 't':
        AddControl(name, "");
        Stop(name, opt_span);
        return;
      case 'm':
      case 'q':
        if (opt == 'q' && !ValidEquivalence(*arg)) return;
        if (opt == 'm' && std::any_of(arg->str().begin(), arg->str().end(),
                                      [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
          Fail(arg->span,
               "-m text with a control character " + Show(arg->str()) + "; auditctl rejects the line");
          return;
        }
        AddControl(name, arg->str());
        Stop(name, opt_span);
        return;
      case 'D':
        HandleDeleteAll(opt_span);
        return;
      case 'e':
      case 'f':
        if (arg->str() != "0" && arg->str() != "1" && arg->str() != "2") {
          Fail(arg->span, name + " takes 0, 1 or 2, not " + Show(arg->str()) + "; auditctl rejects the line");
          return;
        }
        AddControl(name, arg->str());
        return;
      case 'b':
      case 'r':
        if (CheckNumber(name, *arg)) AddControl(name, arg->str());
        return;
      case 'a':
      case 'A':
      case 'd':
        HandleList(opt, name, opt_span, *arg);
        return;
      case 'w':
      case 'W':
        HandleWatch(opt, name, opt_span, *arg);
        return;
      case 'S':
        HandleSyscall(opt_span, *arg);
        return;
      case 'F':
        HandleField(opt_span, *arg);
        return;
      case 'C':
        HandleComparison(opt_span, *arg);
        return;
      case 'k':
        if (!rule_started_ || !(syscall_added_ || perm_added_ || exe_added_ || fs_added_)) {
          Fail(opt_span,
               "-k needs a watch (-w) or a syscall rule (-a with -S, path=, dir=, perm= or exe=) "
               "before it; auditctl rejects the line");
          return;
        }
        AddKey(arg->text, arg->span);
        return;
      case 'p':
        HandlePermissions(opt_span, *arg);
        return;
      default:
        Fail(opt_span, "unknown option " + Show(name) + "; auditctl rejects the line");
        return;
    }
  }

  bool ValidEquivalence(const Arg& arg) {
    const std::string& v = arg.str();
    size_t comma = v.find(',');
    if (syscall_added_ || comma == std::string::npos || comma + 1 == v.size() ||
        v.find(',', comma + 1) != std::string::npos) {
      Fail(arg.span, "-q needs mount-point,subtree, not " + Show(v) + "; auditctl rejects the line");
      return false;
    }
    return true;
  }

  // -D deletes all rules, or with "-k key" those with that key; auditctl only accepts those two forms.
  void HandleDeleteAll(SourceSpan opt_span) {
    if (next_ != 1 || words_[0].text.text() != "-D") {
      Fail(opt_span, "-D must start its line, alone or as -D -k key; auditctl rejects the line");
      return;
    }
    AddControl("-D", "");
    if (words_.size() == 1) {
      Stop("-D", opt_span);
      return;
    }
    if (words_[1].text.text() != "-k") {
      Fail(words_[1].span, "only -k key may follow -D; auditctl rejects the line");
      return;
    }
    if (words_.size() != 3) {
      Fail(words_.size() == 2 ? words_[1].span : words_[3].span,
           "-D takes a single -k key; auditctl rejects the line");
      return;
    }
    entries_.back().keys.push_back(words_[2].text.text());
    next_ = words_.size();
    Stop("-D", opt_span);
  }

  bool StartRule(const std::string& name, SourceSpan opt_span) {
    if (rule_started_) {
      Fail(opt_span, name +
                         " starts a second rule on this line; auditctl takes one of -a, -A, -d, -w or -W "
                         "per line and rejects the line");
      return false;
    }
    rule_started_ = true;
    return true;
  }

  void HandleList(char opt, const std::string& name, SourceSpan opt_span, const Arg& arg) {
    if (!StartRule(name, opt_span)) return;
    const std::string& v = arg.str();
    size_t comma = v.find(',');
    if (comma == std::string::npos || v.find(',', comma + 1) != std::string::npos) {
      Fail(arg.span, name +
                         " needs action,list or list,action (always or never; task, exit, user, exclude "
                         "or filesystem), not " +
                         Show(v) + "; auditctl rejects the line");
      return;
    }
    std::string_view parts[2] = {std::string_view(v).substr(0, comma), std::string_view(v).substr(comma + 1)};
    SourceSpan part_spans[2] = {arg.Sub(0, comma), arg.Sub(comma + 1, v.size())};
    for (int i = 0; i < 2; ++i) {
      bool action = parts[i] == "always" || parts[i] == "never";
      if (!action && !IsOneOf(kLists, parts[i])) {
        std::string why = parts[i] == "possible" ? "the action 'possible' is no longer supported"
                                                 : Show(parts[i]) +
                                                       " is neither an action (always, never) nor "
                                                       "a list (task, exit, user, exclude, filesystem)";
        Fail(part_spans[i], why + "; auditctl rejects the line");
        return;
      }
    }
    bool first_is_action = parts[0] == "always" || parts[0] == "never";
    bool second_is_action = parts[1] == "always" || parts[1] == "never";
    if (first_is_action == second_is_action) {
      Fail(arg.span, name +
                         " needs one action (always, never) and one list (task, exit, user, exclude, "
                         "filesystem), not " +
                         Show(v) + "; auditctl rejects the line");
      return;
    }
    rule_.action = std::string(first_is_action ? parts[0] : parts[1]);
    rule_.list = std::string(first_is_action ? parts[1] : parts[0]);
    if (rule_.list != "exit" && syscall_added_) {
      Fail(arg.span, "-S is for the exit list; auditctl rejects syscalls on the " + rule_.list + " list");
      return;
    }
    if (opt == 'd') {
      rule_.kind = AuditRule::Kind::kControl;
      rule_.control = "-d";
      rule_.control_value = v;
    } else {
      rule_.kind = AuditRule::Kind::kSyscall;
      rule_.prepend = opt == 'A';
    }
  }

  void HandleWatch(char opt, const std::string& name, SourceSpan opt_span, const Arg& arg) {
    if (!StartRule(name, opt_span)) return;
    const std::string& v = arg.str();
    if (v.size() >= kPathMax) {
      Fail(arg.span, "the path is longer than PATH_MAX; auditctl rejects the line");
      return;
    }
    if (v.empty() || v[0] != '/') {
      Fail(arg.span, name + " needs an absolute path, not " + Show(v) + "; auditctl rejects the line");
      return;
    }
    std::string path = v;
    // auditctl trims trailing slashes of paths longer than two bytes ("//" stays as it is).
    if (path.size() > 2) {
      while (path.size() > 1 && path.back() == '/') path.pop_back();
    }
    if (path.find_first_not_of('/') == std::string::npos) {
      Fail(arg.span, name +
                         " / is not a usable watch: auditctl(8) says the kernel refuses the top-level "
                         "directory (newer kernels take it as a watch on every file); auditctl rejects or "
                         "the kernel floods the log");
      return;
    }
    size_t slash = path.rfind('/');
    if (path.size() - slash - 1 > kNameMax) {
      Fail(arg.span, "the last component of the path is longer than NAME_MAX; auditctl rejects the line");
      return;
    }
    if (path.find_first_of("*?") != std::string::npos) {
      Warn(arg.span, "auditctl does not expand wildcards: this watches the literal path " + Show(path));
    } else if (path.find("..") != std::string::npos) {
      Warn(arg.span, "auditctl does not support relative path notation ('..') in watches");
    }
    rule_.kind = opt == 'w' ? AuditRule::Kind::kWatch : AuditRule::Kind::kDeleteWatch;
    rule_.path = std::move(path);
    rule_.path_span = arg.span;
    rule_.list = "";
    is_watch_ = true;
    syscall_added_ = true;
    perm_added_ = true;
    has_path_field_ = true;
  }

  void HandleSyscall(SourceSpan opt_span, const Arg& arg) {
    if (!syscall_span_) syscall_span_ = opt_span;
    if (rule_started_ && !is_watch_ && rule_.list != "exit") {
      Fail(opt_span, "-S is for the exit list; auditctl rejects syscalls on the " + rule_.list + " list");
      return;
    }
    const std::string& v = arg.str();
    bool any = false;
    size_t begin = 0;
    while (begin <= v.size()) {
      size_t comma = v.find(',', begin);
      if (comma == std::string::npos) comma = v.size();
      std::string_view name = std::string_view(v).substr(begin, comma - begin);
      if (!name.empty()) {  // strtok skips empty pieces
        bool number = std::all_of(name.begin(), name.end(), IsDigit);
        if (!number && name != "all" &&
            !std::binary_search(std::begin(kSyscallNames), std::end(kSyscallNames), name)) {
          Fail(arg.Sub(begin, comma), "unknown syscall " + Show(name) + "; auditctl rejects the line");
          return;
        }
        rule_.syscalls.emplace_back(name);
        any = true;
      }
      begin = comma + 1;
    }
    if (!any) {
      Fail(arg.span, "-S needs a syscall name, number or all; auditctl rejects the line");
      return;
    }
    syscall_added_ = true;
  }

  void HandlePermissions(SourceSpan opt_span, const Arg& arg) {
    if (!rule_started_) {
      Fail(opt_span, "-p needs a watch (-w) before it; auditctl rejects the line");
      return;
    }
    if (!CheckPermissions("-p", arg, 0)) return;
    if (is_watch_) {
      rule_.permissions = arg.str();
      return;
    }
    if (!has_path_field_) {
      Fail(opt_span, "-p on a syscall rule needs -F path= or -F dir= before it; auditctl rejects the line");
      return;
    }
    // auditctl sets the rule's perm field.
    auto it = std::find_if(rule_.fields.begin(), rule_.fields.end(),
                           [](const AuditField& f) { return f.name == "perm"; });
    AuditField perm{"perm", "=", arg.str(), arg.span};
    if (it != rule_.fields.end()) {
      *it = std::move(perm);
    } else {
      rule_.fields.push_back(std::move(perm));
    }
    perm_added_ = true;
  }

  bool CheckPermissions(const std::string& what, const Arg& arg, size_t offset) {
    std::string_view v = std::string_view(arg.str()).substr(offset);
    if (v.size() > 4) {
      Fail(arg.Sub(offset, arg.str().size()),
           what + " " + Show(v) + " is too long: permissions are r, w, x and a; auditctl rejects the line");
      return false;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      char c = AsciiLower(v[i]);
      if (c != 'r' && c != 'w' && c != 'x' && c != 'a') {
        Fail(arg.Sub(offset + i, offset + i + 1),
             "permission " + Show(v.substr(i, 1)) + " is not one of r, w, x, a; auditctl rejects the line");
        return false;
      }
    }
    return true;
  }

  void AddKey(const MappedText& key, SourceSpan span) {
    const std::string& k = key.text();
    if (k.empty()) return;  // "-F key=" adds nothing
    size_t added = k.size() + (keys_length_ > 0 ? 1 : 0);
    if (keys_length_ + added > kMaxKeysLength) {
      Fail(span, "the keys of this rule are longer than 256 bytes together; auditctl rejects the line");
      return;
    }
    keys_length_ += added;
    if (k.find(kKeySeparator) != std::string::npos) {
      Warn(span,
           "the key holds the byte \\x01, which the kernel takes as a separator: it becomes several keys");
      size_t begin = 0;
      while (begin <= k.size()) {
        size_t sep = k.find(kKeySeparator, begin);
        if (sep == std::string::npos) sep = k.size();
        if (sep > begin) rule_.keys.push_back(k.substr(begin, sep - begin));
        begin = sep + 1;
      }
    } else {
      rule_.keys.push_back(k);
    }
    // Keys over auditctl(8)'s documented 31 bytes load and work (3.0.9 takes 256 bytes for all keys of a
    // rule together): no diagnostic, a warning here would be a false positive.
  }

  void HandleField(SourceSpan opt_span, const Arg& arg) {
    if (!rule_started_) {
      Fail(opt_span, "-F needs -a, -A or -d before it; auditctl rejects the line");
      return;
    }
    const std::string& v = arg.str();
    if (v.starts_with("key=")) {
      AddKey(arg.text.Substr(4), arg.Sub(4, v.size()));
      return;
    }
    size_t at = std::string::npos;
    std::string_view op;
    for (std::string_view candidate : kOperators) {
      at = v.find(candidate);
      if (at != std::string::npos) {
        op = candidate;
        break;
      }
    }
    if (at == std::string::npos) {
      Fail(arg.span,
           "-F " + Show(v) + " has no operator (=, !=, <, >, <=, >=, &, &=); auditctl rejects the line");
      return;
    }
    std::string_view name = std::string_view(v).substr(0, at);
    std::string_view value = std::string_view(v).substr(at + op.size());
    SourceSpan name_span = arg.Sub(0, at);
    SourceSpan op_span = arg.Sub(at, at + op.size());
    SourceSpan value_span = arg.Sub(at + op.size(), v.size());
    if (name.empty()) {
      Fail(op_span, "-F has no field name before " + Show(op) + "; auditctl rejects the line");
      return;
    }
    if (value.empty()) {
      Fail(op_span,
           "-F " + std::string(name) + " has no value after " + Show(op) + "; auditctl rejects the line");
      return;
    }
    std::string field = base::Lower(name);
    if (!IsOneOf(kFieldNames, field)) {
      Fail(name_span, "unknown field " + Show(name) + " in -F; auditctl rejects the line");
      return;
    }
    if (rule_.fields.size() + (keys_length_ > 0 ? 1 : 0) + (is_watch_ ? 2 : 0) >= kMaxFields) {
      Fail(arg.span, "a rule takes at most 63 fields; auditctl rejects the line");
      return;
    }
    if (field ==
        "key") {  // "-F KEY=x" or "-F key!=x": a key after all, but checked as libaudit checks fields
      if (op != "=" && op != "!=") {
        Fail(op_span, "key only takes = and !=; auditctl rejects the line");
        return;
      }
      if (!(syscall_added_ || perm_added_ || exe_added_)) {
        Fail(arg.span, "a key field needs a watch or syscall before it; auditctl rejects the line");
        return;
      }
      AddKey(arg.text.Substr(at + op.size()), value_span);
      return;
    }
    if (!CheckField(field, op, value, arg, name_span, op_span, value_span, at + op.size())) return;
    rule_.fields.push_back(AuditField{field, std::string(op), std::string(value), arg.span});
  }

  bool CheckField(const std::string& field, std::string_view op, std::string_view value, const Arg& arg,
                  SourceSpan name_span, SourceSpan op_span, SourceSpan value_span, size_t value_offset) {
    auto fail = [&](SourceSpan span, const std::string& why) {
      Fail(span, why + "; auditctl rejects the line");
      return false;
    };
    const std::string& list = rule_.list;
    bool exit_list = is_watch_ || list == "exit";
    if (IsOneOf(kExitOnlyFields, field) && !exit_list) {
      return fail(name_span, field + " can only be used on the exit list");
    }
    if (field == "msgtype" && list != "exclude" && list != "user") {
      return fail(name_span, "msgtype can only be used on the exclude and user lists");
    }
    if (field == "fstype" && list != "filesystem") {
      return fail(name_span, "fstype can only be used on the filesystem list");
    }
    if (field == "path" || field == "dir") {
      // The kernel refuses these (EINVAL) when auditctl sends them.
      if (op != "=") return fail(op_span, field + " only takes =");
      if (value[0] != '/') return fail(value_span, field + " needs an absolute path, not " + Show(value));
      if (field == "path" && value.back() == '/') {
        return fail(value_span, "path=" + Show(value) +
                                    " ends with '/': the kernel refuses it (use dir= for a "
                                    "directory tree)");
      }
      if (value.size() >= kPathMax) return fail(value_span, "the path is longer than PATH_MAX");
      if (has_path_field_)
        return fail(name_span,
                    "a rule takes one path or dir field (or one -w); the kernel "
                    "refuses a second");
      has_path_field_ = true;
      perm_added_ = true;
    } else if (field == "perm") {
      if (op != "=") return fail(op_span, "perm only takes =");
      if (!CheckPermissions("perm", arg, value_offset)) return false;
      perm_added_ = true;
    } else if (field == "arch") {
      if (syscall_added_) {
        return fail(name_span, "arch must come before -S: auditctl looks the syscall names up in its table");
      }
      if (op != "=" && op != "!=") return fail(op_span, "arch only takes = and !=");
      if (!IsDigit(value[0]) && !IsOneOf(kMachines, base::Lower(value))) {
        return fail(value_span, "unknown arch " + Show(value) + " (b32, b64, x86_64, i686, aarch64, ...)");
      }
    } else if (field == "exe") {
      if (op != "=" && op != "!=") return fail(op_span, "exe only takes = and !=");
      if (exe_added_) return fail(name_span, "a rule takes one exe field");
      exe_added_ = true;
    } else if (field == "fstype") {
      fs_added_ = true;
    } else if (field == "filetype") {
      if (!IsOneOf(kFileTypes, base::Lower(value))) {
        return fail(value_span, "unknown file type " + Show(value) +
                                    " (file, dir, socket, link, character, block, fifo)");
      }
    } else if (field == "a0" || field == "a1" || field == "a2" || field == "a3") {
      bool number = IsDigit(value[0]) || (value.size() >= 2 && value[0] == '-' && IsDigit(value[1]));
      if (!number) return fail(value_span, field + " needs a number, not " + Show(value));
    } else if (field == "exit") {
      // A number, or an errno name such as -EACCES.
      std::string_view e = value[0] == '-' ? value.substr(1) : value;
      bool number = !e.empty() && std::all_of(e.begin(), e.end(), IsDigit);
      std::string upper(e);
      for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      bool name = std::binary_search(std::begin(kErrnoNames), std::end(kErrnoNames), upper);
      if (!number && !name)
        return fail(value_span, "exit needs a number or an errno name, not " + Show(value));
    }
    if ((op == "&" || op == "&=") && !IsOneOf(kBitOpFields, field)) {
      return fail(op_span, "the kernel refuses bit operators on " + field);
    }
    if (op != "=" && op != "!=" && IsOneOf(kEqualityFields, field)) {
      return fail(op_span, field + " only takes = and !=");
    }
    if (IsOneOf(kNumericFields, field) && !IsDigit(value[0])) {
      return fail(value_span, field + " needs a number, not " + Show(value));
    }
    return true;
  }

  // -C a!=b: an inter-field comparison, exit list only, between two uids or two gids.
  void HandleComparison(SourceSpan opt_span, const Arg& arg) {
    if (!rule_started_ || !(is_watch_ || rule_.list == "exit")) {
      Fail(opt_span, "-C can only be used on the exit list; auditctl rejects the line");
      return;
    }
    const std::string& v = arg.str();
    size_t at = v.find("!=");
    std::string op = "!=";
    if (at == std::string::npos) {
      at = v.find('=');
      op = "=";
    }
    if (at == std::string::npos) {
      Fail(arg.span, "-C " + Show(v) + " needs = or != between two fields; auditctl rejects the line");
      return;
    }
    std::string left = base::Lower(std::string_view(v).substr(0, at));
    std::string right = base::Lower(std::string_view(v).substr(at + op.size()));
    bool uids = IsOneOf(kUidFields, left) && IsOneOf(kUidFields, right);
    bool gids = IsOneOf(kGidFields, left) && IsOneOf(kGidFields, right);
    auto is_auid = [](const std::string& f) { return f == "auid" || f == "loginuid"; };
    bool same = left == right || (is_auid(left) && is_auid(right));
    if ((!uids && !gids) || same) {
      Fail(arg.span, "-C compares two different uid fields or two different gid fields, not " + Show(v) +
                         "; auditctl rejects the line");
      return;
    }
    rule_.fields.push_back(AuditField{"field_compare", op, v, arg.span});
  }

  void Finish() {
    if (stopped_ && rule_started_) {
      Fail(stop_span_, stop_option_ +
                           " ends auditctl's reading of the line, so it does not load the rule on "
                           "it; give " +
                           stop_option_ + " a line of its own");
      return;
    }
    if (!rule_started_) {
      if (syscall_added_) Fail(*syscall_span_, "-S needs -a or -A before it; auditctl rejects the line");
      return;
    }
    if (rule_.kind == AuditRule::Kind::kWatch) {
      if (!rule_.syscalls.empty()) {
        Warn(*syscall_span_, "-S has no place in a watch: auditctl(8) allows only -p and -k with -w");
      } else if (!rule_.fields.empty()) {
        Warn(rule_.fields.front().span,
             "-F has no place in a watch: auditctl(8) allows only -p and -k with -w "
             "(auditctl turns it into a syscall rule)");
      }
    }
    entries_.push_back(std::move(rule_));
  }

  const base::SourceFile& file_;
  SourceSpan line_span_;
  std::vector<Word> words_;
  base::Diagnostics* diagnostics_;
  base::Diagnostics warnings_;
  std::vector<AuditRule> entries_;
  AuditRule rule_;
  size_t next_ = 0;  // the next word to read
  bool failed_ = false;
  bool stopped_ = false;
  std::string stop_option_;
  SourceSpan stop_span_;
  bool rule_started_ = false;  // -a, -A, -d, -w or -W seen
  bool is_watch_ = false;
  // libaudit's _audit_syscalladded, _audit_permadded, _audit_exeadded, _audit_filterfsadded: -k needs one.
  bool syscall_added_ = false;
  bool perm_added_ = false;
  bool exe_added_ = false;
  bool fs_added_ = false;
  bool has_path_field_ = false;
  std::optional<SourceSpan> syscall_span_;
  size_t keys_length_ = 0;
};

void ParseLine(const base::SourceFile& file, size_t begin, size_t end, base::Diagnostics* diagnostics,
               std::vector<AuditRule>* out) {
  const std::string& s = file.content();
  size_t content_end = end > begin && s[end - 1] == '\r' ? end - 1 : end;
  SourceSpan line_span{&file, U32(begin), U32(content_end)};
  // fgets() cuts a long line; strlen() stops at a NUL byte.
  if (end - begin > kMaxLineLength) {
    diagnostics->push_back({kCode,
                            "the line is longer than 6143 bytes: auditctl reads the rest as another line and "
                            "rejects both",
                            SourceSpan{&file, U32(begin + kMaxLineLength), U32(content_end)}});
    return;
  }
  // Within this line only: searching the rest of the file from every line was quadratic.
  size_t nul = std::string_view(s).substr(0, end).find('\0', begin);
  bool has_nul = nul < end;
  size_t parse_end = has_nul ? nul : end;
  size_t first = begin;
  while (first < parse_end && s[first] == ' ') ++first;  // auditctl skips spaces only before a comment
  if (first == parse_end) {
    if (has_nul) {
      diagnostics->push_back({kCode, "a NUL byte: auditctl ignores the rest of the line",
                              SourceSpan{&file, U32(nul), U32(nul + 1)}});
    }
    return;
  }
  if (s[first] == '#') return;
  std::vector<Word> words = SplitWords(file, begin, parse_end);
  std::optional<base::Diagnostic> note;
  if (has_nul) {
    note = {kLoadsOddlyCode, "a NUL byte: auditctl ignores the rest of the line",
            SourceSpan{&file, U32(nul), U32(nul + 1)}};
  } else if (content_end < end && words.back().text.text() != "\r") {
    note = {kLoadsOddlyCode,
            "the line ends with '\\r' (CRLF): auditctl keeps it in the last word, which becomes " +
                Show(words.back().text.text()),
            SourceSpan{&file, U32(content_end), U32(end)}};
  }
  LineParser parser(file, line_span, std::move(words), diagnostics);
  if (note) parser.Warn(note->span, std::move(note->message));
  parser.Parse(out);
}

}  // namespace

AuditRules ParseAuditRules(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  AuditRules out;
  const std::string& s = file.content();
  size_t pos = 0;
  while (pos < s.size()) {
    size_t newline = s.find('\n', pos);
    size_t end = newline == std::string::npos ? s.size() : newline;
    ParseLine(file, pos, end, diagnostics, &out.rules);
    if (newline == std::string::npos) break;
    pos = newline + 1;
  }
  return out;
}

}  // namespace docklint::parsers
