#include "lsp/server.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <tuple>
#include <utility>

#include "app/config.h"
#include "base/strings.h"
#include "lsp/json_rpc.h"
#include "lsp/suppression_edits.h"
#include "model/inputs.h"
#include "report/rule_docs.h"

namespace docklint::lsp {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFileScheme = "file://";

std::string Normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

bool IsUnder(const std::string& path, const std::string& folder) {
  if (folder == "/") return path.starts_with("/");
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

std::string FolderOf(const std::string& path) { return fs::path(path).parent_path().string(); }

bool IsConfigName(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return name == ".docklint.toml" || name == ".hadolint.yaml" || name == ".hadolint.yml";
}

// LSP severities: 1 error, 2 warning, 3 information, 4 hint.
int SeverityOf(base::Severity severity) {
  switch (severity) {
    case base::Severity::kError:
      return 1;
    case base::Severity::kWarning:
      return 2;
    case base::Severity::kInfo:
      return 3;
    case base::Severity::kStyle:
      return 4;
  }
  return 2;
}

// (line, character) of an LSP position, for comparisons.
std::pair<int64_t, int64_t> Point(const json& position) {
  return {position.value("line", int64_t{0}), position.value("character", int64_t{0})};
}

const json& Field(const json& object, const char* name) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(name);
  return it == object.end() ? kNull : *it;
}

std::string StringField(const json& object, const char* name) {
  const json& value = Field(object, name);
  return value.is_string() ? value.get<std::string>() : "";
}

}  // namespace

std::string PathFromUri(const std::string& uri) {
  if (!uri.starts_with(kFileScheme)) return "";
  std::string_view rest = std::string_view(uri).substr(kFileScheme.size());
  size_t slash = rest.find('/');  // file://host/path: the host is dropped (localhost or empty)
  if (slash == std::string_view::npos) return "";
  rest = rest.substr(slash);
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && base::HexValue(rest[i + 1]) >= 0 &&
        base::HexValue(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(base::HexValue(rest[i + 1]) * 16 + base::HexValue(rest[i + 2])));
      i += 2;
    } else if (rest[i] == '?' || rest[i] == '#') {
      break;
    } else {
      path.push_back(rest[i]);
    }
  }
  return Normal(path);
}

std::string UriFromPath(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri(kFileScheme);
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri.push_back(static_cast<char>(c));
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

bool Server::Scope::Covers(const std::string& path) const {
  if (!root.empty()) return IsUnder(path, root);
  for (const std::string& p : paths) {
    // A compose project reads its folder's .env and overrides; a Dockerfile only itself.
    if (p == path) return true;
    std::string kind_path;
    if (model::KindFromName(p, &kind_path) == model::InputKind::kComposeFile && FolderOf(p) == FolderOf(path))
      return true;
  }
  return false;
}

Server::Server(ServerOptions options, std::function<void(const std::string&)> send)
    : options_(options), send_(std::move(send)) {
  worker_ = std::thread([this] { WorkerLoop(); });
}

Server::~Server() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Server::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return stopping_ || (pending_.empty() && !linting_); });
}

// ---- Messages ----

