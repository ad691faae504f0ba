// The language server, driven message by message as an editor drives it: initialize and the position
// encodings, incremental edits, diagnostics across the files of a host tree and a compose folder, the
// configuration read again, code actions, hover, malformed messages and shutdown.
#include "lsp/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lsp/json_rpc.h"

namespace docklint::lsp {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("docklint-lsp-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    server_ = std::make_unique<Server>(
        ServerOptions{std::chrono::milliseconds(0), 1}, [this](const std::string& framed) {
          std::lock_guard<std::mutex> lock(mu_);
          std::istringstream in(framed);
          MessageReader reader(in);
          std::string body, error;
          EXPECT_EQ(reader.Next(&body, &error), MessageReader::Status::kMessage);
          sent_.push_back(json::parse(body));
        });
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& relative, const std::string& text) {
    fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  void Send(const json& message) { server_->Handle(message.dump()); }
  json Request(const std::string& method, const json& params) {
    int id = ++next_id_;
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    std::lock_guard<std::mutex> lock(mu_);
    for (const json& message : sent_) {
      if (message.contains("id") && message["id"] == id) return message;
    }
    return nullptr;
  }
  void Notify(const std::string& method, const json& params) {
    Send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
    server_->WaitIdle();
  }
  json Initialize(const json& capabilities = json::object()) {
    json result =
        Request("initialize", {{"capabilities", capabilities}, {"rootUri", UriFromPath(dir_.string())}});
    Notify("initialized", json::object());
    return result;
  }
  void Open(const std::string& path, const std::string& text, int version = 1) {
    Notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", UriFromPath(path)}, {"languageId", ""}, {"version", version}, {"text", text}}}});
  }
  // The last diagnostics published for `path`; null when none were.
  json Diagnostics(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
      if ((*it).value("method", "") == "textDocument/publishDiagnostics" &&
          (*it)["params"]["uri"] == UriFromPath(path))
        return (*it)["params"];
    }
    return nullptr;
  }
  static std::vector<std::string> Codes(const json& published) {
    std::vector<std::string> codes;
    if (published.is_null()) return codes;
    for (const json& d : published["diagnostics"]) codes.push_back(d["code"]);
    return codes;
  }
  static bool Has(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  }
  static json Range(int line, int character, int end_line, int end_character) {
    return {{"start", {{"line", line}, {"character", character}}},
            {"end", {{"line", end_line}, {"character", end_character}}}};
  }

  fs::path dir_;
  std::unique_ptr<Server> server_;
  std::mutex mu_;
  std::vector<json> sent_;
  int next_id_ = 0;
};

TEST_F(ServerTest, InitializeNegotiatesThePositionEncoding) {
  json result = Initialize();
  ASSERT_TRUE(result.contains("result")) << result;
  const json& capabilities = result["result"]["capabilities"];
  EXPECT_EQ(capabilities["positionEncoding"], "utf-16");
  EXPECT_EQ(capabilities["textDocumentSync"]["change"], 2);
  EXPECT_TRUE(capabilities["hoverProvider"]);
  EXPECT_EQ(capabilities["codeActionProvider"]["codeActionKinds"], json({"quickfix"}));
  EXPECT_FALSE(result["result"].contains("offsetEncoding"));
}

