#!/usr/bin/env bash
# Installs everything the editor test tiers need, cached outside the work tree:
#   - Debian packages: chromium, neovim, ripgrep and code-server's native build deps
#   - code-server 4.100.3 (VS Code 1.100.3 for the browser) -> $CACHE/code-server-4.100.3
#   - playwright-core 1.65.x (no browser download)        -> $CACHE/playwright
#   - a zh-tw (Traditional Chinese) VS Code language pack   -> $CACHE/language-pack-zh-tw
#     code-server ships no language pack and no marketplace is reachable here; this one is made
#     from the npm package @codingame/monaco-vscode-language-pack-zh-hant@4.2.1, the newest
#     release whose translations are still keyed by module (VS Code's own format).
# CACHE is ${GENAI_LINT_CACHE:-$HOME/.cache/genai-lint}. Each install writes a `.complete`
# marker only when it has fully succeeded, so an interrupted install is redone from scratch.
# Safe to run repeatedly: when everything is present it only checks and exits (well under 2 s).
# Recipe: shared/docs/e2e-vscode.md ("Installing code-server").
set -Eeuo pipefail  # -E: the ERR trap (one-line failure message) also fires inside functions

CODE_SERVER_VERSION="4.100.3"
PLAYWRIGHT_SPEC="playwright-core@~1.65.0"
ZH_TW_PACK_SPEC="@codingame/monaco-vscode-language-pack-zh-hant@4.2.1"
# fonts-wqy-microhei (5 MB): a CJK font, so screenshots of the zh-tw UI show glyphs, not boxes.
APT_PACKAGES=(chromium neovim ripgrep fonts-wqy-microhei libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config g++ make python3)

CACHE="${GENAI_LINT_CACHE:-${HOME:?HOME is not set}/.cache/genai-lint}"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
PW_DIR="$CACHE/playwright"
LP_DIR="$CACHE/language-pack-zh-tw"
LOG="$CACHE/setup-editors.log"

STEP="starting"
log() { echo "[setup-editors] $*"; }
fail() {
  local code=$?
  # In a subshell or command substitution just exit: the main shell reports the failure once.
  [[ $BASHPID == "$$" ]] || exit "$code"
  trap - ERR
  if [[ -s "$LOG" && "${LOG_USED:-0}" == 1 ]]; then
    echo "[setup-editors] last lines of $LOG:" >&2
    tail -n 25 "$LOG" >&2 || true
  fi
  echo "[setup-editors] FAILED while $STEP (exit $code); full log: $LOG" >&2
  exit "${code/#0/1}"
}
trap fail ERR

# Runs a command with its (noisy) output appended to the log.
quiet() {
  LOG_USED=1
  echo "+ $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1
}

mkdir -p "$CACHE"
: >>"$LOG"

# One setup at a time (test processes may call this concurrently).
exec 9>"$CACHE/.setup.lock"
if ! flock -n 9; then
  log "another setup is running; waiting for it..."
  flock 9
fi

# ---------------------------------------------------------------- Debian packages
STEP="checking Debian packages"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      STEP="installing Debian packages (${missing[*]}): not root and no sudo"
      false
    fi
  fi
  log "installing Debian packages: ${missing[*]} (about 1 minute)..."
  STEP="running apt-get update"
  quiet "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  STEP="installing Debian packages (${missing[*]})"
  quiet "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  did_something=1
fi

STEP="checking the installed binaries"
for bin in /usr/bin/chromium /usr/bin/nvim /usr/bin/rg; do
  [[ -x "$bin" ]] || { STEP="checking $bin (missing after the apt install)"; false; }
done

# npm settings shared by both installs.
export npm_config_yes=true                 # node-pty's postinstall calls npx
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Native modules build from source; use the headers shipped with Node instead of downloading them.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [[ -f "$node_prefix/include/node/common.gypi" ]]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi

# ---------------------------------------------------------------- code-server
if [[ ! -f "$CS_DIR/.complete" ]]; then
  did_something=1
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about 1 minute)..."
  STEP="preparing $CS_DIR"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cat >"$CS_DIR/package.json" <<JSON
{ "name": "genai-lint-code-server", "version": "1.0.0", "private": true, "description": "code-server cache for genai-lint's editor tests" }
JSON
  cd "$CS_DIR"
  STEP="installing code-server@$CODE_SERVER_VERSION from npm (--ignore-scripts)"
  quiet npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts --no-audit --no-fund
  log "  building argon2 from source..."
  STEP="rebuilding argon2"
  quiet npm rebuild argon2

  VS="$CS_DIR/node_modules/code-server/lib/vscode"
  cd "$VS"
  log "  installing VS Code's server dependencies..."
  STEP="installing lib/vscode dependencies"
  quiet npm install --omit=dev --ignore-scripts --no-audit --no-fund
  STEP="linking ripgrep"
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  log "  building native modules (node-pty, spdlog, kerberos, watcher...)..."
  STEP="rebuilding lib/vscode native modules"
  quiet npm rebuild
  STEP="linking remote-cli and helpers"
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  log "  installing built-in extensions' dependencies..."
  STEP="installing lib/vscode/extensions dependencies"
  cd extensions
  quiet npm install --omit=dev --no-audit --no-fund

  STEP="checking that code-server starts (node entry.js --version)"
  # A fresh --config etc. and XDG dirs, or code-server writes ~/.config/code-server/config.yaml
  # and ~/.local/share/code-server/coder-logs.
  probe="$(mktemp -d)"
  version_out="$(XDG_DATA_HOME="$probe/data" XDG_CONFIG_HOME="$probe/config" XDG_CACHE_HOME="$probe/cache" \
    node "$CS_DIR/node_modules/code-server/out/node/entry.js" --config "$probe/config.yaml" \
    --user-data-dir "$probe/ud" --extensions-dir "$probe/ext" --version 2>>"$LOG" | tail -n 1)"
  rm -rf "$probe"
  echo "code-server --version: $version_out" >>"$LOG"
  [[ "$version_out" == "$CODE_SERVER_VERSION "* ]] || { STEP="checking code-server --version (got: $version_out)"; false; }
  touch "$CS_DIR/.complete"
  log "  code-server $CODE_SERVER_VERSION installed."
