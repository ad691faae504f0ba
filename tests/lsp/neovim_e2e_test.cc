// End to end through a real editor: Debian's Neovim (0.7) runs tests/lsp/neovim_e2e.lua headless, which
// starts `docklint lsp` with the built-in LSP client, opens a Dockerfile and a host tree's daemon.json,
// waits for diagnostics, applies the server's quick fixes and checks the findings go away. Once per way of
// negotiating the position encoding. Skipped only where nvim is not installed (tools/setup installs it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "testing/run_docklint.h"

namespace docklint {
namespace {

namespace fs = std::filesystem;

// Seconds the whole editor session may take; each wait inside the script is bounded by 10 s.
constexpr int kSessionTimeoutSeconds = 120;

test_support::CommandResult RunNeovimSession(const std::string& encoding) {
  fs::path cache =
      fs::temp_directory_path() / ("docklint-nvim-" + encoding + "-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  fs::create_directories(cache);
  // -i NONE -n: no shada or swap files; XDG_CACHE_HOME keeps Neovim's lsp.log out of $HOME. The trailing
  // `cquit 2` is reached only if the script stops without quitting (an error Lua could not catch).
  std::string script = std::string(DOCKLINT_SOURCE_DIR) + "/tests/lsp/neovim_e2e.lua";
  test_support::CommandResult result = test_support::RunInSourceDir(
      "(XDG_CACHE_HOME='" + cache.string() + "' DOCKLINT_BINARY='" + DOCKLINT_BINARY +
      "' DOCKLINT_E2E_ENCODING=" + encoding + " timeout -k 5 " + std::to_string(kSessionTimeoutSeconds) +
      " nvim --headless --noplugin -u NONE -i NONE -n -c \"luafile " + script +
      "\" -c 'cquit 2' </dev/null 2>&1)");
  fs::remove_all(cache);
  if (result.exit_code == 124 || result.exit_code == 137) {
    result.output += "\n(nvim did not finish within " + std::to_string(kSessionTimeoutSeconds) + " s)";
  }
  return result;
}

bool NeovimInstalled() { return test_support::RunInSourceDir("command -v nvim").exit_code == 0; }

class NeovimE2eTest : public testing::TestWithParam<const char*> {};

TEST_P(NeovimE2eTest, DiagnosticsCodeActionsHoverAndShutdown) {
  if (!NeovimInstalled()) GTEST_SKIP() << "nvim is not installed (tools/setup installs Debian's neovim)";
  test_support::CommandResult result = RunNeovimSession(GetParam());
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

// utf-16: the client offers nothing; utf-8: clangd's capabilities.offsetEncoding; utf-8-general: LSP 3.17's
// general.positionEncodings.
INSTANTIATE_TEST_SUITE_P(Encodings, NeovimE2eTest, testing::Values("utf-16", "utf-8", "utf-8-general"),
                         [](const testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace docklint
