#include "rules/dockerfile_walker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/source_file.h"
#include "model/dockerfile_model.h"
#include "parsers/dockerfile.h"
#include "rules/engine.h"
#include "rules/ruleset.h"

namespace docklint::rules {
namespace {

// What the fake checks were called with, in order: "<check> <KEYWORD> line <n>[ trigger]" and
// "<check> file".
using CallLog = std::vector<std::string>;

// A check that reads the given keywords and logs every call; each call also makes one finding.
class LoggingCheck : public DockerfileCheck {
 public:
  LoggingCheck(std::string name, std::vector<model::Keyword> keywords, CallLog* log)
      : name_(std::move(name)), keywords_(std::move(keywords)), log_(log) {}
  std::string_view Name() const override { return name_; }
  std::vector<model::Keyword> Keywords() const override { return keywords_; }
  void OnInstruction(const DockerfileContext&, const model::InstructionRef& instruction, const Rule&,
                     std::vector<base::Finding>* findings) const override {
    std::string call = name_ + " " + std::string(model::KeywordName(instruction.keyword)) + " line " +
                       std::to_string(instruction->start_line) + (instruction.trigger ? " trigger" : "");
    log_->push_back(call);
    findings->push_back(FindingAt(instruction->keyword_span, call));
  }
  void OnFile(const DockerfileContext&, const Rule&, std::vector<base::Finding>* findings) const override {
    log_->push_back(name_ + " file");
    findings->push_back(base::Finding{});
    findings->back().message = name_ + " file";
  }

 private:
  std::string name_;
  std::vector<model::Keyword> keywords_;
  CallLog* log_;
};

// Counts the RUNs of each file in its state and reports the count at the end.
struct RunCount {
  int runs = 0;
};
class CountingCheck : public DockerfileCheckWithState<RunCount> {
 public:
  std::string_view Name() const override { return "counting"; }
  std::vector<model::Keyword> Keywords() const override { return {model::Keyword::kRun}; }
  void Step(const DockerfileContext&, const model::InstructionRef&, const Rule&, RunCount* state,
            std::vector<base::Finding>*) const override {
    ++state->runs;
  }
  void Done(const DockerfileContext&, const Rule&, RunCount* state,
            std::vector<base::Finding>* findings) const override {
    findings->push_back(base::Finding{});
    findings->back().message = std::to_string(state->runs) + " runs";
  }
};

class DockerfileWalkerTest : public ::testing::Test {
 protected:
  // Walks `text` with `selected` and returns each rule's finding messages.
  std::vector<std::vector<std::string>> Walk(const std::string& text,
                                             const std::vector<DockerfileWalker::Selected>& selected) {
    base::SourceFile file("Dockerfile", text);
    parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
    model::DockerfileModel model(dockerfile);
    std::vector<std::string> no_registries;
    std::vector<std::vector<std::string>> messages;
    for (const std::vector<base::Finding>& findings :
         DockerfileWalker(selected).Walk(DockerfileContext{model, no_registries, nullptr})) {
      messages.emplace_back();
      for (const base::Finding& finding : findings) messages.back().push_back(finding.message);
    }
    return messages;
  }

