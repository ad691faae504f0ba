// The edits behind the editor's "ignore" actions: docklint's own comments, placed where rules/suppressions.h
// reads them. Only Dockerfiles and compose files carry such comments (JSON has none; the host files are
// judged as one host, where a comment in one file would hide a fact of another).
#ifndef DOCKLINT_LSP_SUPPRESSION_EDITS_H_
#define DOCKLINT_LSP_SUPPRESSION_EDITS_H_

#include <optional>
#include <string>

#include "base/finding.h"
#include "base/source_file.h"
#include "model/inputs.h"

namespace docklint::lsp {

// Whether files of `kind` read docklint's ignore comments.
bool ReadsIgnoreComments(model::InputKind kind);

// `# docklint ignore=RULE` on the line above the element `line` (1-based) lies in: a Dockerfile's
// instruction (from its first line), a compose file's key or list item. When the comment right above it
// already ignores rules there, RULE is added to its list. nullopt when no comment there can silence it (the
// line is no instruction's).
std::optional<base::TextEdit> IgnoreHereEdit(const base::SourceFile& file, model::InputKind kind,
                                             uint32_t line, const std::string& rule_id);

// `# docklint global ignore=RULE` at the top of the file: in a Dockerfile after its parser directives,
// which must stay first.
std::optional<base::TextEdit> IgnoreInFileEdit(const base::SourceFile& file, model::InputKind kind,
                                               const std::string& rule_id);

}  // namespace docklint::lsp

#endif  // DOCKLINT_LSP_SUPPRESSION_EDITS_H_
