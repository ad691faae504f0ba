// Escaping for the machine formats: XML text and attributes (with what XML 1.0 cannot carry replaced),
// relative URIs for SARIF, GitHub workflow-command values, and byte columns as Unicode code points.
#ifndef DOCKLINT_REPORT_ESCAPE_H_
#define DOCKLINT_REPORT_ESCAPE_H_

#include <string>
#include <string_view>

namespace docklint::report {

// Valid UTF-8 for XML 1.0: invalid sequences and control characters other than tab, LF and CR become
// U+FFFD; & < > " ' become entities.
std::string XmlEscape(std::string_view text);

// A relative URI reference for a path: bytes outside RFC 3986's unreserved set and '/' are
// percent-encoded, so "image.tar:/etc/x" cannot be read as a URI with scheme "image.tar".
std::string UriEncode(std::string_view path);

// GitHub workflow commands: message data escapes % CR LF; property values also : and ,.
std::string GithubData(std::string_view text);
std::string GithubProperty(std::string_view text);

// The 1-based column in Unicode code points of the 1-based byte column `byte_column` of `line`.
unsigned CodePointColumn(std::string_view line, unsigned byte_column);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_ESCAPE_H_
