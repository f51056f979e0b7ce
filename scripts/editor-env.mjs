// Helpers for the editor test tiers: where the cached editors live (see scripts/setup-editors.sh),
// installing them on demand, starting code-server (VS Code 1.100.3 for the browser) and driving
// Debian's chromium through playwright-core. Recipe: shared/docs/e2e-vscode.md.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CODE_SERVER_VERSION = "4.100.3";
const here = path.dirname(fileURLToPath(import.meta.url));
const setupScript = path.join(here, "setup-editors.sh");

/** The recipe's settings: no start page, telemetry, update checks or tips. */
export const BASE_SETTINGS = Object.freeze({
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "workbench.tips.enabled": false,
});

/** Chromium flags from the recipe (offline, headless, in a container as root). */
export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

export function editorEnv() {
  const cacheDir = process.env.GENAI_LINT_CACHE || path.join(os.homedir(), ".cache", "genai-lint");
  const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const playwrightDir = path.join(cacheDir, "playwright");
  // UI language packs by VS Code locale id (code-server ships none; setup-editors.sh builds these).
  const languagePacks = { "zh-tw": path.join(cacheDir, "language-pack-zh-tw") };
  return {
    cacheDir,
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, "node_modules", "code-server", "out", "node", "entry.js"),
    playwrightDir,
    playwrightCorePath: path.join(playwrightDir, "node_modules", "playwright-core"),
    chromium: "/usr/bin/chromium",
    nvim: "/usr/bin/nvim",
    languagePacks,
    markers: [
      path.join(codeServerDir, ".complete"),
      path.join(playwrightDir, ".complete"),
      ...Object.values(languagePacks).map((dir) => path.join(dir, ".complete")),
    ],
  };
}

/** True when setup-editors.sh has completed and the Debian binaries are present. */
export function editorsReady(env = editorEnv()) {
  return [...env.markers, env.chromium, env.nvim].every((f) => existsSync(f));
}

/**
 * Runs scripts/setup-editors.sh when anything is missing (first run: about 2 minutes).
 * `log` receives each progress line. Rejects with the script's one-line failure message.
 */
