#include "rules/diagnostic_rules.h"

namespace docklint::rules {

std::string_view RuleIdFor(base::DiagnosticCode code) {
  using Code = base::DiagnosticCode;
  // A switch without default: the compiler names a new code that has no rule yet.
  switch (code) {
    case Code::kInvalidJson:
      return "DKL0001";
    case Code::kUnreadableFile:
      return kUnreadableFileRuleId;
    case Code::kInvalidUnitSyntax:
      return "DKL0003";
    case Code::kInvalidExecLine:
      return "DKL0004";
    case Code::kUnknownEscapeInUnit:
      return "DKL0005";
    case Code::kUnitFileRefused:
      return "DKL0006";
    case Code::kDockerfileSyntaxError:
      return "DKL0007";
    case Code::kDockerfileParseWarning:
      return "DKL0008";
    case Code::kUnknownRuleInSuppression:
      return "DKL0009";
    case Code::kUnusedSuppression:
      return "DKL0015";
    case Code::kUnknownDockerdFlag:
      return "DKL2001";
    case Code::kInvalidDockerdArgument:
      return "DKL2002";
    case Code::kUnknownDaemonJsonKey:
      return "DKL2004";
    case Code::kDaemonJsonTypeMismatch:
      return "DKL2005";
    case Code::kDuplicateDaemonJsonKey:
      return "DKL2006";
    case Code::kDaemonJsonTrailingContent:
      return "DKL2016";
    case Code::kDaemonJsonKeyIgnored:
      return "DKL2007";
    case Code::kFlagAndFileConflict:
      return "DKL2008";
    case Code::kBracedVariableOneArgument:
      return "DKL2009";
    case Code::kEnvFileLineIgnored:
      return "DKL2010";
    case Code::kEnvFileShellExpansion:
      return "DKL2011";
    case Code::kEnvFileNotRead:
      return "DKL2012";
    case Code::kEnvironmentFileMissing:
      return "DKL2013";
    case Code::kExecStartNotReset:
      return "DKL2014";
    case Code::kInvalidSettingValue:
      return "DKL2015";
    case Code::kLiveRestoreInSwarm:
      return "DKL1031";
    case Code::kInvalidAuditRule:
      return "DKL4001";
    case Code::kAuditRuleLoadsUnexpectedly:
      return "DKL4002";
    case Code::kInvalidComposeYaml:
      return "DKL0010";
    case Code::kComposeFileRefused:
      return "DKL0011";
    case Code::kInvalidDotenv:
      return "DKL0012";
    case Code::kComposeYaml11Boolean:
      return "DKL0013";
    case Code::kComposeObsoleteVersion:
      return "DKL0014";
    case Code::kSeccompProfileMissing:
      return "DKL0016";
    case Code::kInvalidSeccompProfile:
      return "DKL1029";
    case Code::kContainerdConfigRefused:
      return "DKL0017";
  }
  return kInternalErrorRuleId;
}

}  // namespace docklint::rules
