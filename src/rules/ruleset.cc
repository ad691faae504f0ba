#include "rules/ruleset.h"

#include <set>

#include "base/toml.h"
#include "base/toml_parse.h"
#include "parsers/dockerd_flag_catalog.h"
#include "rules/check_registry.h"

namespace docklint::rules {
namespace {

const std::set<std::string_view> kOps = {
    "eq", "noteq", "gt", "gte", "lt", "lte", "has", "nothave", "regex", "valid_elements", "bitmask"};

class RuleReader {
 public:
  RuleReader(std::string_view path, std::vector<std::string>* errors) : path_(path), errors_(errors) {}

  bool Error(const toml::source_region& where, const std::string& message) {
    errors_->push_back(std::string(path_) + ":" + std::to_string(where.begin.line) + ":" +
                       std::to_string(where.begin.column) + ": error: " + message);
    return false;
  }

  // Reads a required or optional string; false (with an error) when present but not a string.
  bool String(const toml::table& table, std::string_view key, std::string* out, bool required) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      return required ? Error(table.source(), "missing required key '" + std::string(key) + "'") : true;
    }
    const auto* value = node->as_string();
    if (value == nullptr) return Error(node->source(), "'" + std::string(key) + "' must be a string");
    *out = value->get();
    return true;
  }

  // An optional true-or-false key; `out` keeps its value when the key is absent.
  bool Bool(const toml::table& table, std::string_view key, bool* out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return true;
    if (!node->is_boolean()) return Error(node->source(), "'" + std::string(key) + "' must be true or false");
    *out = node->as_boolean()->get();
    return true;
  }

  bool KnownSetting(const toml::node& where, const std::string& setting) {
    if (parsers::FindFlagByJsonKey(setting) != nullptr || parsers::FindFlagByLongName(setting) != nullptr)
      return true;
    return Error(where.source(),
                 "unknown setting '" + setting + "' (a daemon.json key or dockerd flag name)");
  }

  bool ReadTestItem(const toml::table& table, TestItem* item) {
    if (!String(table, "setting", &item->setting, true)) return false;
    if (!KnownSetting(*table.get("setting"), item->setting)) return false;
    if (const toml::node* set = table.get("set")) {
      if (!set->is_boolean()) return Error(set->source(), "'set' must be true or false");
      item->set = set->as_boolean()->get();
    }
    if (const toml::node* compare = table.get("compare")) {
      const toml::table* cmp = compare->as_table();
      if (cmp == nullptr) return Error(compare->source(), "'compare' must be a table {op, value}");
      if (!String(*cmp, "op", &item->op, true)) return false;
      if (!kOps.contains(item->op))
        return Error(cmp->get("op")->source(), "unknown compare op '" + item->op + "'");
      const toml::node* value = cmp->get("value");
      if (value == nullptr) return Error(cmp->source(), "missing required key 'value'");
      if (const auto* s = value->as_string()) {
        item->value = s->get();
      } else if (const auto* i = value->as_integer()) {
        item->value = std::to_string(i->get());
      } else if (const auto* b = value->as_boolean()) {
        item->value = b->get() ? "true" : "false";
      } else {
        return Error(value->source(), "'value' must be a string, integer or boolean");
      }
      if (item->op == "regex") {
        try {
          item->regex.emplace(item->value, kRegexFlags);
        } catch (const std::regex_error& e) {
          return Error(value->source(), "invalid regex: " + std::string(e.what()));
        }
      }
    }
    if (!item->set && item->op.empty()) return Error(table.source(), "a test item needs 'set' or 'compare'");
    return true;
  }

