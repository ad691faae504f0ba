// libFuzzer entry point for the language server's input (framing, messages, edits); the work is in
// fuzz_targets.cc.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  docklint::fuzz::FuzzLsp(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
