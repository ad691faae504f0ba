// JSON-RPC 2.0 as the Language Server Protocol frames it: each message is a header block
// ("Content-Length: N", optionally "Content-Type: ..."), a blank line, and N bytes of JSON.
#ifndef DOCKLINT_LSP_JSON_RPC_H_
#define DOCKLINT_LSP_JSON_RPC_H_

#include <cstddef>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>

namespace docklint::lsp {

// JSON-RPC's and LSP's error codes.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestCancelled = -32800;

// The largest message body read: a Dockerfile docklint reads is at most 16 MiB, and JSON-escaping can
// double it. A larger Content-Length is refused without reading (or allocating) it.
inline constexpr size_t kMaxMessageSize = 64 * 1024 * 1024;

class MessageReader {
 public:
  explicit MessageReader(std::istream& in) : in_(in) {}

  enum class Status {
    kMessage,    // `body` holds a message's bytes
    kBadHeader,  // `error` says why; the reader has skipped to the next header block
    kEnd,        // the stream ended (a message cut short ends it too)
  };
  Status Next(std::string* body, std::string* error);

 private:
  std::istream& in_;
};

// The framed bytes of `message`.
std::string Frame(const nlohmann::json& message);

}  // namespace docklint::lsp

#endif  // DOCKLINT_LSP_JSON_RPC_H_