  bool ReadTest(const toml::node& node, Test* test) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return Error(node.source(), "'test' must be a table");
    if (const toml::node* op = table->get("bin_op")) {
      const auto* s = op->as_string();
      if (s == nullptr || (s->get() != "and" && s->get() != "or")) {
        return Error(op->source(), "'bin_op' must be \"and\" or \"or\"");
      }
      test->bin_op = s->get() == "or" ? Test::BinOp::kOr : Test::BinOp::kAnd;
    }
    if (const toml::node* items = table->get("items")) {
      const toml::array* array = items->as_array();
      if (array == nullptr || array->empty())
        return Error(items->source(), "'items' must be a non-empty array");
      for (const toml::node& element : *array) {
        if (!element.is_table()) return Error(element.source(), "each test item must be a table");
        TestItem item;
        if (!ReadTestItem(*element.as_table(), &item)) return false;
        test->items.push_back(std::move(item));
      }
      return true;
    }
    TestItem item;
    if (!ReadTestItem(*table, &item)) return false;
    test->items.push_back(std::move(item));
    return true;
  }

  bool ReadRule(const toml::table& table, Rule* rule) {
    rule->defined_in = path_;
    if (!String(table, "id", &rule->id, true) || !String(table, "name", &rule->name, true) ||
        !String(table, "title", &rule->title, true) || !String(table, "message", &rule->message, false)) {
      return false;
    }
    if (rule->id.size() != 7 || !rule->id.starts_with("DKL") ||
        rule->id.find_first_not_of("0123456789", 3) != std::string::npos) {
      return Error(table.get("id")->source(), "rule id '" + rule->id + "' must be DKL followed by 4 digits");
    }
    std::string severity;
    if (!String(table, "severity", &severity, true)) return false;
    auto parsed = base::ParseSeverity(severity);
    if (!parsed)
      return Error(table.get("severity")->source(), "severity must be error, warning, info or style");
    rule->severity = *parsed;
    if (const toml::node* docs = table.get("docs")) {
      const toml::table* d = docs->as_table();
      if (d == nullptr) return Error(docs->source(), "'docs' must be a table");
      if (!String(*d, "what", &rule->docs.what, true) || !String(*d, "why", &rule->docs.why, true) ||
          !String(*d, "example", &rule->docs.example, false) || !String(*d, "fix", &rule->docs.fix, true)) {
        return false;
      }
    }
    if (const toml::node* refs = table.get("references")) {
      const toml::array* array = refs->as_array();
      if (array == nullptr) return Error(refs->source(), "'references' must be an array of strings");
      for (const toml::node& ref : *array) {
        const auto* s = ref.as_string();
        if (s == nullptr || s->get().find(':') == std::string::npos) {
          return Error(ref.source(), "a reference is written \"<benchmark>:<id>\"");
        }
        rule->references.push_back(s->get());
      }
    }
    if (table.contains("scored")) {
      bool scored = false;
      if (!Bool(table, "scored", &scored)) return false;
      rule->scored = scored;
    }
    if (const toml::node* level = table.get("level")) {
      if (!level->is_integer()) return Error(level->source(), "'level' must be 1 or 2");
      rule->level = static_cast<int>(level->as_integer()->get());
    }
    if (const toml::node* applies = table.get("applies_when")) {
      Test t;
      if (!ReadTest(*applies, &t)) return false;
      rule->applies_when = std::move(t);
    }
    if (!Bool(table, "manual", &rule->manual)) return false;
    if (!Bool(table, "opt_in", &rule->opt_in)) return false;
    if (!Bool(table, "shipped_image_only", &rule->shipped_image_only)) return false;
    if (!Bool(table, "not_in_swarm", &rule->not_in_swarm)) return false;
    if (!Bool(table, "unnecessary", &rule->unnecessary)) return false;
    if (const toml::node* evidence = table.get("evidence")) {
      const toml::array* array = evidence->as_array();
      if (array == nullptr) return Error(evidence->source(), "'evidence' must be an array of setting names");
      for (const toml::node& e : *array) {
        if (!e.is_string()) return Error(e.source(), "'evidence' must be an array of setting names");
        if (!KnownSetting(e, e.as_string()->get())) return false;
        rule->evidence.push_back(e.as_string()->get());
      }
    }
    if (!Bool(table, "fatal", &rule->fatal)) return false;
    if (!String(table, "fatal_effect", &rule->fatal_effect, false)) return false;
    if (const toml::node* params = table.get("params")) {
      const toml::table* p = params->as_table();
      if (p == nullptr) return Error(params->source(), "'params' must be a table of strings");
      for (const auto& [key, value] : *p) {
        if (!value.is_string()) return Error(value.source(), "'params' values must be strings");
        rule->params[std::string(key.str())] = value.as_string()->get();
      }
    }
    int deciders = 0;
    if (const toml::node* test = table.get("test")) {
      Test t;
      if (!ReadTest(*test, &t)) return false;
      rule->test = std::move(t);
      ++deciders;
    }
    if (table.contains("check")) {
      if (!String(table, "check", &rule->check, true)) return false;
      const Check* check = FindCheck(rule->check);
      const DockerfileCheck* dockerfile_check = FindDockerfileCheck(rule->check);
      const ComposeCheck* compose_check = FindComposeCheck(rule->check);
      if (check == nullptr && dockerfile_check == nullptr && compose_check == nullptr) {
        return Error(table.get("check")->source(), "no C++ check named '" + rule->check + "'");
      }
      rule->target = dockerfile_check ? RuleTarget::kDockerfile
                     : compose_check  ? RuleTarget::kCompose
                                      : RuleTarget::kHost;
      std::string error = check              ? check->CheckParams(rule->params)
                          : dockerfile_check ? dockerfile_check->CheckParams(rule->params)
                                             : compose_check->CheckParams(rule->params);
      if (!error.empty()) {
        const toml::node* at = table.get("params") ? table.get("params") : table.get("check");
        return Error(at->source(), error);
      }
      ++deciders;
    }
    if (const toml::node* by_parser = table.get("reported_by_parser")) {
      if (!by_parser->is_boolean())
        return Error(by_parser->source(), "'reported_by_parser' must be a boolean");
      rule->reported_by_parser = by_parser->as_boolean()->get();
      if (rule->reported_by_parser) ++deciders;
    }
    if (rule->shipped_image_only && rule->target != RuleTarget::kDockerfile)
      return Error(table.get("shipped_image_only")->source(),
                   "'shipped_image_only' is for rules whose check reads a Dockerfile");
    if (rule->manual && deciders == 0) ++deciders;  // a manual control may have no test at all
    if (deciders != 1) {
      return Error(
          table.source(),
          "rule " + rule->id + " needs exactly one of 'test', 'check', 'reported_by_parser' (or 'manual')");
    }
    return true;
  }

 private:
  std::string_view path_;
  std::vector<std::string>* errors_;
};

}  // namespace

