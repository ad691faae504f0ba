#include "rules/check_registry.h"

#include <memory>
#include <vector>

#include "rules/checks/audit_watch.h"
#include "rules/checks/compose_checks.h"
#include "rules/checks/containerd_socket_owner.h"
#include "rules/checks/data_root_mount.h"
#include "rules/checks/docker_socket_mode.h"
#include "rules/checks/docker_socket_ownership.h"
#include "rules/checks/dockerfile_checks.h"
#include "rules/checks/file_permissions.h"
#include "rules/checks/insecure_registry.h"
#include "rules/checks/log_level.h"
#include "rules/checks/seccomp_profile_default_action.h"
#include "rules/checks/socket_group_members.h"
#include "rules/checks/tcp_host_without_tls.h"

namespace docklint::rules {
namespace {

const std::vector<std::unique_ptr<Check>>& AllChecks() {
  // One explicit list, sorted by name; no static registration tricks.
  static const auto* kChecks = [] {
    auto* checks = new std::vector<std::unique_ptr<Check>>();
    checks->push_back(std::make_unique<checks::AuditWatch>());
    checks->push_back(std::make_unique<checks::ContainerdSocketOwner>());
    checks->push_back(std::make_unique<checks::DataRootMount>());
    checks->push_back(std::make_unique<checks::DockerSocketMode>());
    checks->push_back(std::make_unique<checks::DockerSocketOwnership>());
    checks->push_back(std::make_unique<checks::FilePermissions>());
    checks->push_back(std::make_unique<checks::InsecureRegistry>());
    checks->push_back(std::make_unique<checks::LogLevel>());
    checks->push_back(std::make_unique<checks::SeccompProfileDefaultAction>());
    checks->push_back(std::make_unique<checks::SocketGroupMembers>());
    checks->push_back(std::make_unique<checks::TcpHostWithoutTls>());
    return checks;
  }();
  return *kChecks;
}

const std::vector<std::unique_ptr<DockerfileCheck>>& AllDockerfileChecks() {
  // One explicit list, sorted by name.
  static const auto* kChecks = [] {
    auto* checks = new std::vector<std::unique_ptr<DockerfileCheck>>();
    checks->push_back(checks::MakeAddInsteadOfCopy());
    checks->push_back(checks::MakeAddUrlWithoutChecksum());
    checks->push_back(checks::MakeAptGetInstallFlags());
    checks->push_back(checks::MakeArgLatestInFrom());
    checks->push_back(checks::MakeBaseImageTag());
    checks->push_back(checks::MakeCdInsteadOfWorkdir());
    checks->push_back(checks::MakeConsecutiveRun());
    checks->push_back(checks::MakeContainerIrrelevantCommand());
    checks->push_back(checks::MakeCopyFromImageTag());
    checks->push_back(checks::MakeCopyFromStage());
    checks->push_back(checks::MakeCopyIgnoredFile());
    checks->push_back(checks::MakeCopyRelativeWithoutWorkdir());
    checks->push_back(checks::MakeCopySourcesToFile());
    checks->push_back(checks::MakeCopyThenExtractArchive());
    checks->push_back(checks::MakeCopyWholeFilesystem());
    checks->push_back(checks::MakeCurlAndWget());
    checks->push_back(checks::MakeDefinitionDescription());
    checks->push_back(checks::MakeDuplicateStageName());
    checks->push_back(checks::MakeEnvRefersToSameEnv());
    checks->push_back(checks::MakeExposePortFormat());
    checks->push_back(checks::MakeExposePortRange());
    checks->push_back(checks::MakeFinalStageUser());
    checks->push_back(checks::MakeFromArgs());
    checks->push_back(checks::MakeFromPlatformFlag());
    checks->push_back(checks::MakeFromStageName());
    checks->push_back(checks::MakeHadolintIgnorePragma());
    checks->push_back(checks::MakeHealthcheckMissing());
    checks->push_back(checks::MakeInstructionCasing());
    checks->push_back(checks::MakeLabelKey());
    checks->push_back(checks::MakeLabelSchema());
    checks->push_back(checks::MakeLegacyKeyValue());
    checks->push_back(checks::MakeLnBinSh());
    checks->push_back(checks::MakeMaintainerDeprecated());
    checks->push_back(checks::MakeNonNumericUser());
    checks->push_back(checks::MakePackageCacheLeft());
    checks->push_back(checks::MakePackageCommandAvoided());
    checks->push_back(checks::MakePackageManagerPrompt());
    checks->push_back(checks::MakePackageVersionPin());
    checks->push_back(checks::MakePipeToShell());
    checks->push_back(checks::MakePipefailMissing());
    checks->push_back(checks::MakePowershellDownloadExecute());
    checks->push_back(checks::MakeRelativeWorkdir());
    checks->push_back(checks::MakeRepeatedInstruction());
    checks->push_back(checks::MakeSecretFileCopied());
    checks->push_back(checks::MakeSecretInArgOrEnv());
    checks->push_back(checks::MakeSecretValue());
    checks->push_back(checks::MakeSetuidAdded());
    checks->push_back(checks::MakeShellFormCommand());
    checks->push_back(checks::MakeShellcheck());
    checks->push_back(checks::MakeSshPortExposed());
    checks->push_back(checks::MakeSudoInRun());
    checks->push_back(checks::MakeSudoersNopasswd());
    checks->push_back(checks::MakeUntrustedBaseImage());
    checks->push_back(checks::MakeUpdateAlone());
    checks->push_back(checks::MakeUseraddHighUid());
    checks->push_back(checks::MakeVerificationDisabled());
    checks->push_back(checks::MakeWgetWithoutProgress());
    return checks;
  }();
  return *kChecks;
}

const std::vector<std::unique_ptr<ComposeCheck>>& AllComposeChecks() {
  // One explicit list, sorted by name.
  static const auto* kChecks = [] {
    auto* checks = new std::vector<std::unique_ptr<ComposeCheck>>();
    checks->push_back(checks::MakeComposeBuiltImage());
    checks->push_back(checks::MakeComposeHealthcheckDisabled());
    checks->push_back(checks::MakeComposeHostPathMounted());
    checks->push_back(checks::MakeComposeImageTag());
    checks->push_back(checks::MakeComposeMountPropagation());
    checks->push_back(checks::MakeComposeNoNewPrivileges());
    checks->push_back(checks::MakeComposePublishedPort());
    checks->push_back(checks::MakeComposeResourceLimit());
    checks->push_back(checks::MakeComposeRestartPolicy());
    checks->push_back(checks::MakeComposeRootUser());
    checks->push_back(checks::MakeComposeSecretInEnvironment());
    checks->push_back(checks::MakeComposeServiceSetting());
    return checks;
  }();
  return *kChecks;
}

}  // namespace

const DockerfileCheck* FindDockerfileCheck(std::string_view name) {
  for (const auto& check : AllDockerfileChecks()) {
    if (check->Name() == name) return check.get();
  }
  return nullptr;
}

const Check* FindCheck(std::string_view name) {
  for (const auto& check : AllChecks()) {
    if (check->Name() == name) return check.get();
  }
  return nullptr;
}

const ComposeCheck* FindComposeCheck(std::string_view name) {
  for (const auto& check : AllComposeChecks()) {
    if (check->Name() == name) return check.get();
  }
  return nullptr;
}

}  // namespace docklint::rules