export async function ensureEditors({ log = (line) => console.log(line) } = {}) {
  const env = editorEnv();
  if (editorsReady(env)) return env;
  await new Promise((resolve, reject) => {
    const child = spawn("bash", [setupScript], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let stderrTail = "";
    const forward = (chunk) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
    };
    child.stdout.on("data", forward);
    child.stderr.on("data", (chunk) => {
      forward(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const last = stderrTail.trim().split("\n").filter(Boolean).pop() ?? "";
      reject(new Error(`setup-editors.sh failed (${signal ?? `exit ${code}`}): ${last}`));
    });
  });
  if (!editorsReady(env)) throw new Error("setup-editors.sh succeeded but the editors are still missing");
  return env;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; closed again before returning). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writeJson(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

function readJsonIfExists(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(command, args, { env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1, 3).join(" ")}... failed (${signal ?? `exit ${code}`}):\n${out.trim()}`));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:<free port> with a fresh config, user-data dir and extensions dir.
 *
 * options:
 *   workspace      folder to open (required)
 *   extensionsDir  --extensions-dir (default: a fresh temp dir, removed by stop())
 *   userDataDir    --user-data-dir  (default: a fresh temp dir, removed by stop())
 *   vsixPath       a .vsix installed first with --install-extension
 *   settings       merged over BASE_SETTINGS into <userDataDir>/User/settings.json
 *   locale         UI language, e.g. "zh-tw": passed as --locale and written to User/argv.json, and
 *                  the cached language pack for it is installed. Without a language pack VS Code
 *                  falls back to English everywhere (vscode.env.language stays "en", so even an
 *                  extension's own package.nls.<locale>.json / l10n bundle is not used); hence a
 *                  non-English locale with no pack is an error.
 *   languagePackDir an unpacked language-pack extension to use instead of the cached one
 *   env            extra environment variables for the server (and so the extension host)
 *   log            receives the server's output lines (default: kept, shown when startup fails)
 *   timeoutMs      how long to wait for /healthz (default 30 s)
 * returns { url, folderUrl, port, userDataDir, extensionsDir, process, output(), stop() }
 */
export async function startCodeServer(options = {}) {
  const temp = mkdtempSync(path.join(os.tmpdir(), "genai-lint-cs-"));
  try {
    return await startCodeServerIn(temp, options);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

async function startCodeServerIn(temp, {
  workspace,
  extensionsDir,
  userDataDir,
  vsixPath,
  settings = {},
  locale,
  languagePackDir,
  env: extraEnv = {},
  log,
  timeoutMs = 30_000,
} = {}) {
  if (!workspace) throw new Error("startCodeServer: workspace is required");
  const editor = editorEnv();
  if (!existsSync(editor.codeServerEntry)) {
    throw new Error(`code-server is not installed (${editor.codeServerEntry}); run scripts/setup-editors.sh`);
  }
  const ownDirs = [temp];
  locale = locale?.toLowerCase(); // VS Code's locale ids are lower case ("zh-tw")
  extensionsDir ??= path.join(temp, "extensions");
  userDataDir ??= path.join(temp, "user-data");
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(path.join(userDataDir, "User"), { recursive: true });

  const settingsFile = path.join(userDataDir, "User", "settings.json");
  writeJson(settingsFile, { ...readJsonIfExists(settingsFile), ...BASE_SETTINGS, ...settings });
  if (locale) {
    // code-server takes the display language from --locale, else from User/argv.json.
    const argvFile = path.join(userDataDir, "User", "argv.json");
    writeJson(argvFile, { ...readJsonIfExists(argvFile), locale });
  }

  const configFile = path.join(temp, "config.yaml");
  const commonArgs = ["--config", configFile, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  // Keep code-server's heartbeat/logs (XDG_DATA_HOME), sockets (TMPDIR) and anything its children
  // write out of the home folder and /tmp: all of it goes into the temp dir that stop() removes.
  const sandbox = { XDG_DATA_HOME: "xdg-data", XDG_CONFIG_HOME: "xdg-config", XDG_CACHE_HOME: "xdg-cache", TMPDIR: "tmp" };
  for (const [name, dir] of Object.entries(sandbox)) mkdirSync((sandbox[name] = path.join(temp, dir)), { recursive: true });
  const serverEnv = { ...process.env, ...sandbox, ...extraEnv };
  // Never let a code-server started by a test open a browser or pick up a password.
  delete serverEnv.PASSWORD;
  delete serverEnv.HASHED_PASSWORD;

  if (locale && !/^en\b/i.test(locale)) {
    const packDir = languagePackDir ?? editor.languagePacks[locale.toLowerCase()];
    if (!packDir || !existsSync(path.join(packDir, "package.json"))) {
      throw new Error(
        `startCodeServer: no language pack for locale "${locale}" (have: ${Object.keys(editor.languagePacks).join(", ")}); ` +
          "run scripts/setup-editors.sh, or pass languagePackDir",
      );
    }
    installLanguagePack({ packDir, extensionsDir, userDataDir });
  }

  for (const extension of [vsixPath].filter(Boolean)) {
    await run(process.execPath, [editor.codeServerEntry, ...commonArgs, "--install-extension", path.resolve(extension)], {
      env: serverEnv,
    });
  }

  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      editor.codeServerEntry,
      ...commonArgs,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      ...(locale ? ["--locale", locale] : []),
      path.resolve(workspace),
    ];
    // detached: the server leads its own process group, so stop() can end the extension host,
    // the language server and every other child with it.
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: serverEnv, detached: true });
    let output = "";
    const onData = (chunk) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      if (log) for (const line of text.split("\n")) if (line.trim()) log(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    let exitInfo;
    exited.then((info) => (exitInfo = info));

    const kill = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {}
        const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
        if (!done) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {}
          await exited;
        }
      }
      // Children (extension host, language servers) may outlive the server briefly: wait for the group.
      await waitForGroupGone(child.pid, 10_000);
    };
    let stopped;
    const stop = () =>
      (stopped ??= kill().then(() => {
        for (const dir of ownDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      }));

    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + timeoutMs;
    let healthy = false;
    while (Date.now() < deadline && !exitInfo) {
      try {
        const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          healthy = true;
          break;
        }
      } catch {}
      await sleep(100);
    }
    if (healthy) {
      return {
        url,
        folderUrl: `${url}?folder=${encodeURIComponent(path.resolve(workspace))}`,
        port,
        userDataDir,
        extensionsDir,
        process: child,
        output: () => output,
        stop,
      };
    }
    const addrInUse = /EADDRINUSE/.test(output);
    await kill(); // keep the dirs for the next attempt
    lastError = new Error(
      `code-server did not become healthy on port ${port} (${exitInfo ? `exited ${exitInfo.signal ?? exitInfo.code}` : "timed out"}):\n${output.trim().slice(-4000)}`,
    );
    if (!addrInUse) break;
  }
  throw lastError;
}

/**
 * Installs an unpacked language-pack extension by copying it into extensionsDir (VS Code scans it
 * there) and registering it in <userDataDir>/languagepacks.json, the file the server reads when it
 * serves the workbench (VS Code only writes that file itself when a pack is installed from a vsix
 * or the marketplace).
 */
export function installLanguagePack({ packDir, extensionsDir, userDataDir }) {
  const manifest = JSON.parse(readFileSync(path.join(packDir, "package.json"), "utf8"));
  const id = `${manifest.publisher}.${manifest.name}`;
  const target = path.join(extensionsDir, `${id}-${manifest.version}`);
  cpSync(packDir, target, { recursive: true, filter: (src) => path.basename(src) !== ".complete" });
  const file = path.join(userDataDir, "languagepacks.json");
  const packs = readJsonIfExists(file);
  for (const localization of manifest.contributes?.localizations ?? []) {
    packs[localization.languageId] = {
      // Same hash as VS Code's LanguagePacksCache: md5 over the extension ids and versions.
      hash: createHash("md5").update(id).update(manifest.version).digest("hex"),
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: Object.fromEntries(localization.translations.map((t) => [t.id, path.join(target, t.path)])),
      label: localization.localizedLanguageName ?? localization.languageName,
    };
  }
  writeJson(file, packs);
  return target;
}

/** Waits until no process of the group `pgid` is left (children may linger after the leader exits). */
async function waitForGroupGone(pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let killed = false;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return; // ESRCH: the group is empty
    }
    if (Date.now() > deadline) {
      if (killed) return;
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {}
      killed = true;
    }
    await sleep(50);
  }
}

/** playwright-core from the cache (setup-editors.sh installs it there, never into the repo). */
export function loadPlaywright() {
  const { playwrightCorePath } = editorEnv();
  if (!existsSync(playwrightCorePath)) {
    throw new Error(`playwright-core is not installed (${playwrightCorePath}); run scripts/setup-editors.sh`);
  }
  return createRequire(path.join(playwrightCorePath, "package.json"))(playwrightCorePath);
}

/**
 * Launches Debian's chromium (headless, recipe flags) as a playwright persistent context on a
 * fresh profile. options: { headless = true, viewport = 1400x900, locale, args: extra flags }.
 * returns { context, page, close() } (close() also removes the profile).
 */
export async function launchBrowser({ headless = true, viewport = { width: 1400, height: 900 }, locale, args = [] } = {}) {
  const { chromium: executablePath } = editorEnv();
  const { chromium } = loadPlaywright();
  const profile = mkdtempSync(path.join(os.tmpdir(), "genai-lint-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(path.join(profile, "profile"), {
      executablePath,
      // chromium writes "Crash Reports" under XDG_CONFIG_HOME whatever the profile: keep it in the temp dir.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, "xdg-config"), XDG_CACHE_HOME: path.join(profile, "xdg-cache") },
      headless,
      viewport,
      ...(locale ? { locale } : {}),
      args: [...CHROMIUM_ARGS, ...args],
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return { context, page, close };
}
