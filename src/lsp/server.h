// `docklint lsp`: the Language Server Protocol over the same pipeline the command line runs. Documents are
// linted from the editor's unsaved text, each with the files it is judged with (a host tree's other files
// on disk and in open buffers, a compose project's .env and overrides), and the diagnostics of every file a
// lint covers are published again when any of them changes.
//
// Threads: the caller's thread reads messages and answers requests at once from the last published
// results, so a long lint never holds up reading; one worker thread lints, a quiet period (the debounce)
// after the last edit of a document.
#ifndef DOCKLINT_LSP_SERVER_H_
#define DOCKLINT_LSP_SERVER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/lint.h"
#include "app/run.h"
#include "base/finding.h"
#include "base/source_file.h"
#include "lsp/positions.h"

namespace docklint::lsp {

struct ServerOptions {
  // How long edits to a document must pause before it is linted again.
  std::chrono::milliseconds debounce{100};
  // Threads each lint may use (0: one per core).
  unsigned lint_threads = 0;
  // False: documents are kept and edited but never linted (the fuzz target, where a fuzzed URI must not
  // make it read the machine's own files).
  bool lint = true;
};

class Server {
 public:
  // `send` writes one framed message; it is called from both threads, one call at a time.
  Server(ServerOptions options, std::function<void(const std::string&)> send);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Handles one message body. False once `exit` has been received: the caller stops reading.
  bool Handle(const std::string& body);
  // A message whose header cannot be read: answered with a parse error that says why.
  void ReportFramingError(const std::string& why);
  // The process's exit status after `exit`: 0 when `shutdown` came first, 1 otherwise.
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  // Blocks until no lint is due or running (tests and benchmarks; a debounce still waiting counts as due).
  void WaitIdle();

 private:
  // What one lint covers: a host tree, or files given by path (one file, or a host's mapped files).
  struct Scope {
    std::string key;                 // "tree:<root>" or "files:<path>..."
    std::string root;                // a host tree's root, absolute
    std::vector<std::string> paths;  // files, absolute
    std::string project_dir;         // the folder findings are named relative to (the configuration's)
    std::string config_path;         // "" for none
    bool Covers(const std::string& path) const;
  };
  struct Document {
    std::string path;  // absolute, lexically normal
    std::string text;
    int64_t version = 0;
  };
  // What was last published for a file: the findings and the text they point into.
  struct Published {
    std::optional<int64_t> version;  // the document's version, when it was open
    std::shared_ptr<const base::SourceFile> file;
    std::vector<base::Finding> findings;  // files named by absolute paths
    nlohmann::json diagnostics;           // as published, one per finding
    std::string scope_key;
    std::shared_ptr<const app::SelectedRules> rules;  // the rules that found them (docs, tags)
  };
  struct Pending {
    Scope scope;
    std::chrono::steady_clock::time_point due;
    std::string anchor_uri;  // where findings without a file are shown
  };
  // The rules and options one configuration gives, kept while its text is unchanged.
  struct Configured {
    std::string config_text;
    app::Options options;
    std::shared_ptr<const app::SelectedRules> rules;
    std::string error;  // the configuration cannot be used: why
  };

  void HandleRequest(const nlohmann::json& message, const std::string& method, const nlohmann::json& params);
  void HandleNotification(const std::string& method, const nlohmann::json& params);
  nlohmann::json Initialize(const nlohmann::json& params);
  nlohmann::json Hover(const nlohmann::json& params);
  nlohmann::json CodeActions(const nlohmann::json& params);

  void Reply(const nlohmann::json& id, nlohmann::json result);
  void ReplyError(const nlohmann::json& id, int code, const std::string& message);
  void Notify(const std::string& method, nlohmann::json params);
  void Log(int type, const std::string& message);

  // Under mu_.
  Scope ScopeOf(const std::string& path) const;
  void Schedule(const std::string& path, std::chrono::milliseconds delay, const std::string& anchor_uri);
  // The text of a file by absolute path, when the lint has it.
  using TextOf = std::function<const base::SourceFile*(const std::string& path)>;
  nlohmann::json DiagnosticOf(const base::Finding& finding, const base::SourceFile* file,
                              const rules::Ruleset& ruleset, const TextOf& text_of) const;
  nlohmann::json WorkspaceEditOf(const std::string& uri, const base::SourceFile& file,
                                 const std::vector<base::TextEdit>& edits) const;

  void WorkerLoop();
  void LintScope(const Pending& pending, const std::map<std::string, std::string>& unsaved,
                 const std::map<std::string, int64_t>& versions);
  Configured* ConfigurationFor(const Scope& scope, const std::map<std::string, std::string>& unsaved);

  ServerOptions options_;
  std::function<void(const std::string&)> send_;
  std::mutex send_mu_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool stopping_ = false;
  bool linting_ = false;
  Encoding encoding_ = Encoding::kUtf16;
  bool document_changes_ = false;  // the client takes versioned edits (WorkspaceEdit.documentChanges)
  std::vector<std::string> workspace_roots_;
  std::map<std::string, Document> documents_;      // by uri
  std::map<std::string, Published> published_;     // by uri
  std::map<std::string, Pending> pending_;         // by scope key
  std::map<std::string, std::string> last_notes_;  // by scope key: what the lint said on standard error

  // The worker's own.
  std::map<std::string, Configured> configured_;  // by configuration path

  std::thread worker_;
};

// Serves one client on `in` and `out` until `exit` or the end of input; returns the exit status.
int RunServer(std::istream& in, std::ostream& out);

// file:// URIs and paths (percent-encoding as VS Code writes it).
std::string PathFromUri(const std::string& uri);
std::string UriFromPath(const std::string& path);

}  // namespace docklint::lsp

#endif  // DOCKLINT_LSP_SERVER_H_
