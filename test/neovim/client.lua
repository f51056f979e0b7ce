-- A headless Neovim session as an independent LSP client of `genai-lint lsp --stdio`.
-- Opens one file, waits for the server's diagnostics, asks for a hover and the code actions at the
-- first diagnostic, and writes what it saw as JSON. Arguments come from the environment:
--   GENAI_LINT_SERVER  path of the bundled server script
--   GENAI_LINT_ROOT    workspace folder
--   GENAI_LINT_FILE    file to open
--   GENAI_LINT_OUT     JSON result file
local server = os.getenv("GENAI_LINT_SERVER")
local root = os.getenv("GENAI_LINT_ROOT")
local file = os.getenv("GENAI_LINT_FILE")
local out = os.getenv("GENAI_LINT_OUT")
local result = { diagnostics = {}, errors = {} }

local function finish()
  local handle = assert(io.open(out, "w"))
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "genai-lint",
    cmd = { "node", server, "lsp", "--stdio" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "workspace" } },
    on_exit = function(code) result.exit_code = code end,
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.received = vim.wait(20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum + 1,
      column = d.col + 1,
      message = d.message,
      source = d.source,
      code = lsp.code,
      href = (lsp.codeDescription or {}).href,
      related = lsp.relatedInformation and #lsp.relatedInformation or 0,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local first = vim.diagnostic.get(bufnr)[1]
  if first then
    local position = { line = first.lnum, character = first.col }
    local uri = vim.uri_from_bufnr(bufnr)
    local hover = client.request_sync("textDocument/hover", { textDocument = { uri = uri }, position = position }, 10000, bufnr)
    if hover and hover.result and hover.result.contents then
      result.hover = hover.result.contents.value or vim.inspect(hover.result.contents)
    end
    local actions = client.request_sync("textDocument/codeAction", {
      textDocument = { uri = uri },
      range = { start = position, ["end"] = position },
      -- The diagnostics of that line in LSP form (range, message, source, data), as Neovim 0.7's own code-action request sends them.
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, first.lnum) },
    }, 10000, bufnr)
    result.actions = {}
    for _, action in ipairs((actions and actions.result) or {}) do
      table.insert(result.actions, { title = action.title, kind = action.kind, has_edit = action.edit ~= nil })
    end
  end
  client.stop()
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
