// Parser for /etc/fstab (fstab(5)), as util-linux's libmount reads it for mount(8) and systemd's
// fstab-generator: one entry per line, fields separated by blanks (spaces and tabs), a line whose first
// non-blank byte is '#' is a comment, and octal escapes (\040 for a space, \011 a tab, \134 a backslash)
// stand for bytes a field cannot hold. A line that is not an entry (fewer than three fields, more than six,
// a dump or pass field that is not a number) is skipped and listed, never fatal.
#ifndef DOCKLINT_PARSERS_FSTAB_H_
#define DOCKLINT_PARSERS_FSTAB_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"

namespace docklint::parsers {

struct FstabField {
  std::string value;      // escapes decoded
  base::SourceSpan span;  // the field as written
};

struct FstabEntry {
  FstabField spec;     // what is mounted: a device, UUID=..., a remote share
  FstabField file;     // where: the mount point ("none" or "swap" for swap space)
  FstabField type;     // the file system type
  FstabField options;  // empty span and "defaults" when the line leaves it out
  FstabField freq;     // dump; empty when left out
  FstabField passno;   // fsck order; empty when left out
  base::SourceSpan line;

  // Whether the comma-separated options hold `option` exactly ("noauto", not "x-noauto-thing").
  bool HasOption(std::string_view option) const;
  bool IsSwap() const { return type.value == "swap"; }
};

struct Fstab {
  const base::SourceFile* file = nullptr;
  std::vector<FstabEntry> entries;        // in file order
  std::vector<base::SourceSpan> skipped;  // lines that are neither blank, a comment nor an entry
};

// Decodes fstab's octal escapes (a backslash and three octal digits); other bytes are kept as they are.
std::string DecodeFstabEscapes(std::string_view text);

// The returned Fstab points at `file`, which must outlive it.
Fstab ParseFstab(const base::SourceFile& file);

}  // namespace docklint::parsers

#endif  // DOCKLINT_PARSERS_FSTAB_H_
