#include "parsers/seccomp_profile.h"

#include <string_view>
#include <utility>

#include "base/strings.h"

namespace docklint::parsers {
namespace {

constexpr base::DiagnosticCode kCode = base::DiagnosticCode::kInvalidSeccompProfile;

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (base::AsciiLower(a[i]) != base::AsciiLower(b[i])) return false;
  }
  return true;
}

// The member json.Unmarshal stores into the field `name`: keys match it without regard to case, and each
// match overwrites the one before.
const JsonNode* Field(const JsonNode& object, std::string_view name) {
  const JsonNode* found = nullptr;
  for (const JsonMember& member : object.members) {
    if (EqualsIgnoringCase(member.key, name)) found = &member.value;
  }
  return found;
}

class Checker {
 public:
  explicit Checker(base::Diagnostics* diagnostics) : diagnostics_(diagnostics) {}

  // A JSON null leaves a Go field as it was, whatever its type.
  bool Is(const JsonNode* node, JsonNode::Kind kind, std::string_view field, std::string_view go_type) {
    if (node == nullptr || node->kind == JsonNode::Kind::kNull || node->kind == kind) return true;
    diagnostics_->push_back({kCode,
                             "invalid seccomp profile: json: cannot unmarshal " +
                                 std::string(node->KindName()) + " into Go struct field " +
                                 std::string(field) + " of type " + std::string(go_type),
                             node->span});
    ok_ = false;
    return false;
  }

  bool ok() const { return ok_; }

 private:
  base::Diagnostics* diagnostics_;
  bool ok_ = true;
};

using Kind = JsonNode::Kind;

void CheckStrings(Checker* check, const JsonNode* list, std::string_view field) {
  if (!check->Is(list, Kind::kArray, field, "[]string") || list == nullptr) return;
  for (const JsonNode& item : list->elements) check->Is(&item, Kind::kString, field, "string");
}

}  // namespace

bool SeccompActionAllows(const std::string& action) {
  return action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG";
}

SeccompProfile ParseSeccompProfile(const base::SourceFile& file, base::Diagnostics* diagnostics) {
  SeccompProfile profile;
  // json.Unmarshal reads as Go's json.Decoder does on the raw bytes (a byte order mark and an empty file
  // are errors), except that it also refuses anything after the value.
  base::Diagnostics parsed_diagnostics;
  DaemonJson parsed = ParseDaemonJson(file, &parsed_diagnostics, DaemonJsonReader::kEngine2010);
  bool ok = parsed.root.has_value();
  for (base::Diagnostic& d : parsed_diagnostics) {
    if (d.code == base::DiagnosticCode::kDaemonJsonTrailingContent) {
      d.message = "invalid JSON: text after the JSON value (json.Unmarshal refuses it)";
    } else if (d.message.rfind("invalid JSON", 0) != 0) {
      d.message = "invalid JSON: " + d.message;
    }
    d.code = kCode;
    ok = false;
    diagnostics->push_back(std::move(d));
  }
  if (!ok) return profile;

  Checker check(diagnostics);
  const JsonNode& root = *parsed.root;
  if (root.kind != Kind::kNull && root.kind != Kind::kObject) {
    check.Is(&root, Kind::kObject, "Seccomp", "seccomp.Seccomp");
    return profile;
  }
  if (root.kind == Kind::kObject) {
    const JsonNode* action = Field(root, "defaultAction");
    if (check.Is(action, Kind::kString, "Seccomp.defaultAction", "specs.LinuxSeccompAction") && action &&
        action->kind == Kind::kString) {
      profile.default_action = action->scalar.get<std::string>();
      profile.default_action_span = action->span;
    }
    check.Is(Field(root, "defaultErrnoRet"), Kind::kNumber, "Seccomp.defaultErrnoRet", "uint");
    CheckStrings(&check, Field(root, "architectures"), "Seccomp.architectures");
    CheckStrings(&check, Field(root, "flags"), "Seccomp.flags");
    check.Is(Field(root, "archMap"), Kind::kArray, "Seccomp.archMap", "[]seccomp.Architecture");
    const JsonNode* syscalls = Field(root, "syscalls");
    if (check.Is(syscalls, Kind::kArray, "Seccomp.syscalls", "[]*seccomp.Syscall") && syscalls) {
      profile.syscall_rules = static_cast<int>(syscalls->elements.size());
      for (const JsonNode& rule : syscalls->elements) {
        if (!check.Is(&rule, Kind::kObject, "Seccomp.syscalls", "seccomp.Syscall") ||
            rule.kind != Kind::kObject)
          continue;
        check.Is(Field(rule, "name"), Kind::kString, "Syscall.name", "string");
        CheckStrings(&check, Field(rule, "names"), "Syscall.names");
        const JsonNode* rule_action = Field(rule, "action");
        if (check.Is(rule_action, Kind::kString, "Syscall.action", "specs.LinuxSeccompAction") &&
            rule_action && rule_action->kind == Kind::kString &&
            !SeccompActionAllows(rule_action->scalar.get<std::string>())) {
          ++profile.blocking_rules;
        }
      }
    }
  }
  if (check.ok()) profile.root = std::move(parsed.root);
  return profile;
}

}  // namespace docklint::parsers