void Server::Reply(const json& id, json result) {
  std::string framed = Frame({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  std::lock_guard<std::mutex> lock(send_mu_);
  send_(framed);
}

void Server::ReplyError(const json& id, int code, const std::string& message) {
  std::string framed =
      Frame({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  std::lock_guard<std::mutex> lock(send_mu_);
  send_(framed);
}

void Server::Notify(const std::string& method, json params) {
  std::string framed = Frame({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  std::lock_guard<std::mutex> lock(send_mu_);
  send_(framed);
}

// window/logMessage types: 1 error, 2 warning, 3 info, 4 log.
void Server::Log(int type, const std::string& message) {
  Notify("window/logMessage", {{"type", type}, {"message", message}});
}

void Server::ReportFramingError(const std::string& why) { ReplyError(nullptr, kParseError, why); }

bool Server::Handle(const std::string& body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    ReplyError(nullptr, kParseError, "the message is not JSON");
    return true;
  }
  const json& id = Field(message, "id");
  bool has_id = message.is_object() && message.contains("id");
  const json& method_field = Field(message, "method");
  if (!message.is_object() || !method_field.is_string() ||
      (has_id && !id.is_string() && !id.is_number_integer())) {
    // A response to a request of ours (we send none) or something that is no message.
    if (message.is_object() && has_id && !message.contains("method") &&
        (message.contains("result") || message.contains("error")))
      return true;
    ReplyError(has_id && (id.is_string() || id.is_number_integer()) ? id : json(nullptr), kInvalidRequest,
               "not a JSON-RPC request or notification");
    return true;
  }
  std::string method = method_field.get<std::string>();
  const json& params = Field(message, "params");
  if (method == "exit") {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    wake_.notify_all();
    idle_.notify_all();
    return false;
  }
  try {
    if (has_id) {
      HandleRequest(id, method, params);
    } else {
      HandleNotification(method, params);
    }
  } catch (const json::exception& e) {
    if (has_id)
      ReplyError(id, kInvalidParams, std::string("invalid params: ") + e.what());
    else
      Log(1, "docklint: " + method + ": invalid params: " + e.what());
  }
  return true;
}

void Server::HandleRequest(const json& id, const std::string& method, const json& params) {
  bool initialized, shut_down;
  {
    std::lock_guard<std::mutex> lock(mu_);
    initialized = initialized_;
    shut_down = shutdown_requested_;
  }
  if (method == "initialize") {
    if (initialized) return ReplyError(id, kInvalidRequest, "initialize was already received");
    return Reply(id, Initialize(params));
  }
  if (!initialized) return ReplyError(id, kServerNotInitialized, "initialize must come first");
  if (shut_down) return ReplyError(id, kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    std::lock_guard<std::mutex> lock(mu_);
    shutdown_requested_ = true;
    pending_.clear();
    idle_.notify_all();
    Reply(id, nullptr);
    return;
  }
  if (method == "textDocument/hover") return Reply(id, Hover(params));
  if (method == "textDocument/codeAction") return Reply(id, CodeActions(params));
  ReplyError(id, kMethodNotFound, "docklint does not answer " + method);
}

json Server::Initialize(const json& params) {
  const json& capabilities = Field(params, "capabilities");
  // LSP 3.17's general.positionEncodings, or clangd's offsetEncoding extension (Neovim before 0.9).
  auto offers_utf8 = [](const json& list) {
    return list.is_array() &&
           std::any_of(list.begin(), list.end(), [](const json& e) { return e == "utf-8"; });
  };
  bool standard = offers_utf8(Field(Field(capabilities, "general"), "positionEncodings"));
  bool extension = offers_utf8(Field(capabilities, "offsetEncoding"));
  std::lock_guard<std::mutex> lock(mu_);
  encoding_ = standard || extension ? Encoding::kUtf8 : Encoding::kUtf16;
  document_changes_ =
      Field(Field(Field(capabilities, "workspace"), "workspaceEdit"), "documentChanges") == true;
  const json& folders = Field(params, "workspaceFolders");
  if (folders.is_array()) {
    for (const json& folder : folders) {
      std::string path = PathFromUri(StringField(folder, "uri"));
      if (!path.empty()) workspace_roots_.push_back(path);
    }
  }
  if (std::string root = PathFromUri(StringField(params, "rootUri"));
      !root.empty() && workspace_roots_.empty())
    workspace_roots_.push_back(root);
  initialized_ = true;
  std::string encoding = encoding_ == Encoding::kUtf8 ? "utf-8" : "utf-16";
  json result = {
      {"capabilities",
       {{"positionEncoding", encoding},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
      {"serverInfo", {{"name", "docklint"}, {"version", DOCKLINT_VERSION}}}};
  if (extension && !standard) result["offsetEncoding"] = encoding;
  return result;
}

void Server::HandleNotification(const std::string& method, const json& params) {
  if (method == "initialized" || method.starts_with("$/"))
    return;  // $/cancelRequest: requests are
             // answered as they are read
  std::lock_guard<std::mutex> lock(mu_);
  if (!initialized_ || shutdown_requested_) return;
  const json& document = Field(params, "textDocument");
  std::string uri = StringField(document, "uri");
  if (method == "textDocument/didOpen") {
    std::string path = PathFromUri(uri);
    if (path.empty()) return;  // untitled buffers and other schemes have no place to judge them by
    documents_[uri] = {path, Field(document, "text").get<std::string>(),
                       Field(document, "version").get<int64_t>()};
    Schedule(path, std::chrono::milliseconds(0), uri);
  } else if (method == "textDocument/didChange") {
    auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    std::string text = it->second.text;
    const json& changes = Field(params, "contentChanges");
    if (!changes.is_array()) throw json::type_error::create(302, "contentChanges must be an array", nullptr);
    for (const json& change : changes) {
      if (!ApplyContentChange(change, encoding_, &text))
        throw json::type_error::create(302, "a content change is neither a range edit nor a whole text",
                                       nullptr);
    }
    it->second.text = std::move(text);
    const json& version = Field(document, "version");
    it->second.version = version.is_number_integer() ? version.get<int64_t>() : it->second.version + 1;
    Schedule(it->second.path, options_.debounce, uri);
  } else if (method == "textDocument/didSave") {
    if (auto it = documents_.find(uri); it != documents_.end())
      Schedule(it->second.path, std::chrono::milliseconds(0), uri);
  } else if (method == "textDocument/didClose") {
    auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    std::string path = it->second.path;
    documents_.erase(it);
    // Its unsaved text no longer counts: the files that were judged with it are judged again.
    Schedule(path, std::chrono::milliseconds(0), "");
    bool judged_again = std::any_of(pending_.begin(), pending_.end(),
                                    [&](const auto& entry) { return entry.second.scope.Covers(path); });
    if (auto published = published_.find(uri); published != published_.end()) {
      if (judged_again) {
        published->second.version.reset();
      } else {
        // No open file is judged with it any more: its diagnostics go with it, as they would in the editor.
        published_.erase(published);
        Notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
      }
    }
  } else if (method == "workspace/didChangeWatchedFiles") {
    const json& changes = Field(params, "changes");
    if (!changes.is_array()) return;
    for (const json& change : changes) {
      std::string path = PathFromUri(StringField(change, "uri"));
      if (!path.empty()) Schedule(path, std::chrono::milliseconds(0), "");
    }
  }
}

// ---- What a lint covers ----

Server::Scope Server::ScopeOf(const std::string& path) const {
  Scope scope;
  scope.config_path = app::FindConfigFile(FolderOf(path));
  if (!scope.config_path.empty()) scope.config_path = app::UnsavedKey(scope.config_path);
  scope.project_dir = !scope.config_path.empty() ? FolderOf(scope.config_path) : "";
  if (scope.project_dir.empty()) {
    for (const std::string& root : workspace_roots_) {
      if (IsUnder(path, root) && root.size() > scope.project_dir.size()) scope.project_dir = root;
    }
  }
  if (scope.project_dir.empty()) scope.project_dir = FolderOf(path);
  // The configuration's host mapping, read from the file as it stands (its changes reschedule everything).
  app::ConfigFile config;
  std::string ignored;
  if (!scope.config_path.empty()) app::LoadConfigFile(scope.config_path, &config, &ignored);
  if (!config.host_root.empty() && IsUnder(path, config.host_root)) {
    scope.root = config.host_root;
  } else if (config.host_files.contains(path)) {
    for (const auto& [repository_path, host_path] : config.host_files) scope.paths.push_back(repository_path);
  } else if (std::optional<std::string> root = model::HostTreeRootOf(path)) {
    scope.root = *root;
  } else {
    // Only a file whose name says its kind: an editor attaches the server to every JSON or YAML file, and
    // the command line's guess from content would judge a package.json as daemon.json.
    std::string host_path;
    if (!model::KindFromName(path, &host_path)) return scope;  // no key: nothing to lint
    scope.paths.push_back(path);
  }
  if (!scope.root.empty()) {
    scope.key = "tree:" + scope.root;
  } else {
    scope.key = "files:";
    for (const std::string& p : scope.paths) scope.key += p + '\n';
  }
  return scope;
}

void Server::Schedule(const std::string& path, std::chrono::milliseconds delay,
                      const std::string& anchor_uri) {
  if (!options_.lint) return;
  auto due = std::chrono::steady_clock::now() + delay;
  bool everything = IsConfigName(path);
  std::set<std::string> seen;
  auto add = [&](const Scope& scope, const std::string& anchor) {
    if (scope.key.empty() || !seen.insert(scope.key).second) return;
    auto [it, added] = pending_.try_emplace(scope.key, Pending{scope, due, anchor});
    if (!added) {
      it->second.scope = scope;
      it->second.due = due;  // a later edit moves the lint later: quick edits make one lint
      if (!anchor.empty()) it->second.anchor_uri = anchor;
    }
  };
  // The file's own lint when it is open, and the lints of the open documents that read it.
  if (!anchor_uri.empty()) add(ScopeOf(path), anchor_uri);
  for (const auto& [uri, document] : documents_) {
    if (uri == anchor_uri) continue;
    Scope scope = ScopeOf(document.path);
    if (everything || scope.Covers(path)) add(scope, uri);
  }
  wake_.notify_all();
}

// ---- Linting (the worker) ----

void Server::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (stopping_) return;
    if (pending_.empty()) {
      idle_.notify_all();
      wake_.wait(lock);
      continue;
    }
    auto next = std::min_element(pending_.begin(), pending_.end(),
                                 [](const auto& a, const auto& b) { return a.second.due < b.second.due; });
    if (next->second.due > std::chrono::steady_clock::now()) {
      // A copy: the entry may be gone (shutdown, a newer edit) while the lock is released.
      std::chrono::steady_clock::time_point due = next->second.due;
      wake_.wait_until(lock, due);
      continue;
    }
    Pending pending = std::move(next->second);
    pending_.erase(next);
    // The unsaved text of every open document, and the versions this lint judges.
    std::map<std::string, std::string> unsaved;
    std::map<std::string, int64_t> versions;
    for (const auto& [uri, document] : documents_) {
      unsaved[document.path] = document.text;
      if (pending.scope.Covers(document.path)) versions[uri] = document.version;
    }
    linting_ = true;
    lock.unlock();
    try {
      LintScope(pending, unsaved, versions);
    } catch (const std::exception& e) {
      Log(1, std::string("docklint: internal error while linting: ") + e.what());
    }
    lock.lock();
    linting_ = false;
  }
}

Server::Configured* Server::ConfigurationFor(const Scope& scope,
                                             const std::map<std::string, std::string>& unsaved) {
  std::string text;
  if (!scope.config_path.empty()) {
    std::string error;
    if (auto it = unsaved.find(scope.config_path); it != unsaved.end()) {
      text = it->second;
    } else if (!base::ReadFileToString(scope.config_path, &text, &error)) {
      text = "\x01" + error;  // unreadable: cached under its error
    }
  }
  Configured& configured = configured_[scope.config_path];
  if (configured.rules && configured.config_text == text) return &configured;
  // One entry per configuration file: editing it makes a new one, not another.
  configured = Configured{};
  configured.config_text = text;
  app::Options& options = configured.options;
  options.jobs = options_.lint_threads;
  if (!scope.config_path.empty()) {
    app::ConfigFile config;
    std::string error;
    if (!app::LoadConfigText(scope.config_path, text, &config, &error)) {
      configured.error = error;  // linted as if it were absent, and said once
    } else {
      app::ApplyConfigFile(config, &options);
      options.rulesets = config.rulesets;
    }
  }
  app::MovePeerIgnores(&options);
  auto rules = std::make_shared<app::SelectedRules>();
  std::ostringstream errors;
  if (!app::LoadRules(options, rules.get(), errors)) {
    configured.error += (configured.error.empty() ? "" : "\n") + errors.str();
    options = app::Options{};
    options.jobs = options_.lint_threads;
    rules = std::make_shared<app::SelectedRules>();
    std::ostringstream ignored;
    app::LoadRules(options, rules.get(), ignored);
  }
  configured.rules = std::move(rules);
  if (!configured.error.empty()) {
    Notify("window/showMessage",
           {{"type", 1}, {"message", "docklint: the configuration is not used: " + configured.error}});
  }
  return &configured;
}

void Server::LintScope(const Pending& pending, const std::map<std::string, std::string>& unsaved,
                       const std::map<std::string, int64_t>& versions) {
  const Scope& scope = pending.scope;
  Configured* configured = ConfigurationFor(scope, unsaved);
  app::Options options = configured->options;
  options.unsaved = std::make_shared<const app::UnsavedFiles>(unsaved.begin(), unsaved.end());
  // Findings are named relative to the project's folder, as the command line run there names them, so
  // per-file-ignores globs match; only this thread lints, so changing the working directory is safe.
  std::error_code ec;
  struct RestoreWorkingDirectory {
    fs::path saved;
    ~RestoreWorkingDirectory() {
      std::error_code ignored;
      if (!saved.empty()) fs::current_path(saved, ignored);
    }
  } restore{fs::current_path(ec)};
  fs::current_path(scope.project_dir, ec);
  auto relative = [&](const std::string& path) {
    if (ec || !IsUnder(path, scope.project_dir)) return path;
    return fs::path(path).lexically_relative(scope.project_dir).string();
  };
  if (!scope.root.empty()) {
    options.root = scope.root == scope.project_dir ? "." : relative(scope.root);
  } else {
    for (const std::string& path : scope.paths) {
      std::error_code exists_ec;
      bool on_disk_or_open = unsaved.contains(path) || fs::exists(path, exists_ec);
      if (on_disk_or_open) options.paths.push_back(relative(path));
    }
  }
  app::Linted linted;
  std::ostringstream notes;
  if (!options.paths.empty() || !options.root.empty()) {
    if (!app::Lint(options, *configured->rules, &linted, notes)) linted.findings.clear();
  }
  auto absolute = [&](const std::string& display) {
    if (display.empty()) return display;
    return Normal(fs::path(display).is_absolute() ? display
                                                  : (fs::path(scope.project_dir) / display).string());
  };

  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_ || shutdown_requested_) return;
  // A document edited while it was linted is linted again (it is pending): publishing this would only
  // flash findings of text that is gone.
  for (const auto& [uri, version] : versions) {
    auto it = documents_.find(uri);
    if (it != documents_.end() && it->second.version != version && pending_.contains(scope.key)) return;
  }
  if (std::string said = notes.str(); !said.empty() && last_notes_[scope.key] != said) {
    last_notes_[scope.key] = said;
    Log(4, said);
  }
  // The findings by file; those without one are shown at the top of the document that asked.
  std::map<std::string, std::vector<base::Finding>> by_uri;
  for (base::Finding& finding : linted.findings) {
    std::string path = absolute(finding.location.file);
    finding.location.file = path;
    for (base::RelatedLocation& related : finding.related)
      related.location.file = absolute(related.location.file);
    std::string uri = path.empty() ? pending.anchor_uri : UriFromPath(path);
    if (uri.empty()) continue;
    by_uri[uri].push_back(std::move(finding));
  }
  std::set<std::string> uris;
  for (const auto& [uri, findings] : by_uri) uris.insert(uri);
  for (const auto& [uri, published] : published_) {
    if (published.scope_key == scope.key) uris.insert(uri);
  }
  for (const auto& [uri, version] : versions) uris.insert(uri);
  // The text of each file findings point into: the open buffer as it was linted (whole, for the edits of
  // code actions), else the lint's copy of the lines findings point into.
  std::map<std::string, std::shared_ptr<const base::SourceFile>> texts;
  for (const auto& [display, source] : linted.files) {
    std::string path = absolute(display);
    texts[path] = std::make_shared<base::SourceFile>(path, source->content());
  }
  for (const auto& [path, text] : unsaved) {
    if (texts.contains(path) || scope.Covers(path))
      texts[path] = std::make_shared<base::SourceFile>(path, text);
  }
  auto text_of = [&texts](const std::string& path) -> const base::SourceFile* {
    auto it = texts.find(path);
    return it == texts.end() ? nullptr : it->second.get();
  };
  for (const std::string& uri : uris) {
    std::vector<base::Finding>& findings = by_uri[uri];
    std::string path = PathFromUri(uri);
    std::shared_ptr<const base::SourceFile> file;
    if (auto it = texts.find(path); it != texts.end()) file = it->second;
    auto document = documents_.find(uri);
    json diagnostics = json::array();
    for (const base::Finding& finding : findings)
      diagnostics.push_back(DiagnosticOf(finding, file.get(), configured->rules->ruleset, text_of));
    auto previous = published_.find(uri);
    std::optional<int64_t> version;
    if (document != documents_.end()) version = document->second.version;
    // A file that is not open and whose diagnostics did not change is not published again (each keystroke
    // in daemon.json would otherwise republish every other file of its tree).
    bool unchanged = !version && previous != published_.end() && !previous->second.version &&
                     previous->second.diagnostics == diagnostics;
    if (!unchanged) {
      json params = {{"uri", uri}, {"diagnostics", diagnostics}};
      if (version) params["version"] = *version;
      Notify("textDocument/publishDiagnostics", std::move(params));
    }
    if (findings.empty() && !version) {
      published_.erase(uri);
    } else {
      published_[uri] = Published{version,   std::move(file),  std::move(findings), std::move(diagnostics),
                                  scope.key, configured->rules};
    }
  }
  idle_.notify_all();
}

// ---- Diagnostics, hover, code actions ----

json Server::DiagnosticOf(const base::Finding& finding, const base::SourceFile* file,
                          const rules::Ruleset& ruleset, const TextOf& text_of) const {
  json diagnostic = {{"range", ToLsp(file, finding.location.range, encoding_)},
                     {"severity", SeverityOf(finding.severity)},
                     {"code", finding.rule_id},
                     {"source", "docklint"},
                     {"message", finding.FullMessage()}};
  if (!finding.related.empty()) {
    json related = json::array();
    for (const base::RelatedLocation& r : finding.related) {
      if (r.location.file.empty()) continue;
      // A file whose text is not at hand has its columns taken as they are (exact on ASCII lines).
      related.push_back({{"location",
                          {{"uri", UriFromPath(r.location.file)},
                           {"range", ToLsp(text_of(r.location.file), r.location.range, encoding_)}}},
                         {"message", r.message}});
    }
    diagnostic["relatedInformation"] = std::move(related);
  }
  const rules::Rule* rule = ruleset.FindById(finding.rule_id);
  if (rule != nullptr && rule->unnecessary) diagnostic["tags"] = {1};
  return diagnostic;
}

json Server::Hover(const json& params) {
  std::string uri = StringField(Field(params, "textDocument"), "uri");
  const json& position = Field(params, "position");
  std::lock_guard<std::mutex> lock(mu_);
  auto it = published_.find(uri);
  if (it == published_.end() || !position.is_object()) return nullptr;
  const Published& published = it->second;
  auto at = Point(position);
  std::string docs;
  std::set<std::string> shown;
  json range;
  for (const base::Finding& finding : published.findings) {
    json r = ToLsp(published.file.get(), finding.location.range, encoding_);
    if (at < Point(r["start"]) || Point(r["end"]) < at) continue;
    if (!shown.insert(finding.rule_id).second) continue;
    const rules::Rule* rule = published.rules->ruleset.FindById(finding.rule_id);
    if (rule == nullptr) continue;
    std::ostringstream explanation;
    report::WriteExplanation(*rule, explanation);
    if (!docs.empty()) docs += "\n";
    docs += explanation.str();
    if (range.is_null()) range = r;
  }
  if (docs.empty()) return nullptr;
  // Markdown that shows the text as --explain prints it: its indented examples would otherwise turn into
  // code blocks and its line breaks into one paragraph.
  return {{"contents", {{"kind", "markdown"}, {"value", "```text\n" + docs + "```"}}}, {"range", range}};
}

json Server::WorkspaceEditOf(const std::string& uri, const base::SourceFile& file,
                             const std::vector<base::TextEdit>& edits) const {
  json lsp_edits = json::array();
  for (const base::TextEdit& edit : edits)
    lsp_edits.push_back({{"range", ToLsp(&file, edit.range, encoding_)}, {"newText", edit.new_text}});
  auto document = documents_.find(uri);
  if (document_changes_ && document != documents_.end()) {
    return {
        {"documentChanges",
         {{{"textDocument", {{"uri", uri}, {"version", document->second.version}}}, {"edits", lsp_edits}}}}};
  }
  return {{"changes", {{uri, lsp_edits}}}};
}

json Server::CodeActions(const json& params) {
  std::string uri = StringField(Field(params, "textDocument"), "uri");
  const json& range = Field(params, "range");
  const json& only = Field(Field(params, "context"), "only");
  json actions = json::array();
  if (only.is_array() && std::none_of(only.begin(), only.end(), [](const json& kind) {
        return kind.is_string() && (kind == "quickfix" || kind.get<std::string>().starts_with("quickfix."));
      }))
    return actions;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = published_.find(uri);
  if (it == published_.end() || !range.is_object()) return actions;
  const Published& published = it->second;
  // Edits are made against the text that was linted: none while the document has changed since.
  auto document = documents_.find(uri);
  if (document != documents_.end() && published.version != document->second.version) return actions;
  if (!published.file) return actions;
  const base::SourceFile& file = *published.file;
  std::string host_path;
  std::optional<model::InputKind> kind = model::KindFromName(file.path(), &host_path);
  auto start = Point(Field(range, "start")), end = Point(Field(range, "end"));
  std::set<std::string> ignore_offered;
  for (size_t i = 0; i < published.findings.size(); ++i) {
    const base::Finding& finding = published.findings[i];
    const json& diagnostic = published.diagnostics[i];
    auto begin_at = Point(diagnostic["range"]["start"]), end_at = Point(diagnostic["range"]["end"]);
    if (end_at < start || end < begin_at) continue;
    for (const base::Fix& fix : finding.fixes) {
      actions.push_back({{"title", fix.description + " (" + finding.rule_id + ")"},
                         {"kind", "quickfix"},
                         {"diagnostics", {diagnostic}},
                         {"isPreferred", !fix.unsafe},
                         {"edit", WorkspaceEditOf(uri, file, fix.edits)}});
    }
    if (!kind || finding.rule_id.empty() || !ignore_offered.insert(finding.rule_id).second) continue;
    if (std::optional<base::TextEdit> here =
            IgnoreHereEdit(file, *kind, finding.location.range.begin.line, finding.rule_id)) {
      actions.push_back({{"title", "Ignore " + finding.rule_id + " here"},
                         {"kind", "quickfix"},
                         {"diagnostics", {diagnostic}},
                         {"edit", WorkspaceEditOf(uri, file, {*here})}});
    }
    if (std::optional<base::TextEdit> in_file = IgnoreInFileEdit(file, *kind, finding.rule_id)) {
      actions.push_back({{"title", "Ignore " + finding.rule_id + " in this file"},
                         {"kind", "quickfix"},
                         {"diagnostics", {diagnostic}},
                         {"edit", WorkspaceEditOf(uri, file, {*in_file})}});
    }
  }
  return actions;
}

// ---- The process ----

int RunServer(std::istream& in, std::ostream& out) {
  Server server({}, [&out](const std::string& framed) {
    out.write(framed.data(), static_cast<std::streamsize>(framed.size()));
    out.flush();
  });
  MessageReader reader(in);
  std::string body, error;
  while (true) {
    MessageReader::Status status = reader.Next(&body, &error);
    if (status == MessageReader::Status::kEnd) return 1;  // the client went away without `exit`
    if (status == MessageReader::Status::kBadHeader) {
      server.ReportFramingError(error);
      continue;
    }
    if (!server.Handle(body)) return server.exit_code();
  }
}

}  // namespace docklint::lsp