TEST_F(ServerTest, Utf8WhenTheClientOffersItAsLsp317Does) {
  json result = Initialize({{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
  EXPECT_EQ(result["result"]["capabilities"]["positionEncoding"], "utf-8");
  EXPECT_FALSE(result["result"].contains("offsetEncoding"));
}

TEST_F(ServerTest, Utf8WhenTheClientOffersItAsClangdsExtension) {
  // Neovim before 0.9 negotiates by clangd's offsetEncoding, and reads the answer at the top level.
  json result = Initialize({{"offsetEncoding", {"utf-8", "utf-16"}}});
  EXPECT_EQ(result["result"]["capabilities"]["positionEncoding"], "utf-8");
  EXPECT_EQ(result["result"]["offsetEncoding"], "utf-8");
}

TEST_F(ServerTest, ColumnsAfterNonAsciiTextFollowTheEncoding) {
  // "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units. The tag's range starts after both.
  std::string dockerfile = Write("Dockerfile", "FROM debian\nLABEL a=\"é𝄞\"\nRUN apt-get install -y curl\n");
  Initialize();
  Open(dockerfile, "# é𝄞\nFROM debian\n");
  json published = Diagnostics(dockerfile);
  ASSERT_TRUE(Has(Codes(published), "DKL3013")) << published;
  for (const json& d : published["diagnostics"]) {
    if (d["code"] == "DKL3013") {
      EXPECT_EQ(d["range"]["start"], json({{"line", 1}, {"character", 5}}));
    }
  }
  // A finding on the line with the wide characters: its columns count UTF-16 units.
  Notify("textDocument/didChange",
         {{"textDocument", {{"uri", UriFromPath(dockerfile)}, {"version", 2}}},
          {"contentChanges", {{{"text", "FROM debian:12\nRUN echo é𝄞 && apt-get install -y curl\n"}}}}});
  published = Diagnostics(dockerfile);
  EXPECT_EQ(published["version"], 2);
  for (const json& d : published["diagnostics"]) {
    if (d["code"] == "DKL3019") {
      // "RUN echo é𝄞 && apt-get " is 27 bytes before "install", 24 UTF-16 units.
      EXPECT_EQ(d["range"]["start"]["line"], 1);
      EXPECT_EQ(d["range"]["start"]["character"], 24) << d;
    }
  }
}

TEST_F(ServerTest, IncrementalEditsChangeTheDiagnostics) {
  std::string dockerfile = Write("Dockerfile", "");
  Initialize();
  Open(dockerfile, "FROM debian\nRUN true\n");
  EXPECT_TRUE(Has(Codes(Diagnostics(dockerfile)), "DKL3013"));
  // Insert ":12" after "debian": the untagged image is gone; then an edit that spans lines.
  Notify("textDocument/didChange", {{"textDocument", {{"uri", UriFromPath(dockerfile)}, {"version", 2}}},
                                    {"contentChanges", {{{"range", Range(0, 11, 0, 11)}, {"text", ":12"}}}}});
  json published = Diagnostics(dockerfile);
  EXPECT_EQ(published["version"], 2);
  EXPECT_FALSE(Has(Codes(published), "DKL3013")) << published;
  Notify("textDocument/didChange",
         {{"textDocument", {{"uri", UriFromPath(dockerfile)}, {"version", 3}}},
          {"contentChanges", {{{"range", Range(0, 11, 1, 0)}, {"text", "\nRUN cd /tmp\n"}}}}});
  published = Diagnostics(dockerfile);
  EXPECT_EQ(published["version"], 3);
  EXPECT_TRUE(Has(Codes(published), "DKL3013"));  // the tag went with the replaced text
}

TEST_F(ServerTest, AHostTreesFilesAreJudgedTogetherAndRepublished) {
  // icc set both as a flag in a drop-in and in daemon.json: dockerd refuses to start (DKL2008).
  std::string daemon_json = Write("img/etc/docker/daemon.json", "{\n  \"log-level\": \"info\"\n}\n");
  std::string drop_in = Write("img/etc/systemd/system/docker.service.d/override.conf",
                              "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n");
  Initialize();
  Open(drop_in, "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n");
  EXPECT_FALSE(Has(Codes(Diagnostics(drop_in)), "DKL2008")) << Diagnostics(drop_in);
  // An unsaved edit of daemon.json republishes the drop-in's diagnostics.
  Open(daemon_json, "{\n  \"log-level\": \"info\",\n  \"icc\": false\n}\n");
  std::vector<std::string> both = Codes(Diagnostics(drop_in));
  std::vector<std::string> in_json = Codes(Diagnostics(daemon_json));
  EXPECT_TRUE(Has(both, "DKL2008") || Has(in_json, "DKL2008"))
      << Diagnostics(drop_in) << Diagnostics(daemon_json);
  // Closing the buffer without saving: the file on disk counts again.
  Notify("textDocument/didClose", {{"textDocument", {{"uri", UriFromPath(daemon_json)}}}});
  EXPECT_FALSE(Has(Codes(Diagnostics(drop_in)), "DKL2008")) << Diagnostics(drop_in);
}

TEST_F(ServerTest, AFileNotOpenIsPublishedAgainOnlyWhenItsDiagnosticsChange) {
  std::string daemon_json = Write("img/etc/docker/daemon.json", "{}\n");
  std::string drop_in =
      Write("img/etc/systemd/system/docker.service.d/registry.conf",
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --insecure-registry=r.internal:5000\n");
  Initialize();
  Open(daemon_json, "{}\n");
  auto publishes = [&] {
    std::lock_guard<std::mutex> lock(mu_);
    return std::count_if(sent_.begin(), sent_.end(), [&](const json& m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" &&
             m["params"]["uri"] == UriFromPath(drop_in);
    });
  };
  ASSERT_TRUE(Has(Codes(Diagnostics(drop_in)), "DKL1005")) << Diagnostics(drop_in);
  EXPECT_FALSE(Diagnostics(drop_in).contains("version"));  // not open: no version
  EXPECT_EQ(publishes(), 1);
  for (int version = 2; version <= 4; ++version) {
    Notify("textDocument/didChange",
           {{"textDocument", {{"uri", UriFromPath(daemon_json)}, {"version", version}}},
            {"contentChanges", {{{"text", std::string(version, ' ') + "{}\n"}}}}});
  }
  EXPECT_EQ(publishes(), 1);
}

TEST_F(ServerTest, AComposeFileIsJudgedWithItsDotenv) {
  std::string compose = Write("app/compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n");
  std::string dotenv = Write("app/.env", "TAG=1.25\n");
  Initialize();
  Open(compose, "services:\n  web:\n    image: nginx:${TAG}\n");
  json before = Diagnostics(compose);
  ASSERT_FALSE(before.is_null());
  // An unsaved .env whose line compose refuses: the compose file's project is judged again.
  Open(dotenv, "TAG=1.25\n'unterminated\n");
  std::vector<std::string> codes = Codes(Diagnostics(dotenv));
  std::vector<std::string> compose_codes = Codes(Diagnostics(compose));
  EXPECT_TRUE(Has(codes, "DKL0012") || Has(compose_codes, "DKL0012"))
      << Diagnostics(dotenv) << Diagnostics(compose);
}

TEST_F(ServerTest, TheConfigurationIsReadAgainWhenItChanges) {
  std::string config = Write(".docklint.toml", "");
  std::string dockerfile = Write("Dockerfile", "FROM debian\n");
  Initialize();
  Open(dockerfile, "FROM debian\n");
  EXPECT_TRUE(Has(Codes(Diagnostics(dockerfile)), "DKL3013"));
  Open(config, "ignore = ['DKL3013']\n");  // unsaved: it applies at once
  EXPECT_FALSE(Has(Codes(Diagnostics(dockerfile)), "DKL3013")) << Diagnostics(dockerfile);
  // A configuration docklint cannot read is said, and the defaults apply.
  Notify("textDocument/didChange", {{"textDocument", {{"uri", UriFromPath(config)}, {"version", 2}}},
                                    {"contentChanges", {{{"text", "ignore = 3\n"}}}}});
  EXPECT_TRUE(Has(Codes(Diagnostics(dockerfile)), "DKL3013"));
  bool shown = false;
  for (const json& message : sent_) shown = shown || message.value("method", "") == "window/showMessage";
  EXPECT_TRUE(shown);
}

TEST_F(ServerTest, ClosingAFileJudgedAloneTakesItsDiagnosticsBack) {
  std::string dockerfile = Write("Dockerfile", "");
  Initialize();
  Open(dockerfile, "FROM debian\n");
  EXPECT_FALSE(Codes(Diagnostics(dockerfile)).empty());
  Notify("textDocument/didClose", {{"textDocument", {{"uri", UriFromPath(dockerfile)}}}});
  EXPECT_TRUE(Codes(Diagnostics(dockerfile)).empty()) << Diagnostics(dockerfile);
}

TEST_F(ServerTest, OnlyFilesWhoseNameSaysTheirKind) {
  // An editor attaches the server to every JSON file: a package.json is not daemon.json.
  std::string package = Write("web/package.json", "{\"icc\": true}\n");
  Initialize();
  Open(package, "{\"icc\": true}\n");
  EXPECT_TRUE(Diagnostics(package).is_null()) << Diagnostics(package);
}

TEST_F(ServerTest, QuickFixesComeFromTheFindingsFixes) {
  std::string daemon_json = Write("host/etc/docker/daemon.json", "{\n  \"icc\": true\n}\n");
  Initialize();
  Open(daemon_json, "{\n  \"icc\": true\n}\n");
  ASSERT_TRUE(Has(Codes(Diagnostics(daemon_json)), "DKL1001")) << Diagnostics(daemon_json);
  json reply = Request("textDocument/codeAction", {{"textDocument", {{"uri", UriFromPath(daemon_json)}}},
                                                   {"range", Range(1, 2, 1, 13)},
                                                   {"context", {{"diagnostics", json::array()}}}});
  json fix;
  for (const json& action : reply["result"]) {
    if (action["title"] == "Set \"icc\" to false (DKL1001)") fix = action;
    // JSON has no comments: no ignore actions.
    EXPECT_FALSE(action["title"].get<std::string>().starts_with("Ignore")) << action;
  }
  ASSERT_FALSE(fix.is_null()) << reply;
  EXPECT_EQ(fix["kind"], "quickfix");
  EXPECT_TRUE(fix["isPreferred"]);
  json edits = fix["edit"]["changes"][UriFromPath(daemon_json)];
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0]["newText"], "false");
  EXPECT_EQ(edits[0]["range"], Range(1, 9, 1, 13));
  // Applied, the finding goes.
  Notify("textDocument/didChange", {{"textDocument", {{"uri", UriFromPath(daemon_json)}, {"version", 2}}},
                                    {"contentChanges", {{{"range", edits[0]["range"]}, {"text", "false"}}}}});
  EXPECT_FALSE(Has(Codes(Diagnostics(daemon_json)), "DKL1001")) << Diagnostics(daemon_json);
  // A document changed since its lint offers no edits (they would land on other text).
  Send({{"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params",
         {{"textDocument", {{"uri", UriFromPath(daemon_json)}, {"version", 3}}},
          {"contentChanges", {{{"range", Range(0, 0, 0, 0)}, {"text", " "}}}}}}});
}

TEST_F(ServerTest, IgnoreActionsAddDocklintComments) {
  std::string dockerfile = Write("Dockerfile", "");
  Initialize({{"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}});
  Open(dockerfile, "# syntax=docker/dockerfile:1\nFROM debian\n", 4);
  json reply = Request("textDocument/codeAction", {{"textDocument", {{"uri", UriFromPath(dockerfile)}}},
                                                   {"range", Range(1, 5, 1, 11)},
                                                   {"context", {{"diagnostics", json::array()}}}});
  json here, in_file;
  for (const json& action : reply["result"]) {
    if (action["title"] == "Ignore DKL3013 here") here = action;
    if (action["title"] == "Ignore DKL3013 in this file") in_file = action;
  }
  ASSERT_FALSE(here.is_null()) << reply;
  ASSERT_FALSE(in_file.is_null()) << reply;
  // Versioned edits for a client that takes them.
  const json& change = here["edit"]["documentChanges"][0];
  EXPECT_EQ(change["textDocument"]["version"], 4);
  EXPECT_EQ(change["edits"][0]["newText"], "# docklint ignore=DKL3013\n");
  EXPECT_EQ(change["edits"][0]["range"], Range(1, 0, 1, 0));
  // The file-wide comment goes below the parser directive, which must stay first.
  EXPECT_EQ(in_file["edit"]["documentChanges"][0]["edits"][0]["range"], Range(1, 0, 1, 0));
  Notify("textDocument/didChange",
         {{"textDocument", {{"uri", UriFromPath(dockerfile)}, {"version", 5}}},
          {"contentChanges", {{{"range", Range(1, 0, 1, 0)}, {"text", "# docklint ignore=DKL3013\n"}}}}});
  EXPECT_FALSE(Has(Codes(Diagnostics(dockerfile)), "DKL3013")) << Diagnostics(dockerfile);
}

TEST_F(ServerTest, HoverShowsTheRulesDocs) {
  std::string dockerfile = Write("Dockerfile", "");
  Initialize();
  Open(dockerfile, "FROM debian\n");
  json hover = Request("textDocument/hover", {{"textDocument", {{"uri", UriFromPath(dockerfile)}}},
                                              {"position", {{"line", 0}, {"character", 7}}}});
  ASSERT_TRUE(hover["result"].is_object()) << hover;
  std::string docs = hover["result"]["contents"]["value"];
  EXPECT_EQ(hover["result"]["contents"]["kind"], "markdown");
  EXPECT_TRUE(docs.starts_with("```text\nDKL3013 ")) << docs;
  EXPECT_NE(docs.find("Fix"), std::string::npos) << docs;
  json nothing = Request("textDocument/hover", {{"textDocument", {{"uri", UriFromPath(dockerfile)}}},
                                                {"position", {{"line", 0}, {"character", 1}}}});
  EXPECT_TRUE(nothing["result"].is_null()) << nothing;
}

TEST_F(ServerTest, UnnecessaryTagOnTextTheProgramReadsPast) {
  std::string daemon_json = Write("h/etc/docker/daemon.json", "");
  Initialize();
  // From 23.0 dockerd reads proxies only inside "proxies": a top-level one passes its check and is ignored.
  Open(daemon_json, "{\"http-proxy\": \"http://proxy:3128\"}\n");
  json published = Diagnostics(daemon_json);
  bool tagged = false;
  for (const json& d : published["diagnostics"]) {
    if (d["code"] == "DKL2007")
      tagged = d.contains("tags") && d["tags"] == json({1});
    else
      EXPECT_FALSE(d.contains("tags")) << d;
  }
  EXPECT_TRUE(tagged) << published;
}

TEST_F(ServerTest, BadMessagesGetErrorsAndTheServerGoesOn) {
  EXPECT_TRUE(server_->Handle("{not json"));
  EXPECT_TRUE(server_->Handle("[1, 2]"));
  json before = Request("textDocument/hover", json::object());
  EXPECT_EQ(before["error"]["code"], kServerNotInitialized);
  Initialize();
  json unknown = Request("textDocument/rename", json::object());
  EXPECT_EQ(unknown["error"]["code"], kMethodNotFound);
  json bad_params = Request("textDocument/hover", {{"textDocument", 3}});
  EXPECT_TRUE(bad_params["result"].is_null() || bad_params["error"]["code"] == kInvalidParams) << bad_params;
  Notify("textDocument/didOpen", {{"textDocument", {{"uri", 5}}}});  // logged, not fatal
  Notify("$/cancelRequest", {{"id", 1}});
  std::lock_guard<std::mutex> lock(mu_);
  ASSERT_GE(sent_.size(), 2u);
  EXPECT_EQ(sent_[0]["error"]["code"], kParseError);
  EXPECT_EQ(sent_[1]["error"]["code"], kInvalidRequest);
}

TEST_F(ServerTest, ShutdownThenExit) {
  Initialize();
  json reply = Request("shutdown", nullptr);
  EXPECT_TRUE(reply.contains("result") && reply["result"].is_null()) << reply;
  EXPECT_EQ(Request("textDocument/hover", json::object())["error"]["code"], kInvalidRequest);
  EXPECT_FALSE(server_->Handle(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(server_->exit_code(), 0);
}

TEST(ServerDebounceTest, ShutdownWhileALintIsDue) {
  // The worker waits for the debounce to pass; shutdown drops what is due meanwhile (the sanitizer build
  // caught the wait reading the dropped entry).
  Server server({std::chrono::milliseconds(200), 1}, [](const std::string&) {});
  server.Handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})");
  std::string uri = UriFromPath((fs::temp_directory_path() / "docklint-debounce" / "Dockerfile").string());
  server.Handle(
      json({{"jsonrpc", "2.0"},
            {"method", "textDocument/didOpen"},
            {"params", {{"textDocument", {{"uri", uri}, {"version", 1}, {"text", "FROM debian\n"}}}}}})
          .dump());
  server.WaitIdle();
  server.Handle(json({{"jsonrpc", "2.0"},
                      {"method", "textDocument/didChange"},
                      {"params",
                       {{"textDocument", {{"uri", uri}, {"version", 2}}},
                        {"contentChanges", {{{"text", "FROM x\n"}}}}}}})
                    .dump());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the worker is now waiting for the debounce
  server.Handle(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})");
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_FALSE(server.Handle(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(server.exit_code(), 0);
}

TEST(ServerExitTest, ExitWithoutShutdownFails) {
  Server server({}, [](const std::string&) {});
  EXPECT_FALSE(server.Handle(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(server.exit_code(), 1);
}

TEST(RunServerTest, OverStreams) {
  auto frame = [](const std::string& body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::istringstream in(
      frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})") +
      "Content-Length: x\r\n\r\n" + frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
      frame(R"({"jsonrpc":"2.0","method":"exit"})"));
  std::ostringstream out;
  EXPECT_EQ(RunServer(in, out), 0);
  EXPECT_NE(out.str().find("\"positionEncoding\":\"utf-16\""), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Content-Length is not a number"), std::string::npos) << out.str();
}

TEST(UriTest, PathsRoundTripWithPercentEncoding) {
  EXPECT_EQ(PathFromUri("file:///srv/my%20app/Dockerfile"), "/srv/my app/Dockerfile");
  EXPECT_EQ(UriFromPath("/srv/my app/Dockerfile"), "file:///srv/my%20app/Dockerfile");
  EXPECT_EQ(PathFromUri("file://localhost/etc/docker/daemon.json"), "/etc/docker/daemon.json");
  EXPECT_EQ(PathFromUri("untitled:Untitled-1"), "");
}

}  // namespace
}  // namespace docklint::lsp
