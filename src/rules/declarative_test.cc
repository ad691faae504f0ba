#include "rules/declarative_test.h"

#include <algorithm>
#include <charconv>

#include "base/strings.h"

namespace docklint::rules {
namespace {

using base::Lower;
std::string Trim(std::string_view s) { return std::string(base::Trim(s)); }

std::vector<std::string> SplitTrimmed(const std::string& s) {
  std::vector<std::string> out;
  if (Trim(s).empty()) return out;
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    out.push_back(Trim(std::string_view(s).substr(start, comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

std::optional<long long> ParseInt(const std::string& s, int base = 10) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n, base);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

// An empty string is unset too: dockerd merges its configuration over the flags' defaults, so a zero value
// ("cgroup-parent": "") leaves the default in place.
bool IsSet(const model::Setting* setting) {
  if (setting == nullptr) return false;
  nlohmann::json value = setting->Value();
  if (value.is_string()) return !value.get<std::string>().empty();
  return !value.is_null() && !((value.is_array() || value.is_object()) && value.empty());
}

struct ItemOutcome {
  bool passed = true;
  bool from_default = false;
  std::string actual;
};

ItemOutcome EvaluateItem(const TestItem& item, const model::HostConfig& config) {
  const model::Setting* setting = config.Find(item.setting);
  bool is_set = IsSet(setting);
  ItemOutcome out;
  if (item.set.has_value() && !*item.set) {
    out.passed = !is_set;
    if (is_set) out.actual = ValueText(setting->Value());
    return out;
  }
  if (item.set.has_value() && *item.set && !is_set) {
    out.passed = false;
    out.from_default = true;
    return out;
  }
  if (item.op.empty()) return out;
  nlohmann::json value = is_set ? setting->Value() : config.ValueOrDefault(item.setting);
  out.from_default = !is_set;
  if (value.is_null()) {
    out.passed = false;
    return out;
  }
  out.actual = ValueText(value);
  out.passed = Compare(item, out.actual);
  return out;
}

std::string FormatMessage(const Rule& rule, const TestItem& item, const ItemOutcome& outcome,
                          const model::HostConfig& config) {
  std::string message = rule.message.empty() ? rule.title : rule.message;
  for (auto [placeholder, text] : {std::pair<std::string, std::string>{"{value}", outcome.actual},
                                   std::pair<std::string, std::string>{"{setting}", item.setting}}) {
    for (size_t at = message.find(placeholder); at != std::string::npos; at = message.find(placeholder, at)) {
      message.replace(at, placeholder.size(), text);
      at += text.size();
    }
  }
  // Only a compare reads the default; "set = true" failing already says that nothing sets it.
  // Said of what was read: a daemon.json linted alone may have flags set elsewhere.
  if (outcome.from_default && !item.op.empty()) {
    message += config.only_daemon_json_read()
                   ? " (this file does not set \"" + item.setting + "\", so dockerd's default applies unless "
                         "a flag sets it)"
                   : " (nothing sets \"" + item.setting + "\", so dockerd's default applies)";
  }
  return message;
}

}  // namespace

base::SourceSpan HostWidePlace(const model::HostConfig& config) {
  if (config.daemon_json_span.valid()) {
    const base::SourceSpan& file = config.daemon_json_span;
    return base::SourceSpan{file.file, file.begin, file.begin + 1};
  }
  return config.exec_start_span;
}

std::string ValueText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array()) {
    std::string out;
    for (const auto& element : value) out += (out.empty() ? "" : ",") + ValueText(element);
    return out;
  }
  if (value.is_object()) {
    std::string out;
    for (const auto& [k, v] : value.items()) out += (out.empty() ? "" : ",") + k + "=" + ValueText(v);
    return out;
  }
  return value.is_null() ? "" : value.dump();
}

bool Compare(const TestItem& item, const std::string& actual) {
  const std::string& expected = item.value;
  const std::string& op = item.op;
  if (op == "eq" || op == "noteq") {
    bool equal = (Lower(actual) == "true" || Lower(actual) == "false") ? Lower(actual) == Lower(expected)
                                                                       : actual == expected;
    return op == "eq" ? equal : !equal;
  }
  if (op == "gt" || op == "gte" || op == "lt" || op == "lte") {
    auto a = ParseInt(actual), e = ParseInt(expected);
    if (!a || !e) return false;
    if (op == "gt") return *a > *e;
    if (op == "gte") return *a >= *e;
    if (op == "lt") return *a < *e;
    return *a <= *e;
  }
  if (op == "has") return actual.find(expected) != std::string::npos;
  if (op == "nothave") return actual.find(expected) == std::string::npos;
  if (op == "regex") return item.regex && std::regex_search(actual, *item.regex);
  if (op == "valid_elements") {
    std::vector<std::string> have = SplitTrimmed(actual), allowed = SplitTrimmed(expected);
    if (have.empty() || allowed.empty()) return have.empty() && allowed.empty();
    return std::all_of(have.begin(), have.end(), [&](const std::string& h) {
      return std::find(allowed.begin(), allowed.end(), h) != allowed.end();
    });
  }
  if (op == "bitmask") {
    auto a = ParseInt(actual, 8), max = ParseInt(expected, 8);
    return a && max && (*max & *a) == *a;
  }
  return false;
}

bool TestPasses(const Test& test, const model::HostConfig& config) {
  bool passed = test.bin_op == Test::BinOp::kAnd;
  for (const TestItem& item : test.items) {
    bool item_passed = EvaluateItem(item, config).passed;
    passed = test.bin_op == Test::BinOp::kAnd ? passed && item_passed : passed || item_passed;
  }
  return passed;
}

std::string DescribeSettings(const std::vector<std::string>& keys, const model::HostConfig& config) {
  std::string out;
  for (const std::string& key : keys) {
    const model::Setting* setting = config.Find(key);
    std::string text;
    if (IsSet(setting)) {
      text = key + "=" + ValueText(setting->Value());
    } else {
      nlohmann::json fallback = config.ValueOrDefault(key);
      text = key + " unset" + (fallback.is_null() ? "" : " (default " + ValueText(fallback) + ")");
    }
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

TestResult EvaluateTest(const Rule& rule, const model::HostConfig& config,
                        std::vector<base::Finding>* findings) {
  const Test& test = *rule.test;
  for (const TestItem& item : test.items) {
    // dockerd refuses the value (that finding says it all, and no default would apply), or the value is in
    // a daemon.json dockerd cannot read.
    if (config.IsUnknown(item.setting)) return TestResult::kUndecided;
  }
  const TestItem* failing = nullptr;
  ItemOutcome failing_outcome;
  bool passed = test.bin_op == Test::BinOp::kAnd;
  for (const TestItem& item : test.items) {
    ItemOutcome outcome = EvaluateItem(item, config);
    // The item that explains the failure: the first failing one, but a failing compare beats a failing
    // "set = false" (in "absent or not aufs", the compare names what is wrong).
    bool more_specific = failing != nullptr && failing->op.empty() && !item.op.empty();
    if (!outcome.passed && (failing == nullptr || more_specific)) {
      failing = &item;
      failing_outcome = outcome;
    }
    passed = test.bin_op == Test::BinOp::kAnd ? passed && outcome.passed : passed || outcome.passed;
  }
  if (passed || failing == nullptr) return TestResult::kPassed;
  // One finding per deciding place: each list element or map entry by itself, a scalar by its flag or key
  // with the value, and for a default the daemon.json file or else the ExecStart line.
  std::vector<std::pair<base::SourceSpan, ItemOutcome>> places;
  if (!failing_outcome.from_default) {
    if (const model::Setting* setting = config.Find(failing->setting)) {
      bool scalar = parsers::IsScalar(setting->spec->type);
      std::vector<std::pair<base::SourceSpan, ItemOutcome>> offending, all;
      for (const model::SettingItem* item : setting->EffectiveItems()) {
        // Not a copy of failing_outcome: its text is the whole list joined, and copying it once per element
        // made a daemon.json with 40,000 insecure-registries take a second.
        ItemOutcome per_item{
            .passed = failing_outcome.passed,
            .from_default = failing_outcome.from_default,
            .actual = scalar ? failing_outcome.actual
                             : (item->map_key.empty() ? "" : item->map_key + "=") + ValueText(item->value)};
        all.emplace_back(scalar ? item->origin.whole : item->origin.value, per_item);
        // Of a list, point at the elements that break the compare by themselves ("nothave dm.basesize").
        if (!scalar && !failing->op.empty() && !Compare(*failing, per_item.actual))
          offending.push_back(all.back());
      }
      places = offending.empty() ? all : offending;
    }
  } else {
    places.emplace_back(HostWidePlace(config), failing_outcome);
  }
  if (places.empty()) places.emplace_back(base::SourceSpan{}, failing_outcome);
  for (const auto& [place, outcome] : places) {
    base::Finding finding;
    finding.message = FormatMessage(rule, *failing, outcome, config);
    finding.location = base::Location::Of(place);
    findings->push_back(std::move(finding));
  }
  return TestResult::kFailed;
}

}  // namespace docklint::rules
