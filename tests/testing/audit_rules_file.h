// Test helper: an audit rules file in memory, parsed, with the diagnostics the parser gave.
#ifndef DOCKLINT_TESTS_TESTING_AUDIT_RULES_FILE_H_
#define DOCKLINT_TESTS_TESTING_AUDIT_RULES_FILE_H_

#include <memory>
#include <string>
#include <utility>

#include "base/source_file.h"
#include "parsers/audit_rules.h"

namespace docklint::test_support {

struct ParsedAuditRules {
  std::unique_ptr<base::SourceFile> file;
  parsers::AuditRules rules;
  base::Diagnostics diagnostics;
};

inline ParsedAuditRules ParseAuditRulesText(std::string content, std::string path = "audit.rules") {
  ParsedAuditRules out;
  out.file = std::make_unique<base::SourceFile>(std::move(path), std::move(content));
  out.rules = parsers::ParseAuditRules(*out.file, &out.diagnostics);
  return out;
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_AUDIT_RULES_FILE_H_
