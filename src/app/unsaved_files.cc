#include "app/unsaved_files.h"

#include <filesystem>
#include <system_error>

#include "app/read_log.h"
#include "base/source_file.h"

namespace docklint::app {

std::string UnsavedKey(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : absolute).lexically_normal().string();
}

bool ReadFileOrUnsaved(const UnsavedFiles* unsaved, const std::string& path, std::string* content,
                       std::string* error) {
  if (unsaved != nullptr && !unsaved->empty()) {
    if (auto it = unsaved->find(UnsavedKey(path)); it != unsaved->end()) {
      *content = it->second;
      // An editor's buffer is not on disk for a cached result to be checked against.
      if (ReadLog* log = CurrentReadLog()) log->MarkUncacheable();
      return true;
    }
  }
  return base::ReadFileToString(path, content, error);
}

}  // namespace docklint::app
