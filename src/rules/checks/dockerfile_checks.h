// The Dockerfile checks, one class per file beside this header; each file defines its class in an
// anonymous namespace and exposes only its factory here, for the one sorted list in check_registry.cc.
// Below them, the helpers several checks share (dockerfile_walks.cc).
#ifndef DOCKLINT_RULES_CHECKS_DOCKERFILE_CHECKS_H_
#define DOCKLINT_RULES_CHECKS_DOCKERFILE_CHECKS_H_

#include <functional>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "model/dockerfile_model.h"
#include "rules/dockerfile_check.h"

namespace docklint::rules::checks {

std::unique_ptr<DockerfileCheck> MakeAddInsteadOfCopy();
std::unique_ptr<DockerfileCheck> MakeAddUrlWithoutChecksum();
std::unique_ptr<DockerfileCheck> MakeAptGetInstallFlags();
std::unique_ptr<DockerfileCheck> MakeArgLatestInFrom();
std::unique_ptr<DockerfileCheck> MakeBaseImageTag();
std::unique_ptr<DockerfileCheck> MakeCdInsteadOfWorkdir();
std::unique_ptr<DockerfileCheck> MakeConsecutiveRun();
std::unique_ptr<DockerfileCheck> MakeContainerIrrelevantCommand();
std::unique_ptr<DockerfileCheck> MakeCopyFromImageTag();
std::unique_ptr<DockerfileCheck> MakeCopyFromStage();
std::unique_ptr<DockerfileCheck> MakeCopyIgnoredFile();
std::unique_ptr<DockerfileCheck> MakeCopyRelativeWithoutWorkdir();
std::unique_ptr<DockerfileCheck> MakeCopySourcesToFile();
std::unique_ptr<DockerfileCheck> MakeCopyThenExtractArchive();
std::unique_ptr<DockerfileCheck> MakeCopyWholeFilesystem();
std::unique_ptr<DockerfileCheck> MakeCurlAndWget();
std::unique_ptr<DockerfileCheck> MakeDefinitionDescription();
std::unique_ptr<DockerfileCheck> MakeDuplicateStageName();
std::unique_ptr<DockerfileCheck> MakeEnvRefersToSameEnv();
std::unique_ptr<DockerfileCheck> MakeExposePortFormat();
std::unique_ptr<DockerfileCheck> MakeExposePortRange();
std::unique_ptr<DockerfileCheck> MakeFinalStageUser();
std::unique_ptr<DockerfileCheck> MakeFromArgs();
std::unique_ptr<DockerfileCheck> MakeFromPlatformFlag();
std::unique_ptr<DockerfileCheck> MakeFromStageName();
std::unique_ptr<DockerfileCheck> MakeHadolintIgnorePragma();
std::unique_ptr<DockerfileCheck> MakeHealthcheckMissing();
std::unique_ptr<DockerfileCheck> MakeInstructionCasing();
std::unique_ptr<DockerfileCheck> MakeLabelKey();
std::unique_ptr<DockerfileCheck> MakeLabelSchema();
std::unique_ptr<DockerfileCheck> MakeLegacyKeyValue();
std::unique_ptr<DockerfileCheck> MakeLnBinSh();
std::unique_ptr<DockerfileCheck> MakeMaintainerDeprecated();
std::unique_ptr<DockerfileCheck> MakeNonNumericUser();
std::unique_ptr<DockerfileCheck> MakePackageCacheLeft();
std::unique_ptr<DockerfileCheck> MakePackageCommandAvoided();
std::unique_ptr<DockerfileCheck> MakePackageManagerPrompt();
std::unique_ptr<DockerfileCheck> MakePackageVersionPin();
std::unique_ptr<DockerfileCheck> MakePipeToShell();
std::unique_ptr<DockerfileCheck> MakePipefailMissing();
std::unique_ptr<DockerfileCheck> MakePowershellDownloadExecute();
std::unique_ptr<DockerfileCheck> MakeRelativeWorkdir();
std::unique_ptr<DockerfileCheck> MakeRepeatedInstruction();
std::unique_ptr<DockerfileCheck> MakeSecretFileCopied();
std::unique_ptr<DockerfileCheck> MakeSecretInArgOrEnv();
std::unique_ptr<DockerfileCheck> MakeSecretValue();
std::unique_ptr<DockerfileCheck> MakeSetuidAdded();
std::unique_ptr<DockerfileCheck> MakeShellFormCommand();
std::unique_ptr<DockerfileCheck> MakeShellcheck();
std::unique_ptr<DockerfileCheck> MakeSshPortExposed();
std::unique_ptr<DockerfileCheck> MakeSudoInRun();
std::unique_ptr<DockerfileCheck> MakeSudoersNopasswd();
std::unique_ptr<DockerfileCheck> MakeUntrustedBaseImage();
std::unique_ptr<DockerfileCheck> MakeUpdateAlone();
std::unique_ptr<DockerfileCheck> MakeUseraddHighUid();
std::unique_ptr<DockerfileCheck> MakeVerificationDisabled();
std::unique_ptr<DockerfileCheck> MakeWgetWithoutProgress();

// Shared helpers.
// Calls `visit` for each command of `run` that names one, with the command's real name (wrappers such as
// sudo and env stripped) at argv[name_index].
// (A template, not a std::function: it runs for every command of every RUN in several checks.)
template <typename Visit>
void ForEachRunCommand(const model::DockerfileModel& model, const model::Instruction& run, Visit&& visit) {
  for (const parsers::ShellCommand& command : model.RunCommands(run)) {
    if (command.real.name_index < command.argv.size()) visit(command, command.real.name_index);
  }
}
// What an ADD or COPY source fetches, told apart as BuildKit does for ADD: git repositories (git@host:path,
// git://, ssh://, and http(s) URLs whose path ends in .git), other http(s) URLs, local paths. kUnknown when
// it starts with a variable, which may hold a URL.
enum class SourceKind { kLocal, kUrl, kGit, kUnknown };
SourceKind ClassifySource(std::string_view unquoted);

// A stage that is built FROM scratch (itself or through the stages it is built FROM) and has no CMD or
// ENTRYPOINT: a set of files for `docker build --output` or COPY --from, not an image anyone runs.
bool IsFilesOnlyStage(const model::DockerfileModel& model, const model::Stage& stage);

// Whether `word` is one of `set`.
bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> set);
// The text of `instruction` as written in the file (its whole span, heredoc bodies included): cheap to
// search before asking model.RunCommands() to parse a RUN.
std::string_view InstructionText(const model::DockerfileModel& model, const model::Instruction& instruction);
// Whether what a stage leaves in its layers ends up in the image the file ships: the stage is the shipped
// one (model.shipped_stage(): the final stage, unless that is a development stage) or one it is built FROM
// (through other stages). A stage only copied from (COPY --from), or not used at all, leaves its caches
// behind.
bool StageReachesImage(const model::DockerfileModel& model, int stage);
// The span of a shell word or command in the Dockerfile.
base::SourceSpan SpanOf(const model::DockerfileModel& model, uint32_t begin, uint32_t end);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_DOCKERFILE_CHECKS_H_
