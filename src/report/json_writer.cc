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

void JsonArrayStream::Add(const Json& element) {
  out_ << (count_++ == 0 ? "[\n" : ",\n") << std::string(static_cast<size_t>(depth_) + 2, ' ')
       << DumpAt(element, depth_ + 2);
}

void JsonArrayStream::Close() {
  if (count_ == 0) {
    out_ << "[]";
    return;
  }
  out_ << '\n' << std::string(static_cast<size_t>(depth_), ' ') << ']';
}

void WriteArrayAt(std::ostream& out, size_t count, const std::function<Json(size_t)>& element, int depth) {
  JsonArrayStream array(out, depth);
  for (size_t i = 0; i < count; ++i) array.Add(element(i));
  array.Close();
}

}  // namespace docklint::report
