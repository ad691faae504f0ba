#include "rules/checks/log_level.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "base/strings.h"

namespace docklint::rules::checks {
namespace {

const model::SettingItem* LastItem(const model::Setting* setting) {
  if (setting == nullptr) return nullptr;
  std::vector<const model::SettingItem*> items = setting->EffectiveItems();
  return items.empty() ? nullptr : items.back();
}

}  // namespace

bool LogLevel::Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const {
  const char* kAdvice = "; CIS asks for info (debug floods the log, warn and above lose events)";
  // cmd/dockerd: the configured level is set first; debug (-D) then raises it to debug.
  const model::SettingItem* debug = LastItem(host.config.Find("debug"));
  if (debug != nullptr && debug->value == true) {
    base::Finding finding;
    finding.message = "dockerd logs at level debug (" + debug->origin.written + " is on)" + kAdvice;
    finding.location = base::Location::Of(debug->origin.whole);
    findings->push_back(std::move(finding));
    return true;
  }
  if (host.config.IsUnknown("log-level")) return false;
  // Any level but debug itself depends on a debug setting the files may hide (an unreadable daemon.json).
  bool debug_unknown = host.config.IsUnknown("debug");
  const model::SettingItem* level = LastItem(host.config.Find("log-level"));
  if (level == nullptr || !level->value.is_string()) return !debug_unknown;
  // logrus.ParseLevel reads any case; an empty value leaves dockerd at info.
  std::string value = base::Lower(level->value.get<std::string>());
  if (debug_unknown && value != "debug") return false;
  if (value.empty() || value == "info") return true;
  // A level logrus does not know stops dockerd: that is DKL2015's finding, not a level to judge.
  static constexpr std::string_view kLevels[] = {"panic",   "fatal", "error", "warn",
                                                 "warning", "debug", "trace"};
  if (std::find(std::begin(kLevels), std::end(kLevels), value) == std::end(kLevels)) return true;
  base::Finding finding;
  finding.message = "dockerd logs at level " + value + kAdvice;
  finding.location = base::Location::Of(level->origin.whole);
  findings->push_back(std::move(finding));
  (void)rule;
  return true;
}

}  // namespace docklint::rules::checks
