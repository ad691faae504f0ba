#include "model/dockerfile_model.h"

#include <gtest/gtest.h>

#include "base/source_file.h"
#include "parsers/dockerfile.h"

namespace docklint::model {
namespace {

// The model decides each instruction's keyword once, with the stage it is in and whether it is an ONBUILD
// trigger.
TEST(DockerfileModelTest, EveryInstructionHasItsKeywordStageAndTriggerFlag) {
  base::SourceFile file("Dockerfile",
                        "ARG BASE=debian\n"
                        "FROM $BASE AS build\n"
                        "Run make\n"
                        "ONBUILD COPY . /src\n"
                        "FROM build\n"
                        "bogus x\n");
  parsers::Dockerfile dockerfile = parsers::ParseDockerfile(file);
  DockerfileModel model(dockerfile);
  const std::vector<InstructionRef>& all = model.all_instructions();
  ASSERT_EQ(all.size(), 7u);
  struct Expected {
    Keyword keyword;
    int stage;
    bool trigger;
  };
  const Expected expected[] = {
      {Keyword::kArg, -1, false},    {Keyword::kFrom, 0, false}, {Keyword::kRun, 0, false},
      {Keyword::kOnbuild, 0, false}, {Keyword::kCopy, 0, true},  {Keyword::kFrom, 1, false},
      {Keyword::kUnknown, 1, false},
  };
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].keyword, expected[i].keyword) << i;
    EXPECT_EQ(all[i].stage, expected[i].stage) << i;
    EXPECT_EQ(all[i].trigger, expected[i].trigger) << i;
  }
  EXPECT_EQ(all[4].instruction, dockerfile.instructions[3].trigger.get());
  EXPECT_EQ(all[2]->keyword, "run");  // reads like a pointer to the parser's instruction
  // A stage's body holds its instructions after FROM, ONBUILD triggers left out.
  ASSERT_EQ(model.stages().size(), 2u);
  ASSERT_EQ(model.stages()[0].body.size(), 2u);
  EXPECT_EQ(model.stages()[0].body[0].keyword, Keyword::kRun);
  EXPECT_EQ(model.stages()[0].body[1].keyword, Keyword::kOnbuild);
  EXPECT_EQ(model.stages()[1].body.front().keyword, Keyword::kUnknown);
}

}  // namespace
}  // namespace docklint::model
