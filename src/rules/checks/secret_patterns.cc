#include "rules/checks/secret_patterns.h"

#include <cctype>
#include <initializer_list>

#include "base/strings.h"

namespace docklint::rules::checks {
namespace {

bool HasPart(std::string_view lowered, std::initializer_list<std::string_view> parts) {
  size_t start = 0;
  while (start <= lowered.size()) {
    size_t end = lowered.find('_', start);
    if (end == std::string_view::npos) end = lowered.size();
    std::string_view part = lowered.substr(start, end - start);
    for (std::string_view p : parts) {
      if (part == p) return true;
    }
    start = end + 1;
  }
  return false;
}

bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsUpperOrDigit(c) || (c >= 'a' && c <= 'z'); }

// Length of a run of characters accepted by `ok` starting at `at`.
template <typename Pred>
size_t RunLength(std::string_view text, size_t at, Pred ok) {
  size_t n = 0;
  while (at + n < text.size() && ok(text[at + n])) ++n;
  return n;
}

}  // namespace

bool NamesSecret(std::string_view name) {
  std::string lowered = base::Lower(name);
  if (!HasPart(lowered, {"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd",
                         "secret", "token"})) {
    return false;
  }
  if (HasPart(lowered, {"public"})) return false;  // BuildKit's allow-list
  // GPG_KEY, PGP_KEY_IDS: fingerprints of the public keys downloads are verified with (unless private).
  if (HasPart(lowered, {"gpg", "pgp"}) && !HasPart(lowered, {"private", "passphrase", "secret"}))
    return false;
  // PASSWORD_FILE (the docker secrets convention), KEY_DIR, AUTH_URL, DOCKER_AUTH_VERSION.
  return !HasPart(lowered, {"file", "dir", "path", "url", "version"});
}

bool IsAbsolutePath(std::string_view value) {
  return value.size() > 1 && value.front() == '/' && value.find_first_of(" \t") == std::string_view::npos;
}

bool IsScriptOrConfigFileName(std::string_view value) {
  size_t dot = value.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  for (char c : value.substr(0, dot)) {
    if (!IsAlnum(c) && c != '_' && c != '-' && c != '.') return false;
  }
  std::string extension = base::Lower(value.substr(dot + 1));
  for (std::string_view known :
       {"sh",  "bash", "py",  "pl",  "rb",   "js",   "ps1", "bat", "cmd",        "sql",
        "txt", "conf", "cfg", "ini", "json", "yaml", "yml", "xml", "properties", "env"}) {
    if (extension == known) return true;
  }
  return false;
}

bool HoldsNoSecret(std::string_view value) {
  std::string lowered = base::Lower(value);
  return value.empty() || lowered == "true" || lowered == "false" || IsAbsolutePath(value) ||
         IsScriptOrConfigFileName(value);
}

std::vector<SecretMatch> FindSecretValues(std::string_view text) {
  std::vector<SecretMatch> out;
  for (size_t i = 0; i < text.size(); ++i) {
    // Every pattern starts with one of these bytes: the test runs on every byte of every instruction.
    char first = text[i];
    if (first != 'A' && first != '-' && first != 'g' && first != 'x') continue;
    bool boundary = i == 0 || !IsAlnum(text[i - 1]);
    if (!boundary) continue;
    std::string_view rest = text.substr(i);
    if ((rest.starts_with("AKIA") || rest.starts_with("ASIA")) &&
        RunLength(text, i + 4, IsUpperOrDigit) == 16) {
      out.push_back({i, i + 20, "an AWS access key id"});
      i += 19;
    } else if (rest.starts_with("-----BEGIN ")) {
      size_t close = rest.find("-----", 11);
      if (close != std::string_view::npos && rest.substr(0, close).ends_with("PRIVATE KEY")) {
        out.push_back({i, i + close + 5, "a private key"});
        i += close + 4;
      }
    } else if (rest.size() > 4 && rest[0] == 'g' && rest[1] == 'h' &&
               std::string_view("pousr").find(rest[2]) != std::string_view::npos && rest[3] == '_' &&
               RunLength(text, i + 4, IsAlnum) >= 36) {
      out.push_back({i, i + 4 + RunLength(text, i + 4, IsAlnum), "a GitHub token"});
      i += 3;
    } else if (rest.starts_with("xox") && rest.size() > 4 &&
               std::string_view("abpr").find(rest[3]) != std::string_view::npos && rest[4] == '-' &&
               RunLength(text, i + 5, [](char c) { return IsAlnum(c) || c == '-'; }) >= 10) {
      out.push_back({i, i + 5 + RunLength(text, i + 5, [](char c) { return IsAlnum(c) || c == '-'; }),
                     "a Slack token"});
      i += 4;
    }
  }
  return out;
}

}  // namespace docklint::rules::checks
