#include "app/baseline.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/source_file.h"

namespace docklint::app {

bool ReadBaseline(const std::string& path, Baseline* baseline, std::string* error) {
  std::string text;
  if (!base::ReadFileToString(path, &text, error)) return false;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based; give the line a user can look at.
    size_t byte = std::min<size_t>(e.byte ? e.byte - 1 : 0, text.size());
    size_t line =
        1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n'));
    *error = "line " + std::to_string(line) + ": not JSON (" + std::string(e.what()) + ")";
    return false;
  }
  if (!doc.is_object() || doc.value("version", 0) != 1 || !doc.contains("findings") ||
      !doc["findings"].is_array()) {
    *error =
        "not a docklint baseline (expected {\"version\": 1, \"findings\": [...]}, as --baseline-write "
        "writes)";
    return false;
  }
  for (const nlohmann::json& item : doc["findings"]) {
    if (!item.is_object() || !item.contains("fingerprint") || !item["fingerprint"].is_string()) {
      *error = "a finding without a \"fingerprint\" string";
      return false;
    }
    ++(*baseline)[item["fingerprint"].get<std::string>()];
  }
  return true;
}

bool WriteBaseline(const std::string& path, const std::vector<base::Finding>& findings,
                   const std::vector<std::string>& fingerprints, std::string* error) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    // Rule and file are there for people reading the file; only the fingerprint is matched.
    list.push_back({{"fingerprint", fingerprints[i]},
                    {"rule", findings[i].rule_id},
                    {"file", findings[i].location.file}});
  }
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["findings"] = std::move(list);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  if (!out) {
    *error = "cannot write the file";
    return false;
  }
  return true;
}

void ApplyBaseline(const Baseline& baseline, std::vector<base::Finding>* findings,
                   const std::vector<std::string>& fingerprints) {
  Baseline remaining = baseline;
  std::vector<base::Finding> kept;
  for (size_t i = 0; i < findings->size(); ++i) {
    auto it = remaining.find(fingerprints[i]);
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      continue;
    }
    kept.push_back(std::move((*findings)[i]));
  }
  *findings = std::move(kept);
}

}  // namespace docklint::app
