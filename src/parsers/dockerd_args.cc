#include "parsers/dockerd_args.h"

#include <string_view>

namespace docklint::parsers {
namespace {

using base::MappedText;
using base::SourceSpan;
using parsers::FlagSpec;
using parsers::ValueType;

class ArgReader {
 public:
  ArgReader(const std::vector<MappedText>& args, DockerdArgs* out, base::Diagnostics* diagnostics,
            std::string_view engine_version, bool rhel_fork)
      : args_(args),
        out_(out),
        diagnostics_(diagnostics),
        engine_version_(engine_version),
        rhel_fork_(rhel_fork) {}

  void Run() {
    while (next_ < args_.size()) {
      const MappedText& arg = args_[next_++];
      const std::string& text = arg.text();
      if (text == "--") {
        for (; next_ < args_.size(); ++next_) Positional(args_[next_], next_);
        return;
      }
      if (text.size() < 2 || text[0] != '-') {
        Positional(arg, next_ - 1);
      } else if (text[1] == '-') {
        Long(arg);
      } else {
        Shorthands(arg);
      }
    }
  }

 private:
  void Error(base::DiagnosticCode code, std::string message, SourceSpan span) {
    diagnostics_->push_back({std::move(code), std::move(message), span});
  }

  // A flag of the catalog that the target engine does not have is as unknown to it as a typo.
  bool Available(const FlagSpec& spec, const std::string& written, SourceSpan span) {
    if (parsers::FlagAvailableIn(spec, engine_version_)) return true;
    std::string engine =
        engine_version_.empty() ? "current dockerd" : "dockerd " + std::string(engine_version_);
    std::string why =
        !spec.removed_in.empty() && (engine_version_.empty() ||
                                     parsers::CompareEngineVersions(engine_version_, spec.removed_in) >= 0)
            ? "removed in " + std::string(spec.removed_in)
            : "added in " + std::string(spec.added_in);
    Error(base::DiagnosticCode::kUnknownDockerdFlag,
          "unknown flag: " + written + " to " + engine + " (" + why + ")", span);
    return false;
  }

  void Positional(const MappedText& arg, size_t index) {
    std::string hint;
    if (bare_bool_word_ + 1 == index && !out_->flags.empty()) {
      // "--icc false": the bool took no value, so the value stands alone.
      const std::string& flag = out_->flags.back().written;
      hint = " (" + flag + " takes its value only as " + flag + "=" + arg.text() + ")";
    }
    Error(base::DiagnosticCode::kInvalidDockerdArgument,
          "dockerd takes no positional arguments, but gets '" + arg.text() + "'" + hint,
          arg.SpanOf(0, arg.size()));
  }

  // Takes the value of a non-bool flag from the next word, as pflag does even when it starts with '-'.
  bool TakeNextValue(FlagUse* use, const MappedText& flag_word) {
    if (next_ >= args_.size()) {
      Error(base::DiagnosticCode::kInvalidDockerdArgument, "flag needs an argument: " + use->written + "",
            flag_word.SpanOf(0, flag_word.size()));
      return false;
    }
    const MappedText& value = args_[next_++];
    use->value = value.text();
    use->value_span = value.SpanOf(0, value.size());
    return true;
  }

  void Record(FlagUse use, const MappedText& word, size_t begin, size_t end) {
    if (use.spec->type == ValueType::kBool && !parsers::ParseGoBool(use.value)) {
      Error(base::DiagnosticCode::kInvalidDockerdArgument,
            "invalid argument \"" + use.value + "\" for \"" + use.written +
                "\" flag: a bool takes 1, t, T, TRUE, true, True, 0, f, F, FALSE, false or False",
            use.value_span);
      return;
    }
    if (use.spec->type == ValueType::kBool && use.value_span == use.name_span) bare_bool_word_ = next_ - 1;
    SourceSpan whole = word.SpanOf(begin, end);
    // "--flag value" in two words: cover both when they sit in order in one file.
    if (use.value_span.file == whole.file && use.value_span.end > whole.end) whole.end = use.value_span.end;
    use.span = whole;
    out_->flags.push_back(std::move(use));
  }

