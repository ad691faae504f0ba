// Test helper: runs the docklint binary from the source directory (so fixture paths are relative) and
// captures its standard output and exit code.
#ifndef DOCKLINT_TESTS_TESTING_RUN_DOCKLINT_H_
#define DOCKLINT_TESTS_TESTING_RUN_DOCKLINT_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace docklint::test_support {

struct CommandResult {
  std::string output;
  int exit_code = -1;
};

// Runs `command` with /bin/sh in the source directory; stderr is discarded.
inline CommandResult RunInSourceDir(const std::string& command) {
  std::string full = std::string("cd '") + DOCKLINT_SOURCE_DIR + "' && " + command + " 2>/dev/null";
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// With --no-config, so that no .docklint.toml above the checkout changes what the tests see, and
// --lint-test-files, as the fixtures live under fixtures/.
inline CommandResult RunDocklint(const std::string& args) {
  return RunInSourceDir(std::string("'") + DOCKLINT_BINARY + "' --no-config --lint-test-files " + args);
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace docklint::test_support

#endif  // DOCKLINT_TESTS_TESTING_RUN_DOCKLINT_H_
