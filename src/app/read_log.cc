#include "app/read_log.h"

#include <filesystem>

#include "base/source_file.h"

namespace docklint::app {
namespace {

thread_local ReadLog* current_log = nullptr;

}  // namespace

void ReadLog::Add(ReadOp op, std::string_view path, std::string_view answer) { Add(op, path, answer, ""); }

void ReadLog::Add(ReadOp op, std::string_view path, std::string_view prefix, std::string_view body) {
  std::string question(1, static_cast<char>(op));
  question += path;
  if (!asked_.insert(std::move(question)).second) return;
  records_.push_back({op, std::string(path), base::HashBytes(prefix, body)});
}

ReadLog* CurrentReadLog() { return current_log; }

ScopedReadLog::ScopedReadLog(ReadLog* log) : previous_(current_log) { current_log = log; }

ScopedReadLog::~ScopedReadLog() { current_log = previous_; }

std::string DiskAnswer(ReadOp op, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  switch (op) {
    case ReadOp::kDiskRead: {
      std::string content, error;
      // "+" and the bytes, or "-" and why not: a file that appears or goes away changes the answer.
      return base::ReadFileToString(path, &content, &error) ? "+" + content : "-" + error;
    }
    case ReadOp::kDiskExists:
      return fs::exists(fs::symlink_status(path, ec)) ? "1" : "0";
    case ReadOp::kDiskIsRegularFile:
      return fs::is_regular_file(path, ec) ? "1" : "0";
    default:
      return "";
  }
}

}  // namespace docklint::app
