// 128-bit hashes of content, for the result cache: what a job read and which rules and options judged it.
// XXH3-128 (Debian's libxxhash, compiled in from its header): fast enough that hashing every file read
// costs far less than reading it, and wide enough that two different contents never meet in practice. Not
// cryptographic: a cache entry is only ever compared with what the same user's files hash to.
#ifndef DOCKLINT_BASE_CONTENT_HASH_H_
#define DOCKLINT_BASE_CONTENT_HASH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace docklint::base {

struct ContentHash {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const ContentHash&, const ContentHash&) = default;
  // 32 lowercase hex digits, high half first.
  std::string Hex() const;
};

ContentHash HashBytes(std::string_view bytes);
// HashBytes of `first` followed by `second`, without joining them.
ContentHash HashBytes(std::string_view first, std::string_view second);

// Hashes a sequence of fields; each is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  ContentHasher& Add(std::string_view field);
  ContentHasher& Add(uint64_t number);
  ContentHash Finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace docklint::base

#endif  // DOCKLINT_BASE_CONTENT_HASH_H_
