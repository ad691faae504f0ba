// The editor's unsaved text of files: a run given them reads those files from here instead of the disk,
// wherever it reads them (a file given by path, a file of a host tree in a folder, the other files of a
// compose project), so the language server judges what the user sees.
#ifndef DOCKLINT_APP_UNSAVED_FILES_H_
#define DOCKLINT_APP_UNSAVED_FILES_H_

#include <map>
#include <string>

namespace docklint::app {

// Text by absolute, lexically normal path.
using UnsavedFiles = std::map<std::string, std::string>;

// The key `path` has in UnsavedFiles.
std::string UnsavedKey(const std::string& path);

// Reads `path` from `unsaved` (may be null) when it holds it, else from the disk (base::ReadFileToString).
bool ReadFileOrUnsaved(const UnsavedFiles* unsaved, const std::string& path, std::string* content,
                       std::string* error);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_UNSAVED_FILES_H_
