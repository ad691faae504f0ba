#include "parsers/yaml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "testing/run_docklint.h"
#include "testing/where.h"

namespace docklint::parsers {
namespace {

namespace fs = std::filesystem;
using base::SourceFile;
using test_support::Where;

// Any code: the YAML reader reports with the code its caller gives.
constexpr base::DiagnosticCode kCode = base::DiagnosticCode::kInvalidJson;

struct Parsed {
  explicit Parsed(std::string text) : file("compose.yaml", std::move(text)) {
    yaml = ParseYaml(file, kCode, &diagnostics);
  }
  const YamlNode* Root() const { return yaml.documents.empty() ? nullptr : yaml.documents[0].root; }
  std::string Error() const {
    return diagnostics.empty() ? "" : Where(diagnostics[0].span) + " " + diagnostics[0].message;
  }
  SourceFile file;
  base::Diagnostics diagnostics;
  YamlFile yaml;
};

// The key node of `key` in a mapping.
const YamlNode* KeyOf(const YamlNode* mapping, std::string_view key) {
  for (const YamlPair& pair : mapping->pairs) {
    if (pair.key->value == key) return pair.key;
  }
  return nullptr;
}

TEST(YamlTest, KeysAndScalarsKeepTheirPlaces) {
  Parsed p(
      "services:\n"
      "  web:\n"
      "    image: \"nginx:1.27\"\n"
      "    ports: ['80:80', 443]\n"
      "    command: >\n"
      "      run\n"
      "      now\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  const YamlNode* web = p.Root()->Find("services")->Find("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(Where(KeyOf(web, "image")->span), "3:5-3:10");
  const YamlNode* image = web->Find("image");
  EXPECT_EQ(image->value, "nginx:1.27");
  EXPECT_EQ(image->style, YamlNode::Style::kDoubleQuoted);
  EXPECT_EQ(Where(image->span), "3:12-3:24");
  const YamlNode* ports = web->Find("ports");
  ASSERT_EQ(ports->items.size(), 2u);
  EXPECT_EQ(Where(ports->items[1]->span), "4:22-4:25");
  EXPECT_EQ(ResolvedTag(*ports->items[0]), "!!str");
  EXPECT_EQ(ResolvedTag(*ports->items[1]), "!!int");
  EXPECT_EQ(web->Find("command")->value, "run now\n");
  EXPECT_EQ(web->Find("command")->style, YamlNode::Style::kFolded);
}

TEST(YamlTest, PlacesCountBytesThroughUtf8CrlfAndAByteOrderMark) {
  Parsed p("\xEF\xBB\xBF# caf\xC3\xA9 \xE2\x82\xAC\r\nname: \"\xC3\xA9t\xC3\xA9\"\r\nimage: x\r\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  const YamlNode* name = p.Root()->Find("name");
  EXPECT_EQ(p.file.content().substr(name->span.begin, name->span.end - name->span.begin),
            "\"\xC3\xA9t\xC3\xA9\"");
  const YamlNode* image = p.Root()->Find("image");
  EXPECT_EQ(p.file.content().substr(image->span.begin, image->span.end - image->span.begin), "x");
  EXPECT_EQ(KeyOf(p.Root(), "image")->span.range().begin.line, 3u);
}

TEST(YamlTest, AnAliasIsTheAnchoredNodeWithItsPlace) {
  Parsed p(
      "x-env: &env\n"
      "  TZ: UTC\n"
      "services:\n"
      "  a:\n"
      "    environment: *env\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  const YamlNode* anchored = p.Root()->Find("x-env");
  const YamlNode* used = p.Root()->Find("services")->Find("a")->Find("environment");
  EXPECT_EQ(used, anchored);
  EXPECT_EQ(anchored->anchor, "env");
  EXPECT_EQ(Where(anchored->span).substr(0, 4), "2:3-");  // the value, not its anchor
  EXPECT_EQ(Where(used->Find("TZ")->span), "2:7-2:10");
}

TEST(YamlTest, MergeKeysAddWhatTheMappingDoesNotSayEarlierSourcesWinning) {
  Parsed p(
      "base: &base {image: a, restart: always, user: root}\n"
      "more: &more {image: b, read_only: true, user: app}\n"
      "one:\n"
      "  <<: *base\n"
      "  image: own\n"
      "list:\n"
      "  <<: [*more, *base]\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  const YamlNode* one = p.Root()->Find("one");
  ASSERT_EQ(one->pairs.size(), 3u);
  EXPECT_EQ(one->pairs[0].key->value, "image");
  EXPECT_FALSE(one->pairs[0].merged);
  EXPECT_EQ(one->Find("image")->value, "own");
  EXPECT_EQ(one->Find("restart")->value, "always");
  EXPECT_TRUE(one->pairs[1].merged);
  EXPECT_EQ(Where(one->Find("restart")->span), "1:33-1:39");  // where the merged value was written
  const YamlNode* list = p.Root()->Find("list");
  EXPECT_EQ(list->Find("image")->value, "b");
  EXPECT_EQ(list->Find("user")->value, "app");
  EXPECT_EQ(list->Find("restart")->value, "always");
  EXPECT_EQ(list->pairs.size(), 4u);
  // A quoted "<<" is an ordinary key.
  Parsed quoted("a: {\"<<\": {b: 1}}\n");
  ASSERT_TRUE(quoted.diagnostics.empty());
  EXPECT_NE(quoted.Root()->Find("a")->Find("<<"), nullptr);
}

TEST(YamlTest, TagsAreKept) {
  Parsed p("services:\n  web:\n    ports: !reset []\n    command: !override [a]\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  const YamlNode* web = p.Root()->Find("services")->Find("web");
  EXPECT_EQ(web->Find("ports")->tag, "!reset");
  EXPECT_EQ(web->Find("command")->tag, "!override");
  Parsed core("a: !!str 80\nb: 80\nc: ~\nd: True\ne: 1.5\nf: yes\ng: 0x1F\n");
  const YamlNode* root = core.Root();
  EXPECT_EQ(ResolvedTag(*root->Find("a")), "!!str");
  EXPECT_EQ(ResolvedTag(*root->Find("b")), "!!int");
  EXPECT_EQ(ResolvedTag(*root->Find("c")), "!!null");
  EXPECT_EQ(ResolvedTag(*root->Find("d")), "!!bool");
  EXPECT_EQ(ResolvedTag(*root->Find("e")), "!!float");
  EXPECT_EQ(ResolvedTag(*root->Find("f")), "!!str");  // YAML 1.2, as go-yaml v3: yes is a string
  EXPECT_EQ(ResolvedTag(*root->Find("g")), "!!int");
}

TEST(YamlTest, EveryDocumentIsRead) {
  Parsed p("a: 1\n---\nb: 2\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.Error();
  ASSERT_EQ(p.yaml.documents.size(), 2u);
  EXPECT_NE(p.yaml.documents[1].root->Find("b"), nullptr);
  Parsed empty("");
  EXPECT_TRUE(empty.diagnostics.empty());
  EXPECT_TRUE(empty.yaml.documents.empty());
  Parsed comment("# nothing\n");
  EXPECT_TRUE(comment.diagnostics.empty());
}

TEST(YamlTest, BadInputGetsOneErrorAtItsPlace) {
  EXPECT_EQ(Parsed("services:\n\tweb: {}\n").Error(),
            "2:1-2:2 invalid YAML: found character that cannot start any token (while scanning for the next "
            "token): a tab is used for indentation, and YAML indents with spaces only");
  EXPECT_EQ(Parsed("a: 1\nb: 2\na: 3\n").Error(), "3:1-3:2 mapping key \"a\" already defined at line 1");
  EXPECT_EQ(Parsed("a: *nowhere\n").Error(), "1:4-1:12 unknown anchor 'nowhere' referenced");
  EXPECT_EQ(Parsed("a: &x [1, *x]\n").Error(), "1:11-1:13 anchor 'x' value contains itself");
  EXPECT_EQ(Parsed("a: &x 1\nb:\n  <<: *x\n").Error(),
            "3:3-3:5 map merge requires map or sequence of maps as the value");
  EXPECT_EQ(Parsed("a: 1\nb: \"caf\xC3\x28\"\n").Error(),
            "2:9-2:10 invalid YAML: invalid trailing UTF-8 octet");
  EXPECT_EQ(Parsed("a: [1, 2\n").Error().substr(0, 22), "2:1-2:1 invalid YAML: ");
  EXPECT_EQ(Parsed("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n").Error(),
            "4:3-4:5 mapping key \"<<\" already defined at line 3");
}

TEST(YamlTest, NestingIsBounded) {
  std::string deep(10001, '[');
  deep += std::string(10001, ']');
  Parsed p(deep);
  EXPECT_EQ(p.Error(), "1:10001-1:10002 the YAML nests deeper than 10000 levels");
  std::string ok(9999, '[');
  ok += std::string(9999, ']');
  EXPECT_TRUE(Parsed(ok).diagnostics.empty());
}

TEST(YamlTest, AnAliasBombIsRefusedQuickly) {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  Parsed p(bomb);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(p.Error().find("excessive aliasing"), std::string::npos) << p.Error();
  // A few aliases, as compose files use them, are fine.
  Parsed fine("x: &x {a: 1}\ns1: *x\ns2: *x\ns3: {<<: *x, b: 2}\n");
  EXPECT_TRUE(fine.diagnostics.empty()) << fine.Error();
}

TEST(YamlTest, MergesAreBounded) {
  // A chain of merges, each level adding one key, stays small and exact.
  std::string chain = "l0: &l0 {k0: 0}\n";
  for (int i = 1; i < 40; ++i) {
    chain += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " {<<: [*l" + std::to_string(i - 1) +
             "], k" + std::to_string(i) + ": " + std::to_string(i) + "}\n";
  }
  Parsed p(chain);
  EXPECT_TRUE(p.diagnostics.empty()) << p.Error();
  EXPECT_EQ(p.Root()->Find("l39")->pairs.size(), 40u);
  // Thousands of mappings that each merge one large mapping would copy millions of entries.
  std::string wide = "big: &big {";
  for (int i = 0; i < 3000; ++i) wide += (i ? ", k" : "k") + std::to_string(i) + ": " + std::to_string(i);
  wide += "}\n";
  for (int i = 0; i < 2000; ++i) wide += "m" + std::to_string(i) + ": {<<: *big}\n";
  auto start = std::chrono::steady_clock::now();
  Parsed bomb(wide);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(bomb.Error().find("excessive aliasing"), std::string::npos) << bomb.Error();
}

TEST(YamlTest, ALargeFileParses) {
  std::string big = "services:\n";
  for (int i = 0; big.size() < 10 * 1024 * 1024; ++i)
    big += "  s" + std::to_string(i) + ":\n    image: nginx:1.27\n    ports: [\"80:80\"]\n";
  Parsed p(big);
  EXPECT_TRUE(p.diagnostics.empty()) << p.Error();
  EXPECT_GT(p.Root()->Find("services")->pairs.size(), 100000u);
}

// Differential: the compose corpus read by us and by PyYAML's parser (libyaml's own, events only: PyYAML's
// loader refuses custom tags such as !reset and redefined anchors, which go-yaml accepts). Both must accept
// the same files, except what go-yaml refuses beyond the syntax: duplicate keys.
TEST(YamlTest, CorpusComposeFilesParseAsLibyamlReadsThem) {
  fs::path corpus = fs::path(DOCKLINT_SOURCE_DIR) / "../shared/corpus/compose";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no ../shared/corpus beside the checkout";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 500u);
  fs::path list = fs::temp_directory_path() / ("docklint-yaml-corpus-" + std::to_string(::getpid()));
  {
    std::ofstream out(list);
    for (const fs::path& file : files) out << file.string() << '\n';
  }
  test_support::CommandResult python = test_support::RunInSourceDir(
      "python3 -c 'import sys, yaml\n"
      "for path in open(sys.argv[1]).read().splitlines():\n"
      "    try:\n"
      "        list(yaml.parse(open(path, \"rb\"), Loader=getattr(yaml, \"CSafeLoader\", yaml.SafeLoader)))\n"
      "    except Exception:\n"
      "        print(path)\n' '" +
      list.string() + "'");
  fs::remove(list);
  ASSERT_EQ(python.exit_code, 0) << "python3-yaml is installed by tools/setup";
  size_t refused = 0;
  for (const fs::path& path : files) {
    SourceFile file(path.string(), test_support::ReadFile(path));
    base::Diagnostics diagnostics;
    ParseYaml(file, kCode, &diagnostics);
    bool we_refuse = !diagnostics.empty();
    bool python_refuses = python.output.find(path.string() + "\n") != std::string::npos;
    refused += we_refuse;
    if (we_refuse && !python_refuses) {
      EXPECT_NE(diagnostics[0].message.find("already defined"), std::string::npos)
          << path.string() << ":" << Where(diagnostics[0].span) << ": " << diagnostics[0].message;
    }
    EXPECT_FALSE(python_refuses && !we_refuse) << path.string() << " is refused by PyYAML but not by us";
  }
  std::cout << files.size() << " corpus compose files, " << refused << " refused\n";
}

}  // namespace
}  // namespace docklint::parsers
