#include <algorithm>

#include "report/reporter.h"
#include "report/writers.h"

namespace docklint::report {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGreen = "\x1b[1;32m";
constexpr std::string_view kCyan = "\x1b[1;36m";

std::string_view SeverityColor(base::Severity severity) {
  switch (severity) {
    case base::Severity::kError:
      return "\x1b[1;31m";
    case base::Severity::kWarning:
      return "\x1b[1;35m";
    default:
      return "\x1b[1;36m";
  }
}

void WritePlace(const base::Location& at, std::ostream& out) {
  if (at.file.empty()) {
    out << "docklint";
  } else if (at.range.begin.line == 0) {
    out << at.file;
  } else {
    out << at.file << ':' << at.range.begin.line << ':' << at.range.begin.column;
  }
}

// The flagged line, then a caret under the first flagged byte and tildes under the rest of it on that
// line. Tabs in the prefix are kept so the caret lines up however the terminal expands them; other bytes
// become spaces.
void WriteFrame(const base::Location& at, const base::SourceFile& file, const TextStyle& style,
                std::ostream& out) {
  uint32_t line = at.range.begin.line;
  if (line == 0 || line > file.line_count()) return;
  std::string_view text = file.LineText(line);
  std::string number = std::to_string(line);
  size_t first = std::min<size_t>(at.range.begin.column ? at.range.begin.column - 1 : 0, text.size());
  size_t last = at.range.end.line == line
                    ? std::max<size_t>(at.range.end.column ? at.range.end.column - 1 : 0, first + 1)
                    : text.size();
  last = std::min(last, std::max(text.size(), first + 1));
  out << ' ' << std::string(number.size(), ' ') << " |\n";
  out << ' ' << number << " | " << text << '\n';
  out << ' ' << std::string(number.size(), ' ') << " | ";
  for (size_t i = 0; i < first; ++i) out << (text[i] == '\t' ? '\t' : ' ');
  if (style.color) out << kGreen;
  out << '^' << std::string(last > first + 1 ? last - first - 1 : 0, '~');
  if (style.color) out << kReset;
  out << '\n';
}

class TextWriter : public ReportWriter {
 public:
  TextWriter(const TextStyle& style, std::ostream& out) : style_(style), out_(out) {}

  void Add(const ReportChunk& chunk) override {
    const TextStyle& style = style_;
    std::ostream& out = out_;
    for (const base::Finding& f : chunk.findings) {
      if (style.color) out << kBold;
      WritePlace(f.location, out);
      out << ": ";
      if (style.color) out << SeverityColor(f.severity);
      out << base::SeverityName(f.severity) << ':';
      if (style.color) out << kReset << kBold;
      out << ' ' << f.FullMessage() << " [" << f.rule_id << "]";
      if (style.color) out << kReset;
      out << '\n';
      const base::SourceFile* file = style.code_frames && chunk.sources && !f.location.file.empty()
                                         ? chunk.sources(f.location.file)
                                         : nullptr;
      if (file != nullptr) WriteFrame(f.location, *file, style, out);
      for (const base::RelatedLocation& related : f.related) {
        if (style.color) out << kBold;
        WritePlace(related.location, out);
        out << ": ";
        if (style.color) out << kCyan;
        out << "note:";
        if (style.color) out << kReset;
        out << ' ' << related.message << '\n';
        const base::SourceFile* related_file =
            style.code_frames && chunk.sources ? chunk.sources(related.location.file) : nullptr;
        if (related_file != nullptr) WriteFrame(related.location, *related_file, style, out);
      }
    }
  }

  void Finish(const ReportTotals&) override {}

 private:
  TextStyle style_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTextWriter(const TextStyle& style, std::ostream& out) {
  return std::make_unique<TextWriter>(style, out);
}

}  // namespace docklint::report