  void Long(const MappedText& arg) {
    const std::string& text = arg.text();
    size_t eq = text.find('=');
    size_t name_end = eq == std::string::npos ? text.size() : eq;
    std::string name = text.substr(2, name_end - 2);
    SourceSpan name_span = arg.SpanOf(0, name_end);
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      Error(base::DiagnosticCode::kInvalidDockerdArgument, "bad flag syntax: " + text + "",
            arg.SpanOf(0, arg.size()));
      return;
    }
    const FlagSpec* spec = parsers::FindFlagByLongName(name);
    if (spec == nullptr && rhel_fork_) {
      // projectatomic/docker's own flags: true for bools, false for those that take a value.
      static const std::pair<std::string_view, bool> kForkFlags[] = {{"add-registry", false},
                                                                     {"block-registry", false},
                                                                     {"confirm-def-push", true},
                                                                     {"signature-verification", true},
                                                                     {"authorization-plugin-options", false}};
      for (const auto& [fork_name, is_bool] : kForkFlags) {
        if (name != fork_name) continue;
        if (eq == std::string::npos && !is_bool && next_ < args_.size()) ++next_;  // its value
        return;
      }
    }
    if (spec == nullptr) {
      Error(base::DiagnosticCode::kUnknownDockerdFlag, "unknown flag: --" + name, name_span);
      return;
    }
    if (!Available(*spec, "--" + name, name_span)) {
      // Still known to us: skip its value so that it is not reported again as a stray argument.
      if (eq == std::string::npos && spec->type != ValueType::kBool && next_ < args_.size()) ++next_;
      return;
    }
    FlagUse use{spec, "--" + name, name_span, "", {}, {}};
    if (eq != std::string::npos) {
      use.value = text.substr(eq + 1);
      use.value_span = arg.SpanOf(eq + 1, text.size());
    } else if (spec->type == ValueType::kBool) {
      use.value = "true";
      use.value_span = name_span;
    } else if (!TakeNextValue(&use, arg)) {
      return;
    }
    Record(std::move(use), arg, 0, text.size());
  }

  void Shorthands(const MappedText& arg) {
    const std::string& text = arg.text();
    for (size_t i = 1; i < text.size(); ++i) {
      char c = text[i];
      const FlagSpec* spec = parsers::FindFlagByShorthand(c);
      SourceSpan name_span = arg.SpanOf(i, i + 1);
      std::string written = std::string("-") + c;
      if (spec == nullptr) {
        Error(base::DiagnosticCode::kUnknownDockerdFlag,
              "unknown shorthand flag: '" + std::string(1, c) + "' in " + text + "", name_span);
        return;
      }
      if (!Available(*spec, written, name_span)) {
        if (i + 1 == text.size() && spec->type != ValueType::kBool && next_ < args_.size()) ++next_;
        return;
      }
      FlagUse use{spec, written, name_span, "", {}, {}};
      size_t rest = i + 1;
      if (rest < text.size() && text[rest] == '=') {
        use.value = text.substr(rest + 1);  // -H=fd:// and -D=false: the rest of the word is the value
        use.value_span = arg.SpanOf(rest + 1, text.size());
        Record(std::move(use), arg, i, text.size());
        return;
      }
      if (spec->type == ValueType::kBool) {
        use.value = "true";
        use.value_span = name_span;
        Record(std::move(use), arg, i, i + 1);
        continue;
      }
      if (rest < text.size()) {
        use.value = text.substr(rest);  // -Hfd://
        use.value_span = arg.SpanOf(rest, text.size());
        Record(std::move(use), arg, i, text.size());
      } else if (TakeNextValue(&use, arg)) {
        Record(std::move(use), arg, i, text.size());
      }
      return;
    }
  }

  const std::vector<MappedText>& args_;
  size_t next_ = 0;
  size_t bare_bool_word_ = std::string::npos - 1;  // index of the last word that was a bool flag alone
  DockerdArgs* out_;
  base::Diagnostics* diagnostics_;
  std::string_view engine_version_;
  bool rhel_fork_;
};

}  // namespace

DockerdArgs ParseDockerdArgs(const std::vector<MappedText>& args, base::Diagnostics* diagnostics,
                             std::string_view engine_version, bool rhel_fork) {
  DockerdArgs out;
  ArgReader(args, &out, diagnostics, engine_version, rhel_fork).Run();
  return out;
}

}  // namespace docklint::parsers