fi

# ---------------------------------------------------------------- playwright-core
if [[ ! -f "$PW_DIR/.complete" ]]; then
  did_something=1
  log "installing $PLAYWRIGHT_SPEC into $PW_DIR (a few seconds)..."
  STEP="preparing $PW_DIR"
  rm -rf "$PW_DIR"
  mkdir -p "$PW_DIR"
  cat >"$PW_DIR/package.json" <<JSON
{ "name": "genai-lint-playwright", "version": "1.0.0", "private": true, "description": "playwright-core for genai-lint's editor tests (drives Debian's chromium)" }
JSON
  cd "$PW_DIR"
  STEP="installing $PLAYWRIGHT_SPEC from npm"
  quiet npm install "$PLAYWRIGHT_SPEC" --no-audit --no-fund
  STEP="checking that playwright-core loads"
  (cd "$PW_DIR" && node -e 'require("playwright-core").chromium') >>"$LOG" 2>&1
  touch "$PW_DIR/.complete"
  log "  playwright-core $(node -p 'require(process.argv[1]).version' "$PW_DIR/node_modules/playwright-core/package.json") installed."
fi

# ---------------------------------------------------------------- zh-tw language pack
if [[ ! -f "$LP_DIR/.complete" ]]; then
  did_something=1
  log "building the zh-tw language pack from $ZH_TW_PACK_SPEC into $LP_DIR (a few seconds)..."
  STEP="preparing $LP_DIR"
  rm -rf "$LP_DIR" "$LP_DIR.tmp"
  mkdir -p "$LP_DIR.tmp"
  cd "$LP_DIR.tmp"
  STEP="downloading $ZH_TW_PACK_SPEC (npm pack)"
  # npm pack: only the tarball; its dependency (all of monaco-vscode-api) is not needed.
  quiet npm pack "$ZH_TW_PACK_SPEC"
  quiet tar xzf ./*.tgz
  STEP="converting $ZH_TW_PACK_SPEC into a VS Code language-pack extension"
  LOG_USED=1
  node --input-type=module - "$LP_DIR.tmp/package" "$LP_DIR" "$ZH_TW_PACK_SPEC" >>"$LOG" 2>&1 <<'JS'
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const [src, out, spec] = process.argv.slice(2);
const { default: contents } = await import(pathToFileURL(path.join(src, "translations", "main.i18n.json.js")).href);
if (!contents || Array.isArray(contents) || typeof contents !== "object") {
  throw new Error(`${spec}: translations are not keyed by module`);
}
fs.mkdirSync(path.join(out, "translations", "extensions"), { recursive: true });
fs.writeFileSync(path.join(out, "translations", "main.i18n.json"), JSON.stringify({ version: "1.0.0", contents }));
const translations = [{ id: "vscode", path: "./translations/main.i18n.json" }];
const extDir = path.join(src, "translations", "extensions");
for (const file of fs.readdirSync(extDir).sort()) {
  if (!file.endsWith(".i18n.json")) continue;
  fs.copyFileSync(path.join(extDir, file), path.join(out, "translations", "extensions", file));
  translations.push({ id: file.slice(0, -".i18n.json".length), path: `./translations/extensions/${file}` });
}
const manifest = {
  name: "language-pack-zh-tw",
  displayName: "Chinese (Traditional) language pack for genai-lint's editor tests",
  description: `Made offline from ${spec} by scripts/setup-editors.sh`,
  publisher: "genai-lint-test",
  version: "1.100.0",
  license: "MIT",
  engines: { vscode: "^1.100.0" },
  categories: ["Language Packs"],
  contributes: {
    localizations: [
      { languageId: "zh-tw", languageName: "Chinese (Traditional)", localizedLanguageName: "中文(繁體)", translations },
    ],
  },
};
fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`language pack: ${Object.keys(contents).length} workbench modules, ${translations.length - 1} built-in extensions`);
JS
  rm -rf "$LP_DIR.tmp"
  touch "$LP_DIR/.complete"
  log "  zh-tw language pack built."
fi

if [[ -z "${did_something:-}" ]]; then
  log "everything is cached (Debian packages, code-server $CODE_SERVER_VERSION, playwright-core, zh-tw language pack); nothing to do."
else
  log "done."
fi
log "cache dir:        $CACHE"
log "code-server:      $CS_DIR/node_modules/code-server/out/node/entry.js"
log "playwright-core:  $PW_DIR/node_modules/playwright-core"
log "zh-tw lang pack:  $LP_DIR"
log "chromium:         /usr/bin/chromium"
log "nvim:             /usr/bin/nvim"
