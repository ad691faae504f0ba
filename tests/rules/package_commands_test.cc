#include "rules/checks/package_commands.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/source_file.h"
#include "parsers/dockerfile.h"
#include "parsers/shell_commands.h"

namespace docklint::rules::checks {
namespace {

parsers::ShellCommand First(const std::string& text) {
  parsers::ShellScript script = parsers::ExtractShellCommands(text);
  return script.commands.empty() ? parsers::ShellCommand{} : script.commands.front();
}

std::vector<std::string> Operands(const std::string& text, std::initializer_list<std::string_view> values) {
  parsers::ShellCommand command = First(text);
  std::vector<std::string> out;
  for (size_t i : PackageOperands(command, 0, values)) out.push_back(command.argv[i].value);
  return out;
}

TEST(PackageCommandsTest, OperandsSkipOptionsAndTheValuesOfTheOnesThatTakeOne) {
  EXPECT_EQ(Operands("apk add -t .deps --repository=http://x --no-cache gcc make", {"t", "repository"}),
            (std::vector<std::string>{"add", "gcc", "make"}));
  // A short option that takes a value ends a cluster: attached or next word.
  EXPECT_EQ(Operands("apt-get -yt bookworm install -tbookworm curl", {"t"}),
            (std::vector<std::string>{"install", "curl"}));
  // "--" ends the options; words with expansions are operands.
  EXPECT_EQ(Operands("pip install -- -odd $PKG", {}), (std::vector<std::string>{"install", "-odd", "$PKG"}));
}

TEST(PackageCommandsTest, HasArgumentLooksAtEveryWordAfterTheName) {
  EXPECT_TRUE(HasArgument(First("yum -y install httpd"), 0, {"install"}));
  EXPECT_FALSE(HasArgument(First("yum -y install-info"), 0, {"install"}));
  EXPECT_FALSE(HasArgument(First("install x"), 0, {"install"}));
}

TEST(PackageCommandsTest, RemovesCacheNeedsRecursionOrAGlob) {
  EXPECT_TRUE(RemovesCache(First("rm -rf /var/lib/apt/lists/*"), 0, {"/var/lib/apt/lists"}));
  EXPECT_TRUE(RemovesCache(First("rm -r -f /var/lib/apt/lists"), 0, {"/var/lib/apt/lists"}));
  EXPECT_TRUE(RemovesCache(First("rm /var/lib/apt/lists/*_*"), 0, {"/var/lib/apt/lists"}));
  EXPECT_FALSE(RemovesCache(First("rm -f /var/lib/apt/lists/lock"), 0, {"/var/lib/apt/lists"}));
  EXPECT_FALSE(RemovesCache(First("rm -rf /tmp/*"), 0, {"/var/lib/apt/lists"}));
  EXPECT_TRUE(RemovesCache(First("rm -rf /root/.cache/pip"), 0, {".cache/pip"}));
  EXPECT_FALSE(RemovesCache(First("ls -r /var/lib/apt/lists"), 0, {"/var/lib/apt/lists"}));
}

TEST(PackageCommandsTest, CacheMountsOnTheFolderOrAFolderAboveIt) {
  base::SourceFile source(
      "Dockerfile",
      "FROM x\n"
      "RUN --mount=type=cache,target=/var/lib/apt/,sharing=locked --mount=type=tmpfs,target=/root/.cache "
      "true\n"
      "RUN --mount=type=bind,target=/var/lib/apt --mount=type=cache,target=/root/.cach true\n");
  parsers::Dockerfile file = parsers::ParseDockerfile(source);
  ASSERT_EQ(file.instructions.size(), 3u);
  const parsers::DockerfileInstruction& mounted = file.instructions[1];
  EXPECT_TRUE(HasCacheOrTmpfsMount(mounted, "/var/lib/apt/lists"));
  EXPECT_TRUE(HasCacheOrTmpfsMount(mounted, "/var/lib/apt"));
  EXPECT_TRUE(HasCacheOrTmpfsMount(mounted, ".cache/pip"));
  EXPECT_FALSE(HasCacheOrTmpfsMount(mounted, "/var/cache/apt"));
  const parsers::DockerfileInstruction& other = file.instructions[2];
  EXPECT_FALSE(HasCacheOrTmpfsMount(other, "/var/lib/apt/lists"));  // a bind mount
  EXPECT_FALSE(HasCacheOrTmpfsMount(other, ".cache/pip"));
}

}  // namespace
}  // namespace docklint::rules::checks
