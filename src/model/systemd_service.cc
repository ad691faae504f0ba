#include "model/systemd_service.h"

#include <algorithm>
#include <tuple>

#include "base/strings.h"
#include "parsers/env_file.h"
#include "parsers/exec_command.h"

namespace docklint::model {
namespace {

using base::DiagnosticCode;

// Environment=: words split as systemd splits them; each VAR=value with a valid name sets VAR.
void AddEnvironment(const parsers::UnitEntry& entry, ServiceEnvironment* environment,
                    base::Diagnostics* diagnostics) {
  if (entry.value.empty()) {
    environment->clear();  // an empty assignment resets the list
    return;
  }
  std::vector<base::MappedText> words;
  if (!parsers::SplitWords(entry.value, &words, diagnostics)) return;
  for (const base::MappedText& word : words) {
    size_t eq = word.text().find('=');
    if (eq == std::string::npos || !parsers::IsValidEnvName(std::string_view(word.text()).substr(0, eq)))
      continue;
    (*environment)[word.text().substr(0, eq)] = word.Substr(eq + 1);
  }
}

const EnvFileSource* FindEnvFile(const std::vector<EnvFileSource>& env_files, std::string_view host_path) {
  for (const EnvFileSource& env : env_files) {
    if (env.host_path == host_path) return &env;
  }
  return nullptr;
}

// EnvironmentFile=[-]PATH: the file's assignments join the environment; a missing file without '-' makes
// systemd refuse to start the service.
void LoadEnvironmentFile(const parsers::UnitEntry& entry, const std::vector<EnvFileSource>& env_files,
                         bool whole_tree, AssembledService* service, base::Diagnostics* diagnostics) {
  std::string path(base::Trim(entry.value.text()));
  bool optional = path.starts_with('-');
  if (optional) path = std::string(base::Trim(std::string_view(path).substr(1)));
  const EnvFileSource* env = FindEnvFile(env_files, path);
  if (env == nullptr) {
    if (whole_tree && !optional) {
      diagnostics->push_back({DiagnosticCode::kEnvironmentFileMissing,
                              "EnvironmentFile=" + path +
                                  " does not exist in this tree and has no '-' prefix: systemd refuses to "
                                  "start the service",
                              entry.value.SpanOf(0, entry.value.size())});
    }
    return;
  }
  service->env_files_read.push_back(env->file);
  parsers::EnvFile parsed = parsers::ParseEnvFile(*env->file, diagnostics);
  for (const parsers::EnvAssignment& a : parsed.assignments) service->environment[a.name] = a.value;
}

}  // namespace

AssembledService AssembleService(const std::vector<parsers::UnitFile>& units,
                                 const std::vector<EnvFileSource>& env_files, bool whole_tree,
                                 base::Diagnostics* diagnostics) {
  AssembledService service;
  std::vector<const parsers::UnitEntry*> exec_starts;
  std::vector<const parsers::UnitEntry*> environment_files;
  std::string service_type = "simple";  // systemd's default; docker.service says notify
  for (const parsers::UnitFile& unit : units) {
    for (const parsers::UnitEntry& entry : unit.entries) {
      if (entry.section != "Service") continue;
      if (entry.key == "ExecStart") exec_starts.push_back(&entry);
      if (entry.key == "Type") service_type = std::string(base::Trim(entry.value.text()));
      if (entry.key == "Environment") AddEnvironment(entry, &service.environment, diagnostics);
      if (entry.key == "EnvironmentFile") {
        if (entry.value.empty()) {
          environment_files.clear();  // an empty assignment resets the list
        } else {
          environment_files.push_back(&entry);
        }
      }
    }
  }
  if (service_type != "oneshot") {
    for (const parsers::UnitEntry* extra : SurplusExecStarts(exec_starts)) {
      diagnostics->push_back(
          {DiagnosticCode::kExecStartNotReset,
           "a second ExecStart= without an empty \"ExecStart=\" before it: systemd refuses a "
           "Type=" +
               service_type +
               " service with more than one (\"only allowed for "
               "Type=oneshot services. Refusing.\")",
           extra->key_span});
    }
  }
  for (const parsers::UnitEntry* entry : environment_files)
    LoadEnvironmentFile(*entry, env_files, whole_tree, &service, diagnostics);
  service.exec_start = EffectiveExecStart(exec_starts);
  return service;
}

void ReportUnreadEnvFiles(const std::vector<EnvFileSource>& env_files, const AssembledService& service,
                          base::Diagnostics* diagnostics) {
  for (const EnvFileSource& env : env_files) {
    const auto& read = service.env_files_read;
    if (std::find(read.begin(), read.end(), env.file) != read.end()) continue;
    base::Diagnostics ignored;  // reported where the file is read, or not at all: it has no effect
    parsers::EnvFile parsed = parsers::ParseEnvFile(*env.file, &ignored);
    if (parsed.assignments.empty()) continue;
    const parsers::EnvAssignment& first = parsed.assignments.front();
    diagnostics->push_back({DiagnosticCode::kEnvFileNotRead,
                            "no EnvironmentFile= of docker.service reads " + env.host_path + ", so " +
                                first.name + " and the rest of this file have no effect on dockerd",
                            first.name_span});
  }
}

void AddSocketUnit(const parsers::UnitFile& unit, HostConfig* config) {
  for (const parsers::UnitEntry* entry : unit.Find("Socket", "ListenStream")) {
    if (entry->value.empty()) {
      config->socket_listeners.clear();  // an empty assignment resets the list
      continue;
    }
    config->socket_listeners.push_back({entry->value.text(), entry->value.SpanOf(0, entry->value.size())});
  }
  auto& ownership = config->socket_ownership;
  if (!ownership.unit_present) {
    ownership.unit_present = true;
    ownership.unit_span = base::SourceSpan{unit.file, 0, unit.file->content().empty() ? 0u : 1u};
  }
  for (auto [key, value, span] : {std::tuple{"SocketMode", &ownership.mode, &ownership.mode_span},
                                  std::tuple{"SocketUser", &ownership.user, &ownership.user_span},
                                  std::tuple{"SocketGroup", &ownership.group, &ownership.group_span}}) {
    for (const parsers::UnitEntry* entry : unit.Find("Socket", key)) {
      *value = entry->value.text();  // the last assignment wins
      *span = entry->value.SpanOf(0, entry->value.size());
    }
  }
}

}  // namespace docklint::model
