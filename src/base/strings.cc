#include "base/strings.h"

#include <algorithm>

namespace docklint::base {

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string_view Trim(std::string_view s, Blanks blanks) {
  auto blank_front = [](char c) { return c == ' ' || c == '\t'; };
  auto blank_back = [blanks](char c) {
    return c == ' ' || c == '\t' || (blanks == Blanks::kSpaceTabCr && c == '\r');
  };
  while (!s.empty() && blank_front(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank_back(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitCommaList(std::string_view list) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view word = Trim(list.substr(start, end - start));
    if (!word.empty()) out.push_back(word);
    start = end + 1;
  }
  return out;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out, BadCodePoint policy) {
  constexpr uint32_t kMax = 0x10FFFF;
  constexpr uint32_t kReplacement = 0xFFFD;
  if (policy == BadCodePoint::kClampToMax) cp = std::min(cp, kMax);
  if (policy == BadCodePoint::kReplace && (cp > kMax || (cp >= 0xD800 && cp <= 0xDFFF))) cp = kReplacement;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace docklint::base