  Rule rule_a_, rule_b_;
  CallLog log_;
};

const char kDockerfile[] =
    "FROM debian AS build\n"
    "COPY a /a\n"
    "RUN make\n"
    "ONBUILD COPY b /b\n"
    "ONBUILD RUN make\n"
    "FROM build\n"
    "copy --from=build /a /a\n";

TEST_F(DockerfileWalkerTest, ACheckIsCalledForItsKeywordsOnlyOnbuildTriggersIncluded) {
  LoggingCheck copies("copies", {model::Keyword::kCopy}, &log_);
  LoggingCheck unselected("unselected", {model::Keyword::kCopy, model::Keyword::kRun}, &log_);
  Walk(kDockerfile, {{&rule_a_, &copies}});
  EXPECT_EQ(log_, (CallLog{"copies COPY line 2", "copies COPY line 4 trigger", "copies COPY line 7",
                           "copies file"}));
  for (const std::string& call : log_) EXPECT_EQ(call.find("unselected"), std::string::npos);
}

TEST_F(DockerfileWalkerTest, EachRuleGetsItsOwnFindingsInTheOrderGiven) {
  LoggingCheck runs("runs", {model::Keyword::kRun}, &log_);
  LoggingCheck froms("froms", {model::Keyword::kFrom, model::Keyword::kFrom}, &log_);  // listed twice
  std::vector<std::vector<std::string>> found = Walk(kDockerfile, {{&rule_a_, &froms}, {&rule_b_, &runs}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], (std::vector<std::string>{"froms FROM line 1", "froms FROM line 6", "froms file"}));
  EXPECT_EQ(found[1], (std::vector<std::string>{"runs RUN line 3", "runs RUN line 5 trigger", "runs file"}));
  // One walk: the instructions in file order, each to the checks that read it; the whole-file hooks last,
  // in the order of the rules.
  EXPECT_EQ(log_, (CallLog{"froms FROM line 1", "runs RUN line 3", "runs RUN line 5 trigger",
                           "froms FROM line 6", "froms file", "runs file"}));
}

TEST_F(DockerfileWalkerTest, ACheckWithoutKeywordsHasOnlyItsWholeFileHook) {
  LoggingCheck whole("whole", {}, &log_);
  Walk(kDockerfile, {{&rule_a_, &whole}});
  EXPECT_EQ(log_, (CallLog{"whole file"}));
}

TEST_F(DockerfileWalkerTest, TheSameCheckForTwoRulesIsCalledForEach) {
  LoggingCheck copies("copies", {model::Keyword::kCopy}, &log_);
  std::vector<std::vector<std::string>> found =
      Walk("FROM x\nCOPY a /a\n", {{&rule_a_, &copies}, {&rule_b_, &copies}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], found[1]);
  EXPECT_EQ(found[0], (std::vector<std::string>{"copies COPY line 2", "copies file"}));
}

TEST_F(DockerfileWalkerTest, AStatefulCheckStartsEachFileAfresh) {
  CountingCheck counting;
  base::SourceFile file("Dockerfile", "FROM x\nRUN a\nRUN b\nONBUILD RUN c\n");
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  model::DockerfileModel model(dockerfile);
  std::vector<std::string> no_registries;
  DockerfileWalker walker({{&rule_a_, &counting}});
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::vector<base::Finding>> found =
        walker.Walk(DockerfileContext{model, no_registries, nullptr});
    ASSERT_EQ(found.size(), 1u);
    ASSERT_EQ(found[0].size(), 1u);
    EXPECT_EQ(found[0][0].message, "3 runs") << pass;
  }
}

TEST_F(DockerfileWalkerTest, NoRulesNoFindings) { EXPECT_TRUE(Walk(kDockerfile, {}).empty()); }

// Through the engine: the built-in rules' checks are walked and their findings stamped with the rule.
TEST(EvaluateDockerfileRulesTest, StampsTheFindingsOfTheSelectedRules) {
  Ruleset ruleset;
  std::vector<std::string> errors;
  ASSERT_TRUE(ruleset.LoadBuiltin(&errors));
  std::vector<const Rule*> selected;
  for (const Rule& rule : ruleset.rules()) {
    if (rule.check == "maintainer-deprecated" || rule.check == "ssh-port-exposed") selected.push_back(&rule);
  }
  ASSERT_EQ(selected.size(), 2u);
  base::SourceFile file("Dockerfile", "FROM x\nMAINTAINER me\nEXPOSE 22\nONBUILD MAINTAINER you\n");
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  model::DockerfileModel model(dockerfile);
  std::vector<std::string> no_registries;
  std::vector<base::Finding> findings;
  EvaluateDockerfileRules(selected, DockerfileContext{model, no_registries, nullptr}, &findings);
  std::vector<std::string> got;
  for (const base::Finding& finding : findings)
    got.push_back(finding.rule_name + " " + std::to_string(finding.location.range.begin.line));
  std::vector<std::string> want;
  for (const Rule* rule : selected) {
    if (rule->check == "maintainer-deprecated") {
      want.push_back(rule->name + " 2");
      want.push_back(rule->name + " 4");
    } else {
      want.push_back(rule->name + " 3");
    }
  }
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace docklint::rules
