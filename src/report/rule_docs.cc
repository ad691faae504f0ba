#include "report/rule_docs.h"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>

namespace docklint::report {
namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// How a rule is decided, for the listing.
std::string_view BaseKind(const rules::Rule& rule) {
  if (rule.reported_by_parser) return "input";
  if (rule.manual) return "manual";
  if (rule.target == rules::RuleTarget::kDockerfile) return "dockerfile";
  if (rule.target == rules::RuleTarget::kCompose) return "compose";
  return rule.test ? "test" : "check";
}

// What decides the rule, and whether it runs only when asked for.
std::string Kind(const rules::Rule& rule) {
  return std::string(BaseKind(rule)) + (rule.opt_in ? ", opt-in" : "");
}

void WriteSection(std::string_view heading, const std::string& text, std::ostream& out) {
  if (text.empty()) return;
  out << '\n' << heading << '\n';
  size_t start = 0;
  while (start <= text.size()) {
    size_t newline = text.find('\n', start);
    if (newline == std::string::npos) newline = text.size();
    out << "  " << text.substr(start, newline - start) << '\n';
    start = newline + 1;
  }
}

}  // namespace

void WriteRuleList(const std::vector<const rules::Rule*>& rules, std::string_view format,
                   std::string_view benchmark, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const rules::Rule* rule : rules) {
      nlohmann::ordered_json item;
      item["id"] = rule->id;
      item["name"] = rule->name;
      item["severity"] = base::SeverityName(rule->severity);
      item["title"] = rule->title;
      item["references"] = rule->references;
      item["kind"] = std::string(BaseKind(*rule));
      item["opt_in"] = rule->opt_in;
      if (!benchmark.empty()) item["control"] = rule->ControlId(benchmark);
      list.push_back(std::move(item));
    }
    out << list.dump(2) << '\n';
    return;
  }
  if (format == "markdown") {
    out << "| id | name | severity | kind | title | references |\n|---|---|---|---|---|---|\n";
    for (const rules::Rule* rule : rules) {
      out << "| " << rule->id << " | `" << rule->name << "` | " << base::SeverityName(rule->severity) << " | "
          << Kind(*rule) << " | " << rule->title << " | " << Join(rule->references, ", ") << " |\n";
    }
    return;
  }
  for (const rules::Rule* rule : rules) {
    out << rule->id << "  " << std::left << std::setw(34) << rule->name << ' ' << std::setw(8)
        << base::SeverityName(rule->severity);
    if (!benchmark.empty()) out << ' ' << std::setw(6) << rule->ControlId(benchmark);
    out << ' ' << rule->title << '\n';
  }
}

void WriteExplanation(const rules::Rule& rule, std::ostream& out) {
  out << rule.id << " " << rule.name << " (" << base::SeverityName(rule.severity);
  if (rule.level > 0) out << ", level " << rule.level;
  if (rule.scored) out << (*rule.scored ? ", scored" : ", not scored");
  if (rule.manual) out << ", manual";
  if (rule.opt_in) out << ", opt-in";
  out << ")\n" << rule.title << '\n';
  WriteSection("What it checks", rule.docs.what, out);
  WriteSection("Why it matters", rule.docs.why, out);
  WriteSection("Example", rule.docs.example, out);
  WriteSection("Fix", rule.docs.fix, out);
  WriteSection("References", Join(rule.references, "\n"), out);
}

}  // namespace docklint::report
