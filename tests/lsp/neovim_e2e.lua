-- End-to-end test of `docklint lsp` with Neovim's built-in LSP client (the 0.7 API: vim.lsp.start_client,
-- vim.lsp.buf_attach_client). Run headless, as tests/lsp/neovim_e2e_test.cc does:
--
--   DOCKLINT_BINARY=build/docklint nvim --headless --noplugin -u NONE \
--     -c "luafile tests/lsp/neovim_e2e.lua" -c "cquit 2"
--
-- Environment:
--   DOCKLINT_BINARY           the docklint binary (required)
--   DOCKLINT_E2E_ENCODING     how the client negotiates position encoding:
--                               utf-16        (default) nothing offered: the server must use UTF-16
--                               utf-8         clangd's extension: capabilities.offsetEncoding = {"utf-8"}
--                                             and the client's offset_encoding = "utf-8"
--                               utf-8-general LSP 3.17: general.positionEncodings = {"utf-8", "utf-16"}
--   DOCKLINT_E2E_TIMEOUT_MS   how long to wait for each server response (default 10000)
--
-- Exit status: 0 every check passed; 1 a check failed (what failed, the diagnostics received and the
-- server's stderr are printed to stderr); 2 the script did not finish (an error in it).

local binary = os.getenv('DOCKLINT_BINARY')
local mode = os.getenv('DOCKLINT_E2E_ENCODING') or 'utf-16'
local timeout_ms = tonumber(os.getenv('DOCKLINT_E2E_TIMEOUT_MS') or '10000')
local util = vim.lsp.util

local started = vim.loop.hrtime()
local log_lines = {}
local function log(fmt, ...)
  local line = string.format('[%7.1f ms] ', (vim.loop.hrtime() - started) / 1e6) .. string.format(fmt, ...)
  table.insert(log_lines, line)
end

-- Everything the server sent, for the failure report.
local publishes = {}        -- every publishDiagnostics, in order: {uri, version, diagnostics}
local latest = {}           -- uri -> the last publishDiagnostics for it
local server_messages = {}  -- window/logMessage and window/showMessage
local stderr_path = vim.fn.tempname()
local tmp_root = nil

local Failure = {}
local function fail(fmt, ...)
  error(setmetatable({ message = string.format(fmt, ...) }, Failure), 0)
end
local function check(cond, fmt, ...)
  if not cond then fail(fmt, ...) end
end
-- A failed expectation is reported at the end; the session goes on, so that one run shows every discrepancy.
local missed = {}
local function expect(cond, fmt, ...)
  if not cond then
    local message = string.format(fmt, ...)
    table.insert(missed, message)
    log('EXPECTATION FAILED: %s', message)
  end
end

local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then return nil end
  local text = f:read('*a')
  f:close()
  return text
end

local function write_file(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

local function describe_diagnostic(d)
  local code = d.code ~= nil and tostring(d.code) or '?'
  return string.format('%s %d:%d-%d:%d sev=%s source=%s tags=%s %q', code, d.range.start.line,
    d.range.start.character, d.range['end'].line, d.range['end'].character, tostring(d.severity),
    tostring(d.source), vim.inspect(d.tags or {}, { newline = '', indent = '' }), d.message or '')
end

local function report_failure(message)
  local out = {}
  table.insert(out, 'neovim_e2e (' .. mode .. '): FAILED: ' .. message)
  table.insert(out, '-- steps:')
  vim.list_extend(out, log_lines)
  table.insert(out, '-- publishDiagnostics received (' .. #publishes .. '):')
  for i, p in ipairs(publishes) do
    table.insert(out, string.format('#%d %s version=%s, %d diagnostic(s)', i, p.uri, tostring(p.version),
      #p.diagnostics))
    for _, d in ipairs(p.diagnostics) do table.insert(out, '    ' .. describe_diagnostic(d)) end
  end
  if #server_messages > 0 then
    table.insert(out, '-- window messages from the server:')
    vim.list_extend(out, server_messages)
  end
  local stderr = read_file(stderr_path)
  if stderr and stderr ~= '' then
    table.insert(out, '-- server stderr:')
    table.insert(out, stderr)
  end
  io.stderr:write(table.concat(out, '\n') .. '\n')
end

local function has_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if tostring(d.code) == code then return d end
  end
  return nil
end

local function codes(diagnostics)
  local list = {}
  for _, d in ipairs(diagnostics or {}) do table.insert(list, tostring(d.code)) end
  return table.concat(list, ', ')
end

-- Waits for a publishDiagnostics of the buffer's current version that satisfies pred.
local function wait_for_diagnostics(bufnr, what, pred)
  local uri = vim.uri_from_bufnr(bufnr)
  local ok = vim.wait(timeout_ms, function()
    local p = latest[uri]
    return p ~= nil and p.version == util.buf_versions[bufnr] and pred(p.diagnostics)
  end, 10)
  local p = latest[uri]
  if not ok then
    if p == nil then
      fail('%s: no publishDiagnostics for %s within %d ms', what, uri, timeout_ms)
    elseif p.version ~= util.buf_versions[bufnr] then
      fail('%s: the last publishDiagnostics for %s has version %s, the buffer is at version %s (within %d ms)',
        what, uri, tostring(p.version), tostring(util.buf_versions[bufnr]), timeout_ms)
    else
      fail('%s: the diagnostics of version %s (%s) are not what the test waits for', what, tostring(p.version),
        codes(p.diagnostics))
    end
  end
  log('%s: version %s: %s', what, tostring(p.version), codes(p.diagnostics))
  return p.diagnostics
end

local function request(client, bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
  check(responses ~= nil, '%s: no response within %d ms (%s)', method, timeout_ms, tostring(err))
  local response = responses[client.id]
  check(response ~= nil, '%s: no response from the docklint client', method)
  check(response.err == nil and response.error == nil, '%s: error response: %s', method,
    vim.inspect(response.err or response.error))
  return response.result
end

local function code_actions(client, bufnr, diagnostic)
  local actions = request(client, bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic }, only = { 'quickfix' } },
  }) or {}
  local titles = {}
  for _, a in ipairs(actions) do table.insert(titles, string.format('%q', a.title or '?')) end
  log('codeAction at %s: %s', describe_diagnostic(diagnostic), table.concat(titles, ', '))
  return actions, table.concat(titles, ', ')
end

local function find_action(actions, titles, title)
  for _, a in ipairs(actions) do
    if a.title == title then
      check(a.kind == 'quickfix', 'action %q has kind %s, not quickfix', title, tostring(a.kind))
      check(type(a.edit) == 'table', 'action %q carries no WorkspaceEdit in edit (%s)', title, vim.inspect(a))
      return a
    end
  end
  fail('no code action titled %q; the server offered: %s', title, titles)
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
end

local function open(path, client)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.lsp.buf_attach_client(bufnr, client.id), 'buf_attach_client failed for %s', path)
  log('opened %s (filetype %q) as buffer %d', path, vim.bo[bufnr].filetype, bufnr)
  return bufnr
end

local function main()
  check(binary ~= nil and binary ~= '', 'DOCKLINT_BINARY is not set')
  check(vim.fn.executable(binary) == 1, 'DOCKLINT_BINARY=%s is not executable', binary)
  check(mode == 'utf-16' or mode == 'utf-8' or mode == 'utf-8-general', 'unknown DOCKLINT_E2E_ENCODING %q', mode)
  vim.cmd('filetype on')  -- as an editor would: languageId "dockerfile" and "json"

  -- A host tree whose daemon.json enables icc (DKL1001, fixable) and sets what else --fix would set, and on
  -- the line of "icc" characters whose UTF-8 and UTF-16 lengths differ, so that a position in the wrong
  -- encoding lands elsewhere; "insecure-registry" is a key dockerd ignores (DKL2007, tagged Unnecessary).
  -- A Dockerfile outside it with one finding (DKL3021, CMD in shell form).
  tmp_root = vim.fn.tempname()
  local host = tmp_root .. '/host'
  vim.fn.mkdir(host .. '/etc/docker', 'p')
  vim.fn.mkdir(tmp_root .. '/app', 'p')
  local icc_line = '  "labels": ["owner=Zoë 🐳"], "icc": true,'
  local daemon_json = host .. '/etc/docker/daemon.json'
  write_file(daemon_json, '{\n' .. icc_line .. '\n  "live-restore": true,\n  "no-new-privileges": true,\n'
    .. '  "insecure-registry": ["10.0.0.0/8"]\n}\n')
  local dockerfile = tmp_root .. '/app/Dockerfile'
  write_file(dockerfile, 'FROM debian:12\nUSER nobody\nHEALTHCHECK NONE\nCMD /usr/local/bin/app\n')

  local capabilities = vim.lsp.protocol.make_client_capabilities()
  local config_encoding = nil
  if mode == 'utf-8' then
    capabilities.offsetEncoding = { 'utf-8' }
    config_encoding = 'utf-8'
  elseif mode == 'utf-8-general' then
    capabilities.general = { positionEncodings = { 'utf-8', 'utf-16' } }
  end

  local init_result = nil
  local exit_code, exit_signal = nil, nil
  local handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result then
        local entry = { uri = result.uri, version = result.version, diagnostics = result.diagnostics or {} }
        table.insert(publishes, entry)
        latest[result.uri] = entry
      end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
    ['window/logMessage'] = function(_, result)
      table.insert(server_messages, 'log: ' .. tostring(result and result.message))
    end,
    ['window/showMessage'] = function(_, result)
      table.insert(server_messages, 'show: ' .. tostring(result and result.message))
    end,
  }
  local client_id = vim.lsp.start_client({
    name = 'docklint',
    cmd = { 'sh', '-c', 'exec "$0" lsp 2>"$1"', binary, stderr_path },
    root_dir = tmp_root,
    capabilities = capabilities,
    offset_encoding = config_encoding,
    handlers = handlers,
    on_init = function(client, result)
      init_result = result
      -- What a 0.7 configuration does with LSP 3.17's answer: use the encoding the server chose.
      local chosen = result.capabilities and result.capabilities.positionEncoding
      if mode == 'utf-8-general' and (chosen == 'utf-8' or chosen == 'utf-16') then client.offset_encoding = chosen end
    end,
    on_error = function(code, ...)
      table.insert(server_messages, 'client error: ' .. tostring(vim.lsp.rpc.client_errors[code] or code) .. ' '
        .. vim.inspect({ ... }))
    end,
    on_exit = function(code, signal)
      exit_code, exit_signal = code, signal
    end,
  })
  check(client_id ~= nil, 'vim.lsp.start_client failed for %s', binary)
  check(vim.wait(timeout_ms, function() return init_result ~= nil or exit_code ~= nil end, 10),
    'no initialize result within %d ms', timeout_ms)
  check(init_result ~= nil, 'the server exited (code %s, signal %s) before answering initialize',
    tostring(exit_code), tostring(exit_signal))
  local client = vim.lsp.get_client_by_id(client_id)

  -- initialize: the capabilities of the contract, and the encoding negotiated.
  local caps = init_result.capabilities
  log('initialize: %s', vim.inspect(init_result, { newline = ' ', indent = '' }))
  local sync = caps.textDocumentSync
  expect(type(sync) == 'table' and sync.openClose == true and sync.change == 2,
    'textDocumentSync is %s, not {openClose = true, change = 2}', vim.inspect(sync))
  expect(type(sync) == 'table' and type(sync.save) == 'table' and sync.save.includeText == false,
    'textDocumentSync.save is %s, not {includeText = false}',
    vim.inspect(sync.save))
  expect(type(caps.codeActionProvider) == 'table'
    and vim.deep_equal(caps.codeActionProvider.codeActionKinds, { 'quickfix' }),
    'codeActionProvider is %s, not {codeActionKinds = {"quickfix"}}', vim.inspect(caps.codeActionProvider))
  expect(caps.hoverProvider == true, 'hoverProvider is %s', vim.inspect(caps.hoverProvider))
  if mode == 'utf-16' then
    expect(caps.positionEncoding == 'utf-16', 'positionEncoding is %s, not "utf-16" (nothing offered)',
      vim.inspect(caps.positionEncoding))
    expect(init_result.offsetEncoding == nil, 'offsetEncoding %s answered though the client offered none',
      vim.inspect(init_result.offsetEncoding))
  elseif mode == 'utf-8' then
    expect(caps.positionEncoding == 'utf-8', 'positionEncoding is %s, not "utf-8" (offered as offsetEncoding)',
      vim.inspect(caps.positionEncoding))
    expect(init_result.offsetEncoding == 'utf-8', 'top-level offsetEncoding is %s, not "utf-8"',
      vim.inspect(init_result.offsetEncoding))
  else
    expect(caps.positionEncoding == 'utf-8',
      'positionEncoding is %s, not "utf-8" (offered in general.positionEncodings)',
      vim.inspect(caps.positionEncoding))
  end
  local encoding = client.offset_encoding or 'utf-16'
  log('client offset_encoding: %s', encoding)

  -- The Dockerfile: one finding; "Ignore DKL3021 here" puts a comment above it and the finding goes away.
  local df = open(dockerfile, client)
  local diags = wait_for_diagnostics(df, 'Dockerfile after didOpen', function(d) return has_code(d, 'DKL3021') end)
  local cmd = has_code(diags, 'DKL3021')
  expect(cmd.source == 'docklint', 'DKL3021 has source %s, not "docklint"', tostring(cmd.source))
  expect(cmd.severity == 3, 'DKL3021 has severity %s, not 3 (info)', tostring(cmd.severity))
  check(cmd.range.start.line == 3 and cmd.range.start.character == 0,
    'DKL3021 starts at %d:%d, not 3:0 (the CMD)', cmd.range.start.line, cmd.range.start.character)
  local actions, titles = code_actions(client, df, cmd)
  util.apply_workspace_edit(find_action(actions, titles, 'Ignore DKL3021 here').edit, encoding)
  local lines = vim.api.nvim_buf_get_lines(df, 0, -1, true)
  check(#lines == 5 and lines[4]:match('^# docklint ignore=DKL3021') and lines[5] == 'CMD /usr/local/bin/app',
    'after "Ignore DKL3021 here" the Dockerfile reads:\n%s', table.concat(lines, '\n'))
  wait_for_diagnostics(df, 'Dockerfile after the ignore comment', function(d) return not has_code(d, 'DKL3021') end)

  -- "Ignore DKL3021 in this file" on a fresh copy of the finding: undo the comment first.
  vim.api.nvim_buf_set_lines(df, 3, 4, true, {})
  diags = wait_for_diagnostics(df, 'Dockerfile after removing the comment',
    function(d) return has_code(d, 'DKL3021') end)
  actions, titles = code_actions(client, df, has_code(diags, 'DKL3021'))
  util.apply_workspace_edit(find_action(actions, titles, 'Ignore DKL3021 in this file').edit, encoding)
  check(buffer_text(df):match('# docklint global ignore=DKL3021'),
    'after "Ignore DKL3021 in this file" the Dockerfile reads:\n%s', buffer_text(df))
  wait_for_diagnostics(df, 'Dockerfile after the global ignore', function(d) return not has_code(d, 'DKL3021') end)

  -- The daemon.json of the host tree: DKL1001 at "icc": true, in the negotiated encoding.
  local dj = open(daemon_json, client)
  diags = wait_for_diagnostics(dj, 'daemon.json after didOpen', function(d) return has_code(d, 'DKL1001') end)
  local icc = has_code(diags, 'DKL1001')
  local key_byte = assert(icc_line:find('"icc"', 1, true)) - 1
  local end_byte = assert(icc_line:find('true', 1, true)) + 3
  local function column(byte)
    if encoding == 'utf-8' then return byte end
    local _, utf16 = vim.str_utfindex(icc_line, byte)
    return utf16
  end
  expect(icc.range.start.line == 1 and icc.range.start.character == column(key_byte),
    'DKL1001 starts at %d:%d; in %s "icc" is at 1:%d', icc.range.start.line, icc.range.start.character, encoding,
    column(key_byte))
  expect(icc.range['end'].line == 1 and icc.range['end'].character == column(end_byte),
    'DKL1001 ends at %d:%d; in %s the end of true is 1:%d', icc.range['end'].line, icc.range['end'].character,
    encoding, column(end_byte))
  expect(icc.severity == 2, 'DKL1001 has severity %s, not 2 (warning)', tostring(icc.severity))
  local ignored = has_code(diags, 'DKL2007')
  expect(ignored ~= nil and vim.tbl_contains(ignored.tags or {}, 1),
    'no DKL2007 tagged 1 (Unnecessary) for "insecure-registry", a key dockerd ignores')

  -- Hover over it: the rule's docs as markdown.
  local hover_ok, hover = pcall(request, client, dj, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(dj) }, position = icc.range.start })
  if not hover_ok then hover = getmetatable(hover) == Failure and hover.message or tostring(hover) end
  local markdown = type(hover) == 'table' and type(hover.contents) == 'table' and hover.contents.kind == 'markdown'
    and hover.contents.value or nil
  expect(markdown ~= nil, 'hover at DKL1001 is not markdown MarkupContent: %s', vim.inspect(hover))
  if markdown then
    expect(markdown:find('DKL1001', 1, true) and markdown:find('Network traffic between containers', 1, true),
      'hover at DKL1001 does not hold the rule docs: %s', markdown)
    log('hover: %d characters of markdown', #markdown)
  end

  actions, titles = code_actions(client, dj, icc)
  for _, a in ipairs(actions) do
    expect(not (a.title or ''):match('^Ignore '), 'daemon.json (JSON has no comments) was offered %q', a.title)
  end
  util.apply_workspace_edit(find_action(actions, titles, 'Set "icc" to false (DKL1001)').edit, encoding)
  local text = buffer_text(dj)
  local ok, decoded = pcall(vim.fn.json_decode, text)
  check(ok and type(decoded) == 'table' and decoded.icc == false
    and vim.deep_equal(decoded.labels, { 'owner=Zoë 🐳' }),
    'after the fix daemon.json is not the same JSON with "icc": false:\n%s', text)
  wait_for_diagnostics(dj, 'daemon.json after the fix', function(d) return not has_code(d, 'DKL1001') end)

  -- shutdown, then exit: exit code 0.
  client.stop()
  check(vim.wait(timeout_ms, function() return exit_code ~= nil end, 10),
    'the server did not exit within %d ms of shutdown',
    timeout_ms)
  expect(exit_code == 0 and exit_signal == 0, 'the server exited with code %s, signal %s after shutdown and exit',
    tostring(exit_code), tostring(exit_signal))
  log('server exited: code %s, signal %s', tostring(exit_code), tostring(exit_signal))
  if #missed > 0 then fail('%d expectation(s) failed:\n  %s', #missed, table.concat(missed, '\n  ')) end
end

local ok, err = xpcall(main, function(e)
  if getmetatable(e) == Failure then return e end
  return { message = 'script error: ' .. tostring(e) .. '\n' .. debug.traceback() }
end)
if tmp_root then vim.fn.delete(tmp_root, 'rf') end
if ok then
  io.stdout:write('neovim_e2e (' .. mode .. '): passed\n' .. table.concat(log_lines, '\n') .. '\n')
  vim.cmd('qall!')
else
  report_failure(err.message)
  for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd('cquit 1')
end
