#include "lsp/json_rpc.h"

#include <gtest/gtest.h>

#include <sstream>

namespace docklint::lsp {
namespace {

TEST(MessageReaderTest, ReadsFramedMessagesAndRecoversFromBadHeaders) {
  std::istringstream in(
      "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "content-length:3\n\n[1]"              // lowercase, bare line feeds
      "Content-Length: -1\r\n\r\n"           // not a number: reported, then the next block
      "X-Other: 1\r\n\r\n"                   // no Content-Length
      "Content-Length: 99999999999\r\n\r\n"  // too large to read
      "Content-Length: 4\r\n\r\nnull"
      "Content-Length: 10\r\n\r\n{\"cut");  // the stream ends inside a body
  MessageReader reader(in);
  std::string body, error;
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kMessage);
  EXPECT_EQ(body, "{}");
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kMessage);
  EXPECT_EQ(body, "[1]");
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kBadHeader);
  EXPECT_NE(error.find("not a number"), std::string::npos) << error;
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kBadHeader);
  EXPECT_NE(error.find("without Content-Length"), std::string::npos) << error;
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kBadHeader);
  EXPECT_NE(error.find("MiB"), std::string::npos) << error;
  ASSERT_EQ(reader.Next(&body, &error), MessageReader::Status::kMessage);
  EXPECT_EQ(body, "null");
  EXPECT_EQ(reader.Next(&body, &error), MessageReader::Status::kEnd);
  EXPECT_EQ(reader.Next(&body, &error), MessageReader::Status::kEnd);
}

TEST(FrameTest, CountsBytesAndReplacesInvalidUtf8) {
  EXPECT_EQ(Frame(nlohmann::json{{"a", "é"}}), "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
  std::string framed = Frame(nlohmann::json{{"a", std::string("\xff")}});
  EXPECT_NE(framed.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

}  // namespace
}  // namespace docklint::lsp
