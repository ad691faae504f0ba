#include "parsers/daemon_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "testing/rule_of.h"

namespace docklint::parsers {
namespace {

using base::Position;
using base::Range;

Range R(uint32_t line, uint32_t column, uint32_t end_line, uint32_t end_column) {
  return Range{Position{line, column}, Position{end_line, end_column}};
}

// The file must outlive the spans that point into it.
struct Parsed {
  std::unique_ptr<base::SourceFile> file;
  DaemonJson json;
  base::Diagnostics diagnostics;
};

Parsed Parse(std::string content, DaemonJsonReader reader = DaemonJsonReader::kCurrent) {
  Parsed parsed;
  parsed.file = std::make_unique<base::SourceFile>("daemon.json", std::move(content));
  parsed.json = ParseDaemonJson(*parsed.file, &parsed.diagnostics, reader);
  return parsed;
}

// What a parse reported, with the range resolved while the file is still alive.
struct Reported {
  std::string message;
  Range range;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Parses `content`, expects no root and exactly one DKL0001 diagnostic, and returns it.
Reported ParseError(std::string content) {
  Parsed parsed = Parse(std::move(content));
  EXPECT_FALSE(parsed.json.root.has_value());
  EXPECT_EQ(parsed.diagnostics.size(), 1u);
  if (parsed.diagnostics.empty()) return {};
  const base::Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(test_support::RuleOf(d), "DKL0001");
  EXPECT_EQ(d.span.file, parsed.file.get());
  return Reported{d.message, d.span.range(), d.span.begin, d.span.end};
}

const JsonNode& Value(const JsonNode& object, std::string_view key) {
  const JsonMember* member = object.Find(key);
  EXPECT_NE(member, nullptr) << key;
  static const JsonNode kMissing;
  return member ? member->value : kMissing;
}

TEST(DaemonJsonTest, KeysAndScalarValuesHaveExactRanges) {
  Parsed p = Parse(
      "{\n"
      "  \"debug\": true,\n"
      "  \"log-level\": \"info\",\n"
      "  \"mtu\": 1450,\n"
      "  \"x\": null,\n"
      "  \"f\": -1.5e3\n"
      "}\n");
  ASSERT_TRUE(p.json.root.has_value()) << (p.diagnostics.empty() ? "" : p.diagnostics[0].message);
  EXPECT_TRUE(p.diagnostics.empty());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(root.kind, JsonNode::Kind::kObject);
  EXPECT_EQ(root.span.range(), R(1, 1, 7, 2));
  ASSERT_EQ(root.members.size(), 5u);

  EXPECT_EQ(root.members[0].key, "debug");
  EXPECT_EQ(root.members[0].key_span.range(), R(2, 3, 2, 10));
  EXPECT_EQ(root.members[0].key_span.text(), "\"debug\"");
  EXPECT_EQ(root.members[0].value.kind, JsonNode::Kind::kBool);
  EXPECT_EQ(root.members[0].value.scalar, true);
  EXPECT_EQ(root.members[0].value.span.range(), R(2, 12, 2, 16));

  EXPECT_EQ(root.members[1].key_span.range(), R(3, 3, 3, 14));
  EXPECT_EQ(root.members[1].value.kind, JsonNode::Kind::kString);
  EXPECT_EQ(root.members[1].value.scalar, "info");
  EXPECT_EQ(root.members[1].value.span.range(), R(3, 16, 3, 22));
  EXPECT_EQ(root.members[1].value.span.text(), "\"info\"");

  EXPECT_EQ(root.members[2].key_span.range(), R(4, 3, 4, 8));
  EXPECT_EQ(root.members[2].value.kind, JsonNode::Kind::kNumber);
  EXPECT_EQ(root.members[2].value.scalar, 1450);
  EXPECT_TRUE(root.members[2].value.scalar.is_number_integer());
  EXPECT_EQ(root.members[2].value.span.range(), R(4, 10, 4, 14));

  EXPECT_EQ(root.members[3].key_span.range(), R(5, 3, 5, 6));
  EXPECT_EQ(root.members[3].value.kind, JsonNode::Kind::kNull);
  EXPECT_TRUE(root.members[3].value.scalar.is_null());
  EXPECT_EQ(root.members[3].value.span.range(), R(5, 8, 5, 12));

  EXPECT_EQ(root.members[4].value.kind, JsonNode::Kind::kNumber);
  EXPECT_EQ(root.members[4].value.scalar, -1500.0);
  EXPECT_EQ(root.members[4].value.span.range(), R(6, 8, 6, 14));
  EXPECT_EQ(root.members[4].value.span.text(), "-1.5e3");

  EXPECT_EQ(root.ToJson(), nlohmann::json::parse(p.file->content()));
}

TEST(DaemonJsonTest, NumbersEndWhereTheGrammarSays) {
  Parsed p = Parse(R"({"a":0,"b":-0.5E+2,"c":18446744073709551615,"d":[1e2,-7]})");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(Value(root, "a").span.text(), "0");
  EXPECT_EQ(Value(root, "b").span.text(), "-0.5E+2");
  EXPECT_EQ(Value(root, "c").span.text(), "18446744073709551615");
  EXPECT_TRUE(Value(root, "c").scalar.is_number_unsigned());
  const JsonNode& d = Value(root, "d");
  ASSERT_EQ(d.elements.size(), 2u);
  EXPECT_EQ(d.elements[0].span.text(), "1e2");
  EXPECT_EQ(d.elements[1].span.text(), "-7");
  EXPECT_EQ(d.elements[1].span.range(), R(1, 54, 1, 56));
}

TEST(DaemonJsonTest, EscapesBeforeTheClosingQuote) {
  Parsed p = Parse(R"({"a\"": "x\\", "b\\\\": "\u00e9\ud83d\ude00"})");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(root.span.range(), R(1, 1, 1, 46));
  ASSERT_EQ(root.members.size(), 2u);
  EXPECT_EQ(root.members[0].key, "a\"");
  EXPECT_EQ(root.members[0].key_span.range(), R(1, 2, 1, 7));
  EXPECT_EQ(root.members[0].value.scalar, "x\\");
  EXPECT_EQ(root.members[0].value.span.range(), R(1, 9, 1, 14));
  EXPECT_EQ(root.members[1].key, "b\\\\");
  EXPECT_EQ(root.members[1].key_span.range(), R(1, 16, 1, 23));
  EXPECT_EQ(root.members[1].value.scalar, "\xC3\xA9\xF0\x9F\x98\x80");  // é😀
  EXPECT_EQ(root.members[1].value.span.range(), R(1, 25, 1, 45));
}

TEST(DaemonJsonTest, NestedObjectsAndArraysOverSeveralLines) {
  Parsed p = Parse(
      "{\n"
      "  \"log-opts\": {\n"
      "    \"max-size\": \"10m\",\n"
      "    \"max-file\": \"3\"\n"
      "  },\n"
      "  \"dns\": [\"8.8.8.8\", \"1.1.1.1\"],\n"
      "  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 64000}}\n"
      "}");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(root.span.range(), R(1, 1, 8, 2));

  const JsonMember* log_opts = root.Find("log-opts");
  ASSERT_NE(log_opts, nullptr);
  EXPECT_EQ(log_opts->key_span.range(), R(2, 3, 2, 13));
  EXPECT_EQ(log_opts->value.kind, JsonNode::Kind::kObject);
  EXPECT_EQ(log_opts->value.span.range(), R(2, 15, 5, 4));
  ASSERT_EQ(log_opts->value.members.size(), 2u);
  EXPECT_EQ(log_opts->value.members[0].key_span.range(), R(3, 5, 3, 15));
  EXPECT_EQ(log_opts->value.members[0].value.span.range(), R(3, 17, 3, 22));
  EXPECT_EQ(log_opts->value.members[1].key, "max-file");
  EXPECT_EQ(log_opts->value.members[1].value.span.range(), R(4, 17, 4, 20));

  const JsonNode& dns = Value(root, "dns");
  EXPECT_EQ(dns.kind, JsonNode::Kind::kArray);
  EXPECT_EQ(dns.span.range(), R(6, 10, 6, 32));
  ASSERT_EQ(dns.elements.size(), 2u);
  EXPECT_EQ(dns.elements[0].span.range(), R(6, 11, 6, 20));
  EXPECT_EQ(dns.elements[1].span.range(), R(6, 22, 6, 31));
  EXPECT_EQ(dns.elements[1].scalar, "1.1.1.1");

  const JsonMember* ulimits = root.Find("default-ulimits");
  ASSERT_NE(ulimits, nullptr);
  EXPECT_EQ(ulimits->key_span.range(), R(7, 3, 7, 20));
  EXPECT_EQ(ulimits->value.span.range(), R(7, 22, 7, 67));
  const JsonNode& nofile = Value(ulimits->value, "nofile");
  EXPECT_EQ(nofile.span.range(), R(7, 33, 7, 66));
  EXPECT_EQ(nofile.Find("Name")->key_span.range(), R(7, 34, 7, 40));
  EXPECT_EQ(Value(nofile, "Name").span.range(), R(7, 42, 7, 50));
  EXPECT_EQ(nofile.Find("Hard")->key_span.range(), R(7, 52, 7, 58));
  EXPECT_EQ(Value(nofile, "Hard").span.range(), R(7, 60, 7, 65));
  EXPECT_EQ(Value(nofile, "Hard").scalar, 64000);

  EXPECT_EQ(root.ToJson(), nlohmann::json::parse(p.file->content()));
}

TEST(DaemonJsonTest, EmptyContainers) {
  Parsed p = Parse("{\"a\": {}, \"b\": [ ], \"c\": [[], {}]}");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(Value(root, "a").span.range(), R(1, 7, 1, 9));
  EXPECT_EQ(Value(root, "b").span.range(), R(1, 16, 1, 19));
  const JsonNode& c = Value(root, "c");
  ASSERT_EQ(c.elements.size(), 2u);
  EXPECT_EQ(c.elements[0].span.range(), R(1, 27, 1, 29));
  EXPECT_EQ(c.elements[1].span.range(), R(1, 31, 1, 33));
  EXPECT_EQ(c.span.range(), R(1, 26, 1, 34));
}

TEST(DaemonJsonTest, DuplicateKeysAreKeptAndTheLastWins) {
  Parsed p = Parse(R"({"debug": true, "x": 1, "debug": false})");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  ASSERT_EQ(root.members.size(), 3u);
  EXPECT_EQ(root.members[0].key_span.range(), R(1, 2, 1, 9));
  EXPECT_EQ(root.members[2].key_span.range(), R(1, 25, 1, 32));
  const JsonMember* debug = root.Find("debug");
  ASSERT_NE(debug, nullptr);
  EXPECT_EQ(debug, &root.members[2]);
  EXPECT_EQ(debug->value.scalar, false);
  EXPECT_EQ(debug->value.span.range(), R(1, 34, 1, 39));
  EXPECT_EQ(root.ToJson(), (nlohmann::json{{"debug", false}, {"x", 1}}));
  EXPECT_EQ(root.Find("DEBUG"), nullptr);
  EXPECT_EQ(root.Find("missing"), nullptr);
}

TEST(DaemonJsonTest, KindNames) {
  Parsed p = Parse(R"({"a": null, "b": true, "c": 1, "d": "s", "e": [], "f": {}})");
  ASSERT_TRUE(p.json.root.has_value());
  std::string names;
  for (const JsonMember& member : p.json.root->members) names += std::string(member.value.KindName()) + ",";
  EXPECT_EQ(names, "null,boolean,number,string,array,object,");
  EXPECT_EQ(JsonNode{}.ToJson(), nullptr);
}

TEST(DaemonJsonTest, Utf8BomIsSkippedAndColumnsStillCountItsBytes) {
  Parsed p = Parse("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(p.json.root.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.json.root->span.range(), R(1, 4, 1, 12));
  EXPECT_EQ(p.json.root->members[0].key_span.range(), R(1, 5, 1, 8));
  EXPECT_EQ(p.json.root->members[0].value.span.range(), R(1, 10, 1, 11));
}

TEST(DaemonJsonTest, CrlfLineEndings) {
  Parsed p = Parse("{\r\n  \"a\": 1,\r\n  \"b\": \"x\"\r\n}\r\n");
  ASSERT_TRUE(p.json.root.has_value());
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(root.span.range(), R(1, 1, 4, 2));
  EXPECT_EQ(root.members[0].key_span.range(), R(2, 3, 2, 6));
  EXPECT_EQ(root.members[0].value.span.range(), R(2, 8, 2, 9));
  EXPECT_EQ(root.members[1].key_span.range(), R(3, 3, 3, 6));
  EXPECT_EQ(root.members[1].value.span.range(), R(3, 8, 3, 11));
}

TEST(DaemonJsonTest, EmptyAndWhitespaceOnlyFilesAreAnEmptyConfig) {
  for (std::string content :
       {"", " ", "\n\n", " \t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n", "\v\f", "\xC2\xA0\n"}) {
    Parsed p = Parse(content);
    EXPECT_FALSE(p.json.root.has_value()) << testing::PrintToString(content);
    EXPECT_TRUE(p.diagnostics.empty()) << testing::PrintToString(content);
  }
}

TEST(DaemonJsonTest, TopLevelNullIsAnEmptyConfigAsInDockerd) {
  Parsed p = Parse(" null\n");
  ASSERT_TRUE(p.json.root.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.json.root->kind, JsonNode::Kind::kNull);
  EXPECT_EQ(p.json.root->span.range(), R(1, 2, 1, 6));
  EXPECT_TRUE(p.json.root->members.empty());
}

TEST(DaemonJsonTest, TopLevelMustBeAnObject) {
  struct Case {
    std::string content;
    std::string message;
    Range range;
  };
  for (const Case& c : std::vector<Case>{
           {"[1, 2]", "daemon.json must contain a JSON object, found array", R(1, 1, 1, 7)},
           {"\n  \"debug\"\n", "daemon.json must contain a JSON object, found string", R(2, 3, 2, 10)},
           {"42", "daemon.json must contain a JSON object, found number", R(1, 1, 1, 3)},
           {"true", "daemon.json must contain a JSON object, found boolean", R(1, 1, 1, 5)},
       }) {
    Reported d = ParseError(c.content);
    EXPECT_EQ(d.message, c.message) << c.content;
    EXPECT_EQ(d.range, c.range) << c.content;
  }
}

struct ErrorCase {
  std::string content;
  std::string message;
  Range range;
};

class DaemonJsonSyntaxErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(DaemonJsonSyntaxErrorTest, MessageAndRange) {
  Reported d = ParseError(GetParam().content);
  EXPECT_EQ(d.message, GetParam().message);
  EXPECT_EQ(d.range, GetParam().range);
}

INSTANTIATE_TEST_SUITE_P(
    DaemonJson, DaemonJsonSyntaxErrorTest,
    testing::Values(
        // Values missing or out of place.
        ErrorCase{R"({"a":})", "invalid JSON: unexpected '}' (expected a value)", R(1, 6, 1, 7)},
        ErrorCase{"{\n  \"a\": 1,\n  \"b\" 2\n}", "invalid JSON: unexpected number 2 (expected ':')",
                  R(3, 7, 3, 8)},
        ErrorCase{R"({"a": 1 "b": 2})", R"(invalid JSON: unexpected string "b" (expected ',' or '}'))",
                  R(1, 9, 1, 12)},
        ErrorCase{R"({"a": [1 2]})", "invalid JSON: unexpected number 2 (expected ',' or ']')",
                  R(1, 10, 1, 11)},
        ErrorCase{R"({"a": [1}})", "invalid JSON: unexpected '}' (expected ',' or ']')", R(1, 9, 1, 10)},
        ErrorCase{"{,}", "invalid JSON: unexpected ',' (expected a quoted key or '}')", R(1, 2, 1, 3)},
        ErrorCase{R"({"a":1,,})", "invalid JSON: unexpected ',' (expected a quoted key)", R(1, 8, 1, 9)},
        ErrorCase{R"({"a", 1})", "invalid JSON: unexpected ',' (expected ':')", R(1, 5, 1, 6)},
        ErrorCase{R"({"a": {"b": 1]})", "invalid JSON: unexpected ']' (expected ',' or '}')",
                  R(1, 14, 1, 15)},
        ErrorCase{R"({"a": true false})", "invalid JSON: unexpected 'false' (expected ',' or '}')",
                  R(1, 12, 1, 17)},
        ErrorCase{"x", "invalid JSON: unexpected 'x' (expected '{')", R(1, 1, 1, 2)},
        // Trailing commas.
        ErrorCase{"{\"a\": 1,\n}", "invalid JSON: trailing comma before '}'", R(1, 8, 1, 9)},
        ErrorCase{R"({"a": [1, ]})", "invalid JSON: trailing comma before ']'", R(1, 9, 1, 10)},
        ErrorCase{R"({"a": [1,}]})", "invalid JSON: unexpected '}' (expected a value)", R(1, 10, 1, 11)},
        // End of file too early.
        ErrorCase{"{", "invalid JSON: unexpected end of file, expected a quoted key or '}'", R(1, 2, 1, 2)},
        ErrorCase{"{\"a\": 1\n", "invalid JSON: unexpected end of file, expected ',' or '}'", R(2, 1, 2, 1)},
        ErrorCase{"{\"a\"", "invalid JSON: unexpected end of file, expected ':'", R(1, 5, 1, 5)},
        ErrorCase{"{\"a\":  ", "invalid JSON: unexpected end of file, expected a value", R(1, 8, 1, 8)},
        ErrorCase{"{\"a\": 1,", "invalid JSON: unexpected end of file, expected a quoted key", R(1, 9, 1, 9)},
        ErrorCase{"{\"a\": [", "invalid JSON: unexpected end of file, expected a value or ']'",
                  R(1, 8, 1, 8)},
        ErrorCase{"{\"a\": [1,", "invalid JSON: unexpected end of file, expected a value", R(1, 10, 1, 10)},
        // Strings.
        ErrorCase{"{\"a\": \"b", "invalid JSON: unterminated string", R(1, 7, 1, 8)},
        ErrorCase{"{\"a\": \"b,\n \"c\": 1}", "invalid JSON: unterminated string", R(1, 7, 1, 8)},
        ErrorCase{"{\"a\": \"b\\", "invalid JSON: unterminated string", R(1, 7, 1, 8)},
        ErrorCase{"{\"a\": \"b\tc\"}", "invalid JSON: unescaped control character U+0009 in string",
                  R(1, 9, 1, 10)},
        ErrorCase{R"({"a": "C:\temp\x"})", R"(invalid JSON: invalid escape '\x' in string)", R(1, 15, 1, 17)},
        ErrorCase{R"({"a": "\u12g4"})",
                  R"(invalid JSON: invalid \u escape in string (expected 4 hex digits))", R(1, 8, 1, 12)},
        ErrorCase{"{\"a\": \"\\u12", R"(invalid JSON: invalid \u escape in string (expected 4 hex digits))",
                  R(1, 8, 1, 12)},
        ErrorCase{"{'a': 1}", "invalid JSON: unexpected single quote (JSON strings use double quotes)",
                  R(1, 2, 1, 3)},
        ErrorCase{"{log-driver: \"x\"}",
                  "invalid JSON: unexpected 'log-driver' (expected a quoted key or '}')", R(1, 2, 1, 12)},
        // Literals and numbers.
        ErrorCase{R"({"a": tru})", "invalid JSON: unexpected 'tru' (expected a value)", R(1, 7, 1, 10)},
        ErrorCase{R"({"a": True})", "invalid JSON: unexpected 'True' (expected a value)", R(1, 7, 1, 11)},
        ErrorCase{R"({"a": 1.})", "invalid JSON: invalid number '1.'", R(1, 7, 1, 9)},
        ErrorCase{R"({"a": -})", "invalid JSON: invalid number '-'", R(1, 7, 1, 8)},
        ErrorCase{R"({"a": 1e+})", "invalid JSON: invalid number '1e+'", R(1, 7, 1, 10)},
        ErrorCase{R"({"a": 01})", "invalid JSON: unexpected number 1 (expected ',' or '}')", R(1, 8, 1, 9)},
        ErrorCase{R"({"a": 1e400})", "invalid JSON: number 1e400 is out of range", R(1, 7, 1, 12)},
        // Comments, which Go's encoding/json rejects.
        ErrorCase{"{\n  // debug on\n  \"debug\": true\n}", "invalid JSON: comments are not allowed",
                  R(2, 3, 2, 5)},
        ErrorCase{"{\"debug\": true /* on */}", "invalid JSON: comments are not allowed", R(1, 16, 1, 18)},
        ErrorCase{"# comment\n{}", "invalid JSON: unexpected '#' (expected '{')", R(1, 1, 1, 2)},
        // Trailing garbage.
        ErrorCase{"{\"a\": 1}\n}", "invalid JSON: unexpected '}' after the top-level object", R(2, 1, 2, 2)},
        ErrorCase{"{} {}", "invalid JSON: unexpected '{' after the top-level object", R(1, 4, 1, 5)},
        ErrorCase{"{},", "invalid JSON: unexpected ',' after the top-level object", R(1, 3, 1, 4)},
        ErrorCase{"[] x", "invalid JSON: unexpected 'x' after the top-level value", R(1, 4, 1, 5)},
        ErrorCase{std::string("{\"a\": 1}\0x", 10),
                  "invalid JSON: unexpected character U+0000 after the top-level object", R(1, 9, 1, 10)},
        ErrorCase{std::string("{}\0", 3),
                  "invalid JSON: unexpected character U+0000 after the top-level object", R(1, 3, 1, 4)},
        // Odd bytes.
        ErrorCase{std::string("{\0}", 3),
                  "invalid JSON: unexpected character U+0000 (expected a quoted key or '}')", R(1, 2, 1, 3)},
        ErrorCase{
            "\xFF{}",
            "invalid JSON: invalid UTF-8 byte 0xFF (dockerd 23.0 and later refuse a daemon.json that is "
            "not UTF-8)",
            R(1, 1, 1, 2)},
        ErrorCase{"{\"a\": \xC3\xA9}", "invalid JSON: unexpected character U+00E9 (expected a value)",
                  R(1, 7, 1, 9)},
        ErrorCase{"\xEF\xBB\xBF\xEF\xBB\xBF{}",
                  "invalid JSON: unexpected character U+FEFF (a byte order mark) (expected '{')",
                  R(1, 4, 1, 7)},
        ErrorCase{
            "{\"a\xFF\xFE\": 1,}",
            "invalid JSON: invalid UTF-8 byte 0xFF (dockerd 23.0 and later refuse a daemon.json that is "
            "not UTF-8)",
            R(1, 4, 1, 5)}),
    // Stable names (gtest would print the bytes of the struct, addresses included): the case number.
    [](const testing::TestParamInfo<ErrorCase>& info) { return "case" + std::to_string(info.index); });

TEST(DaemonJsonTest, NestingUpTo512LevelsIsAccepted) {
  std::string content = "{\"a\":" + std::string(511, '[') + std::string(511, ']') + "}";
  Parsed p = Parse(content);
  ASSERT_TRUE(p.json.root.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  const JsonNode* node = &p.json.root->members[0].value;
  int depth = 1;
  while (node->kind == JsonNode::Kind::kArray) {
    ++depth;
    if (node->elements.empty()) break;
    node = &node->elements[0];
  }
  EXPECT_EQ(depth, 512);
  EXPECT_EQ(node->span.range(), R(1, 516, 1, 518));
}

TEST(DaemonJsonTest, NestingDeeperThan512LevelsIsAnErrorAtTheBracket) {
  Reported d = ParseError("{\"a\":" + std::string(512, '[') + std::string(512, ']') + "}");
  EXPECT_EQ(d.message, "invalid JSON: nesting deeper than 512 levels");
  EXPECT_EQ(d.range, R(1, 517, 1, 518));
}

TEST(DaemonJsonTest, HugeNestingDoesNotBlowTheStack) {
  Reported d = ParseError(std::string(100000, '['));
  EXPECT_EQ(d.message, "invalid JSON: nesting deeper than 512 levels");
  EXPECT_EQ(d.range, R(1, 513, 1, 514));

  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":\n";
  d = ParseError(objects);
  EXPECT_EQ(d.message, "invalid JSON: nesting deeper than 512 levels");
  EXPECT_EQ(d.range, R(513, 1, 513, 2));
}

// 23.0 and later decode the file as UTF-8 first and refuse it at the first bad byte (checked with their
// loader, docs/reference/dockerd-config-loader.md); 20.10's encoding/json turns each bad byte into U+FFFD.
TEST(DaemonJsonTest, InvalidUtf8IsRefusedSince23) {
  Parsed p = Parse("{\"k\": \"v\xC3(\"}");
  EXPECT_FALSE(p.json.root.has_value());
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].message,
            "invalid JSON: invalid UTF-8 byte 0xC3 (dockerd 23.0 and later refuse a daemon.json that is not "
            "UTF-8)");
  EXPECT_EQ(p.diagnostics[0].span.range(), R(1, 9, 1, 10));
}

// What 20.10's json.Decoder does differently (checked with the real dockerd 20.10, dockerd-oracle).
TEST(DaemonJsonTest, Engine2010ReadsTheRawBytesAndOnlyTheFirstValue) {
  // Positions after replaced invalid UTF-8 map back to the file.
  Parsed replaced = Parse("{\"a\xFF\xFE\": 1,}", DaemonJsonReader::kEngine2010);
  ASSERT_EQ(replaced.diagnostics.size(), 1u);
  EXPECT_EQ(replaced.diagnostics[0].message, "invalid JSON: trailing comma before '}'");
  EXPECT_EQ(replaced.diagnostics[0].span.range(), R(1, 10, 1, 11));
  // A byte order mark is an invalid character; an empty file fails.
  Parsed bom = Parse("\xEF\xBB\xBF{}", DaemonJsonReader::kEngine2010);
  EXPECT_FALSE(bom.json.root.has_value());
  ASSERT_EQ(bom.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(bom.diagnostics[0]), "DKL0001");
  EXPECT_TRUE(Parse("\xEF\xBB\xBF{}").json.root.has_value());
  Parsed empty = Parse(" \n", DaemonJsonReader::kEngine2010);
  ASSERT_EQ(empty.diagnostics.size(), 1u);
  EXPECT_TRUE(empty.diagnostics[0].message.starts_with("daemon.json must not be empty for dockerd 20.10"));
  EXPECT_TRUE(Parse(" \n").diagnostics.empty());
  // What follows the first value is ignored: a warning of its own, and the object is read.
  Parsed trailing = Parse("{\"debug\": true}\n{\"debug\": false}\n", DaemonJsonReader::kEngine2010);
  ASSERT_TRUE(trailing.json.root.has_value());
  EXPECT_EQ(trailing.json.root->members.size(), 1u);
  ASSERT_EQ(trailing.diagnostics.size(), 1u);
  EXPECT_EQ(test_support::RuleOf(trailing.diagnostics[0]), "DKL2016");
  EXPECT_EQ(trailing.diagnostics[0].span.range(), R(2, 1, 3, 1));
  EXPECT_FALSE(Parse("{\"debug\": true}\n{\"debug\": false}\n").json.root.has_value());
}

TEST(DaemonJsonTest, InvalidUtf8InStringsBecomesReplacementCharactersIn2010) {
  Parsed p = Parse("{\"k\xFF\": \"v\xC3(\", \"o\": \"\xC0\x80\"}", DaemonJsonReader::kEngine2010);
  ASSERT_TRUE(p.json.root.has_value()) << (p.diagnostics.empty() ? "" : p.diagnostics[0].message);
  EXPECT_TRUE(p.diagnostics.empty());
  const JsonNode& root = *p.json.root;
  ASSERT_EQ(root.members.size(), 2u);
  EXPECT_EQ(root.members[0].key, "k\xEF\xBF\xBD");
  EXPECT_EQ(root.members[0].key_span.range(), R(1, 2, 1, 6));
  EXPECT_EQ(root.members[0].value.scalar, "v\xEF\xBF\xBD(");
  EXPECT_EQ(root.members[0].value.span.range(), R(1, 8, 1, 13));
  EXPECT_EQ(root.members[1].key_span.range(), R(1, 15, 1, 18));
  EXPECT_EQ(root.members[1].value.scalar, "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong NUL: two bad bytes
  EXPECT_EQ(root.members[1].value.span.range(), R(1, 20, 1, 24));
  EXPECT_EQ(root.span.range(), R(1, 1, 1, 25));
  // Valid multi-byte characters pass through untouched.
  Parsed valid = Parse("{\"\xE2\x82\xAC\": \"\xF0\x9F\x90\xB3\"}", DaemonJsonReader::kEngine2010);
  ASSERT_TRUE(valid.json.root.has_value());
  EXPECT_EQ(valid.json.root->members[0].key, "\xE2\x82\xAC");
  EXPECT_EQ(valid.json.root->members[0].value.span.range(), R(1, 9, 1, 15));
}

TEST(DaemonJsonTest, UnpairedSurrogateEscapesBecomeReplacementCharactersAsInGo) {
  Parsed p = Parse(R"({"a": "\ud800", "b": "x\udc00y", "c": "\ud800\u0041", "d": "\uD83D\uDC33"})");
  ASSERT_TRUE(p.json.root.has_value()) << (p.diagnostics.empty() ? "" : p.diagnostics[0].message);
  const JsonNode& root = *p.json.root;
  EXPECT_EQ(Value(root, "a").scalar, "\xEF\xBF\xBD");
  EXPECT_EQ(Value(root, "a").span.range(), R(1, 7, 1, 15));
  EXPECT_EQ(Value(root, "b").scalar, "x\xEF\xBF\xBDy");
  EXPECT_EQ(Value(root, "c").scalar,
            "\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(Value(root, "d").scalar, "\xF0\x9F\x90\xB3");
}

std::string Utf16(std::string_view ascii, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}

TEST(DaemonJsonTest, Utf16WithBomIsTranscodedAsDockerdDoes) {
  for (bool big_endian : {false, true}) {
    Parsed p = Parse(Utf16("{\"a\": 1}", big_endian));
    ASSERT_TRUE(p.json.root.has_value()) << big_endian;
    const JsonNode& root = *p.json.root;
    EXPECT_EQ(root.span.begin, 2u);
    EXPECT_EQ(root.span.end, 18u);
    EXPECT_EQ(root.members[0].key, "a");
    EXPECT_EQ(root.members[0].key_span.begin, 4u);
    EXPECT_EQ(root.members[0].key_span.end, 10u);
    EXPECT_EQ(root.members[0].value.span.begin, 14u);
    EXPECT_EQ(root.members[0].value.span.end, 16u);
  }
  Reported d = ParseError(Utf16("{\"a\": }", false));
  EXPECT_EQ(d.message, "invalid JSON: unexpected '}' (expected a value)");
  EXPECT_EQ(d.begin, 14u);
  EXPECT_EQ(d.end, 16u);
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t length = c < 0x80                ? 1
                    : c >= 0xC2 && c < 0xE0 ? 2
                    : c >= 0xE0 && c < 0xF0 ? 3
                    : c >= 0xF0 && c < 0xF5 ? 4
                                            : 0;
    if (length == 0 || i + length > s.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;  // overlong 3- and 4-byte forms pass here; the fuzz alphabet cannot build them
  }
  return true;
}

// Checks what every parse must satisfy, whatever the input.
void CheckInvariants(const std::string& content) {
  SCOPED_TRACE(testing::PrintToString(content));
  Parsed p;
  ASSERT_NO_THROW(p = Parse(content));
  const base::SourceFile* file = p.file.get();
  auto check_span = [&](const base::SourceSpan& span) {
    EXPECT_EQ(span.file, file);
    EXPECT_LE(span.begin, span.end);
    EXPECT_LE(span.end, content.size());
  };
  for (const base::Diagnostic& d : p.diagnostics) {
    check_span(d.span);
    EXPECT_EQ(test_support::RuleOf(d), "DKL0001");
    EXPECT_TRUE(d.message.starts_with("invalid JSON: ") || d.message.starts_with("daemon.json must"))
        << d.message;
  }
  EXPECT_LE(p.diagnostics.size(), 1u);
  if (p.json.root) {
    EXPECT_TRUE(p.diagnostics.empty());
  }

  // nlohmann agrees on plain UTF-8 input without the cases where dockerd and nlohmann differ.
  // (nlohmann also stops at a NUL byte as if the input ended there.)
  bool plain = IsValidUtf8(content) && content.find("\\u") == std::string::npos &&
               content.find('\0') == std::string::npos && content.find('\xEF') == std::string::npos;
  nlohmann::json reference = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (plain && !reference.is_discarded() && (reference.is_object() || reference.is_null())) {
    ASSERT_TRUE(p.json.root.has_value()) << (p.diagnostics.empty() ? "" : p.diagnostics[0].message);
    EXPECT_EQ(p.json.root->ToJson(), reference);
  } else if (plain && p.json.root) {
    ADD_FAILURE() << "accepted what nlohmann rejects";
  }
  if (!p.json.root) return;

  std::function<void(const JsonNode&)> walk = [&](const JsonNode& node) {
    check_span(node.span);
    std::string_view text = node.span.text();
    if (node.kind == JsonNode::Kind::kObject) {
      EXPECT_TRUE(text.starts_with("{") && text.ends_with("}")) << text;
      for (const JsonMember& member : node.members) {
        check_span(member.key_span);
        if (plain) {
          EXPECT_EQ(nlohmann::json::parse(member.key_span.text()), member.key);
        }
        walk(member.value);
      }
    } else if (node.kind == JsonNode::Kind::kArray) {
      EXPECT_TRUE(text.starts_with("[") && text.ends_with("]")) << text;
      for (const JsonNode& element : node.elements) walk(element);
    } else if (plain) {
      EXPECT_EQ(nlohmann::json::parse(text), node.scalar) << text;
    }
  };
  walk(*p.json.root);
}

TEST(DaemonJsonTest, RandomMutationsNeverCrashAndAgreeWithNlohmann) {
  const std::string seed =
      "{\n  \"debug\": true,\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2376\"],\n"
      "  \"log-opts\": {\"max-size\": \"10m\", \"a\\\"b\": \"c\\\\\"},\n  \"mtu\": -1.5e3, \"x\": null\n}\n";
  std::string alphabet = "{}[]\",:\\ \n\r\t/*0123456789-+.eEtrufalsn\x01\x7F\x80\xC3\xFF";
  alphabet += '\0';
  std::mt19937 rng(20240611);
  for (int round = 0; round < 3000; ++round) {
    std::string content = seed;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % (content.size() + 1);
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          content.insert(at, 1, c);
          break;
        case 1:
          if (at < content.size()) content.erase(at, 1);
          break;
        default:
          if (at < content.size()) content[at] = c;
          break;
      }
    }
    CheckInvariants(content);
    if (HasFatalFailure()) return;
  }
  for (int round = 0; round < 500; ++round) {
    std::string content(rng() % 64, '\0');
    for (char& c : content) c = static_cast<char>(rng() % 256);
    CheckInvariants(content);
    if (HasFatalFailure()) return;
  }
}

// Real files from ../shared/corpus when it is there (it is data, never copied into the repository).
TEST(DaemonJsonTest, CorpusFilesParseConsistently) {
  std::filesystem::path dir =
      std::filesystem::path(DOCKLINT_SOURCE_DIR) / "../shared/corpus/host/daemon_json";
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) GTEST_SKIP() << "no corpus at " << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (!entry.is_regular_file()) continue;
    std::string content;
    std::string read_error;
    ASSERT_TRUE(base::ReadFileToString(entry.path().string(), &content, &read_error)) << read_error;
    CheckInvariants(content);
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace docklint::parsers
