#include "lsp/json_rpc.h"

#include <charconv>
#include <string_view>

#include "base/strings.h"

namespace docklint::lsp {

MessageReader::Status MessageReader::Next(std::string* body, std::string* error) {
  // Headers up to the blank line. A header line longer than this is not LSP's.
  constexpr size_t kMaxHeaderLine = 1024;
  std::string line;
  bool any_header = false;
  bool length_known = false;
  size_t length = 0;
  std::string problem;
  while (true) {
    line.clear();
    int c;
    while ((c = in_.get()) != std::char_traits<char>::eof() && c != '\n') {
      if (line.size() < kMaxHeaderLine) line.push_back(static_cast<char>(c));
    }
    if (c == std::char_traits<char>::eof() && line.empty()) return Status::kEnd;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // blank lines between messages
      break;
    }
    any_header = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      if (problem.empty()) problem = "a header line without ':': \"" + line.substr(0, 80) + "\"";
      continue;
    }
    std::string name = base::Lower(base::Trim(std::string_view(line).substr(0, colon)));
    std::string_view value = base::Trim(std::string_view(line).substr(colon + 1));
    if (name != "content-length") continue;  // Content-Type is always JSON in UTF-8
    size_t parsed = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size()) {
      if (problem.empty())
        problem = "Content-Length is not a number: \"" + std::string(value.substr(0, 40)) + "\"";
      continue;
    }
    length = parsed;
    length_known = true;
  }
  if (problem.empty() && !length_known) problem = "a message without Content-Length";
  if (problem.empty() && length > kMaxMessageSize)
    problem = "Content-Length " + std::to_string(length) + " is over the " +
              std::to_string(kMaxMessageSize / (1024 * 1024)) + " MiB a message may have";
  if (!problem.empty()) {
    // The body's length is unknown (or too large to read): what follows is read as the next header block.
    *error = problem;
    return Status::kBadHeader;
  }
  body->resize(length);
  in_.read(body->data(), static_cast<std::streamsize>(length));
  if (static_cast<size_t>(in_.gcount()) != length) return Status::kEnd;
  return Status::kMessage;
}

std::string Frame(const nlohmann::json& message) {
  // Invalid UTF-8 in a file's text is replaced rather than thrown on: a message must always go out.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace docklint::lsp
