// docklint_rulesetc OUTPUT.cc RULESET.toml...: checks the built-in rulesets as docklint loads any ruleset
// (errors fail the build with file:line:column) and writes them out as C++ (rules/ruleset_codegen.h).
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "rules/ruleset.h"
#include "rules/ruleset_codegen.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: docklint_rulesetc OUTPUT.cc RULESET.toml...\n";
    return 2;
  }
  docklint::rules::Ruleset ruleset;
  std::vector<std::string> errors;
  for (int i = 2; i < argc; ++i) {
    std::string path = argv[i], text, error;
    if (!docklint::base::ReadFileToString(path, &text, &error)) {
      std::cerr << path << ": error: " << error << '\n';
      return 1;
    }
    // Errors and `defined_in` name the file as users see it in the repository.
    std::string shown = "rulesets/" + path.substr(path.find_last_of('/') + 1);
    ruleset.Load(shown, text, &errors);
  }
  for (const std::string& error : errors) std::cerr << error << '\n';
  if (!errors.empty()) return 1;
  std::string code = docklint::rules::RulesToCpp(ruleset.rules());
  // Rewritten only when it changes, so an unchanged ruleset rebuilds nothing.
  std::string old, ignored;
  if (docklint::base::ReadFileToString(argv[1], &old, &ignored) && old == code) return 0;
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << code;
  return out ? 0 : 1;
}