bool Ruleset::Load(std::string_view path, std::string_view text, std::vector<std::string>* errors) {
  RuleReader reader(path, errors);
  base::TomlParse parsed = base::ParseToml(text, path);
  if (!parsed.ok) {
    errors->push_back(std::string(path) + ":" + std::to_string(parsed.line) + ":" +
                      std::to_string(parsed.column) + ": error: " + parsed.error);
    return false;
  }
  const toml::table& root = parsed.table;
  const toml::node* rules = root.get("rule");
  if (rules == nullptr) return true;
  const toml::array* array = rules->as_array();
  if (array == nullptr) return reader.Error(rules->source(), "rules are written as [[rule]] tables");
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return reader.Error(node.source(), "rules are written as [[rule]] tables");
    Rule rule;
    if (!reader.ReadRule(*table, &rule)) return false;
    if (const Rule* other = FindById(rule.id)) {
      return reader.Error(table->source(),
                          "rule id " + rule.id + " is already defined in " + other->defined_in);
    }
    if (const Rule* other = FindByName(rule.name)) {
      return reader.Error(table->source(), "rule name " + rule.name + " is already used by " + other->id);
    }
    rules_.push_back(std::move(rule));
  }
  return true;
}

// Ruleset::LoadBuiltin() is generated at build time from rulesets/*.toml (rules/ruleset_codegen.h).

const Rule* Ruleset::FindById(std::string_view id) const {
  for (const Rule& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

const Rule* Ruleset::FindByName(std::string_view name) const {
  for (const Rule& rule : rules_) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

}  // namespace docklint::rules
