// What says a value is a credential, shared by the Dockerfile checks (secret-in-arg-or-env, secret-value)
// and the compose check of literal environment values (compose-secret-in-environment): a variable name that
// says it holds a secret, values that cannot be one, and credentials recognizable by their form.
#ifndef DOCKLINT_RULES_CHECKS_SECRET_PATTERNS_H_
#define DOCKLINT_RULES_CHECKS_SECRET_PATTERNS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docklint::rules::checks {

// A variable name that says it holds a secret, as BuildKit's SecretsUsedInArgOrEnv reads names: one of
// apikey, auth, credential(s), key, password, pword, passwd, secret, token as a whole `_`-separated part
// (case-insensitive), unless a part is `public`; names about a secret that is not in the value (a gpg/pgp key
// fingerprint, a file, dir, path, url or version) are left out.
bool NamesSecret(std::string_view name);

// An absolute path without spaces: AUTH_KEYS=/root/.ssh/authorized_keys names where a secret is, not it.
bool IsAbsolutePath(std::string_view value);

// A file name with a script or configuration extension (resetOSPassword.sh, secrets.json): the value names
// a file, it is no secret.
bool IsScriptOrConfigFileName(std::string_view value);

// A value that holds no secret whatever its name says: empty, true/false, an absolute path, or a script or
// configuration file name.
bool HoldsNoSecret(std::string_view value);

// A credential recognizable by its form, at [begin, end) of the text searched.
struct SecretMatch {
  size_t begin, end;
  std::string what;  // "an AWS access key id", "a private key", "a GitHub token", "a Slack token"
};

// Every credential in `text`: AWS access key ids (AKIA/ASIA + 16 upper-case letters or digits), private key
// headers, GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_ + at least 36 letters or digits) and Slack tokens
// (xox[abpr]-), each starting at a word boundary.
std::vector<SecretMatch> FindSecretValues(std::string_view text);

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_SECRET_PATTERNS_H_
