// Writes a large JSON document one array element at a time, byte for byte as nlohmann's dump(2) would
// write the whole document, so a sweep of thousands of files never holds its report in memory twice.
#ifndef DOCKLINT_REPORT_JSON_WRITER_H_
#define DOCKLINT_REPORT_JSON_WRITER_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace docklint::report {

using Json = nlohmann::ordered_json;

// `value` dumped with an indent of 2, as it reads nested `depth` spaces deep. Invalid UTF-8 from input
// files is replaced rather than thrown on.
std::string DumpAt(const Json& value, int depth);

// An array written one element at a time as elements come, nested `depth` spaces deep: "[]" when none came.
class JsonArrayStream {
 public:
  JsonArrayStream(std::ostream& out, int depth) : out_(out), depth_(depth) {}
  void Add(const Json& element);
  void Close();

 private:
  std::ostream& out_;
  int depth_;
  size_t count_ = 0;
};

// An array of `count` elements made one at a time by `element`, nested `depth` spaces deep.
void WriteArrayAt(std::ostream& out, size_t count, const std::function<Json(size_t)>& element, int depth);

}  // namespace docklint::report

#endif  // DOCKLINT_REPORT_JSON_WRITER_H_
