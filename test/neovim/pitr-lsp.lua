-- Drives pitr-lsp from Neovim, headless (test/neovim/neovim.test.ts runs it): opens $PITR_PLAN,
-- starts the server on it, waits for PLAN001 in Neovim's own diagnostics (vim.diagnostic.get), and
-- with $PITR_MODE=fix asks for the quick fix and applies its workspace edit as Neovim does.
-- Writes what it saw to $PITR_OUT as JSON, then quits.
local plan = os.getenv('PITR_PLAN')
local out = os.getenv('PITR_OUT')
local mode = os.getenv('PITR_MODE')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = 'pitr-lsp',
    cmd = { os.getenv('PITR_NODE'), os.getenv('PITR_LSP'), '--stdio' },
    root_dir = vim.fn.fnamemodify(plan, ':h'),
  }
  local client_id
  if vim.lsp.start then
    -- Neovim 0.8 and later: the configuration docs/lsp.md gives.
    result.started_with = 'vim.lsp.start'
    client_id = vim.lsp.start(config)
  else
    -- Neovim 0.7 (Debian 12's): vim.lsp.start does not exist yet; the same client, by hand.
    result.started_with = 'vim.lsp.start_client'
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end

  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == code then return d end
    end
  end
  local function codes()
    local c = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(c, d.code) end
    return c
  end

  result.found = vim.wait(30000, function() return find('PLAN001') ~= nil end, 50)
  local d = find('PLAN001')
  if d then
    result.diagnostic = { code = d.code, message = d.message, lnum = d.lnum, col = d.col, source = d.source, severity = d.severity }
  end
  if mode == 'fix' and d then
    local client = vim.lsp.get_client_by_id(client_id)
    local range = {
      start = { line = d.lnum, character = d.col },
      ['end'] = { line = d.end_lnum, character = d.end_col },
    }
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = range,
      context = { diagnostics = { { range = range, code = d.code, source = d.source, message = d.message, severity = d.severity } } },
    }
    local response = client.request_sync('textDocument/codeAction', params, 20000, buf)
    local actions = (response and response.result) or {}
    result.actions = {}
    for _, a in ipairs(actions) do
      table.insert(result.actions, a.title)
      if a.isPreferred and a.edit then
        vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding or 'utf-16')
        result.applied = a.title
      end
    end
    result.line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    result.cleared = vim.wait(30000, function() return find('PLAN001') == nil end, 50)
    result.after = codes()
  end
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end)
if not ok then result.error = tostring(err) end
finish()
