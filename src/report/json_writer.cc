#include "report/json_writer.h"

namespace docklint::report {

std::string DumpAt(const Json& value, int depth) {
  std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  // Strings escape their newlines, so every newline in the text is a line break of the layout.
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(static_cast<size_t>(depth), ' ');
  }
  return out;
}

void WriteArrayAt(std::ostream& out, size_t count, const std::function<Json(size_t)>& element, int depth) {
  if (count == 0) {
    out << "[]";
    return;
  }
  out << '[';
  for (size_t i = 0; i < count; ++i) {
    out << (i == 0 ? "\n" : ",\n") << std::string(static_cast<size_t>(depth) + 2, ' ')
        << DumpAt(element(i), depth + 2);
  }
  out << '\n' << std::string(static_cast<size_t>(depth), ' ') << ']';
}

}  // namespace docklint::report
