#include "app/baseline.h"

#include <filesystem>
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

bool BaselineWriter::Open(const std::string& path, std::string* error) {
  path_ = path;
  temporary_ = path + ".docklint-tmp";
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    *error = "cannot write the file";
    return false;
  }
  out_ << "{\n  \"version\": 1,\n  \"findings\": [";
  return true;
}

void BaselineWriter::Add(const std::vector<base::Finding>& findings,
                         const std::vector<std::string>& fingerprints) {
  for (size_t i = 0; i < findings.size(); ++i) {
    // Rule and file are there for people reading the file; only the fingerprint is matched.
    nlohmann::ordered_json item = {
        {"fingerprint", fingerprints[i]}, {"rule", findings[i].rule_id}, {"file", findings[i].location.file}};
    std::string text = item.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    out_ << (count_++ == 0 ? "\n    " : ",\n    ");
    for (char c : text) {
      out_ << c;
      if (c == '\n') out_ << "    ";  // nested two levels deep
    }
  }
}

bool BaselineWriter::Finish(std::string* error) {
  out_ << (count_ == 0 ? "]" : "\n  ]") << "\n}\n";
  out_.close();
  std::error_code ec;
  if (!out_ || (std::filesystem::rename(temporary_, path_, ec), ec)) {
    std::filesystem::remove(temporary_, ec);
    *error = "cannot write the file";
    return false;
  }
  return true;
}

void ApplyBaseline(Baseline* remaining, std::vector<base::Finding>* findings,
                   std::vector<std::string>* fingerprints) {
  size_t kept = 0;
  for (size_t i = 0; i < findings->size(); ++i) {
    auto it = remaining->find((*fingerprints)[i]);
    if (it != remaining->end() && it->second > 0) {
      --it->second;
      continue;
    }
    if (kept != i) {
      (*findings)[kept] = std::move((*findings)[i]);
      (*fingerprints)[kept] = std::move((*fingerprints)[i]);
    }
    ++kept;
  }
  findings->resize(kept);
  fingerprints->resize(kept);
}

}  // namespace docklint::app
