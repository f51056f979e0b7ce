// The HTML report rendered in headless Chromium: markup from analysed code stays inert text, the
// key sections show in both languages, print styles apply, and screenshots go to test-artifacts/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "server/out/genai-lint.js");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const CHROMIUM = "/usr/bin/chromium";
const XSS = "<script>alert(1)</script>";

/**
 * The part of playwright's Page these tests use (playwright-core lives in the editor cache, without
 * types here). Page scripts are passed as strings: the test project has no DOM typings.
 */
interface Page {
  goto(url: string): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  emulateMedia(options: { media: "print" | "screen" }): Promise<void>;
  on(event: "dialog", listener: (dialog: { message(): string; dismiss(): Promise<void> }) => void): void;
  on(event: "console", listener: (message: { type(): string; text(): string }) => void): void;
}

interface Browser {
  page: Page;
  close(): Promise<void>;
}

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function write(dir: string, name: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
}

/** A project with a baseline, a new file whose path and code carry markup, and an accepted risk. */
function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-browser-"));
  write(dir, "legacy/keys.py", `from openai import OpenAI\nclient = OpenAI(api_key="sk-proj-Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4")\nclient.responses.create(model="gpt-4.1-mini", input="hi")\n`);
  const baseline = run(["baseline", dir]);
  assert.equal(baseline.code, 0, baseline.stderr);
  // The folder "<script>alert(1)<" holds "script>.py": the report path reads "<script>alert(1)</script>.py".
  write(
    dir,
    "<script>alert(1)</script>.py",
    `import logging
from flask import Flask, jsonify, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI()
log = logging.getLogger(__name__)

@app.post("/chat")
def chat():
    question = request.json["q"]
    log.info("question: %s", question)
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    banner = "${XSS}"
    return jsonify(answer=r.choices[0].message.content, banner=banner)
`,
  );
  write(dir, "genai-lint.suppressions.json", JSON.stringify({ suppressions: [{ rule: "CON001", path: "**/*.py", reason: `Questions are logged only in the on-premises audit log ${XSS}`, author: "Chan Tai Man", expires: "2999-12-31" }] }));
  return dir;
}

describe("HTML report in Chromium", function () {
  this.timeout(120000);
  let browser: Browser | undefined;
  let dir = "";

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: ${CHROMIUM} is not installed, so the HTML report cannot be rendered`);
      this.skip();
    }
    dir = project();
    const editorEnv = (await import(pathToFileURL(path.join(ROOT, "scripts/editor-env.mjs")).href)) as { launchBrowser(options: object): Promise<Browser> };
    browser = await editorEnv.launchBrowser({ viewport: { width: 1280, height: 900 } });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  for (const [locale, heading, screenshot] of [
    ["en", "Summary", "report-en.png"],
    ["zh-hk", "摘要", "report-zh.png"],
  ] as const) {
    it(`renders the ${locale} report inert and readable, and saves ${screenshot}`, async () => {
      const file = path.join(dir, `report-${locale}.html`);
      const r = run(["scan", dir, "--format", "html", "--locale", locale, "--output", file]);
      assert.equal(r.code, 0, r.stderr);
      const page = browser!.page;
      const dialogs: string[] = [];
      const policyViolations: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
      });
      await page.goto(pathToFileURL(file).href);

      const dom = await page.evaluate<{ scripts: number; lang: string; text: string; headings: string[]; visibleHeadings: number; fileHeadings: string[]; excerptHasKey: boolean }>(`({
        scripts: document.querySelectorAll("script").length,
        lang: document.documentElement.lang,
        text: document.body.innerText,
        headings: [...document.querySelectorAll("h2")].map((h) => h.innerText),
        visibleHeadings: [...document.querySelectorAll("h2")].filter((h) => h.offsetHeight > 0).length,
        fileHeadings: [...document.querySelectorAll("section.file h3 code")].map((c) => c.textContent),
        excerptHasKey: [...document.querySelectorAll("pre.excerpt")].some((p) => p.textContent.includes("Q1w2E3r4")),
      })`);
      assert.equal(dom.scripts, 0, "no <script> element, though the path and the code contain one");
      assert.deepEqual(dialogs, [], "nothing ran");
      assert.deepEqual(policyViolations, [], "the report keeps to its own Content-Security-Policy");
      assert.equal(dom.lang, locale === "en" ? "en" : "zh-HK");
      assert.ok(dom.headings[0].startsWith(heading), dom.headings[0]);
      assert.equal(dom.visibleHeadings, dom.headings.length);
      assert.deepEqual(dom.fileHeadings, [`${XSS}.py`], "the file name shows as text");
      for (const text of [
        `banner = "${XSS}"`,
        "Governance dimensions",
        "治理範疇",
        "Personal Data Privacy",
        "個人資料私隱",
        "系統安全",
        "AI inventory",
        "人工智能調用清單",
        "gpt-4o-mini",
        "Coverage",
        "Suppressed findings",
        `Questions are logged only in the on-premises audit log ${XSS}`,
        "Chan Tai Man",
        "genai-lint.baseline.json",
      ]) {
        assert.ok(dom.text.includes(text), `"${text}" is visible`);
      }
      assert.ok(!dom.excerptHasKey, "no excerpt shows the key (the baseline accepted it, and excerpts mask keys anyway)");
      assert.match(dom.text, /\b1\s*(accepted by the baseline|已由基線接受)/, "the baseline accepted the key in legacy/keys.py");

      await page.emulateMedia({ media: "print" });
      const navShownInPrint = await page.evaluate<boolean>(`getComputedStyle(document.querySelector("nav")).display !== "none"`);
      assert.equal(navShownInPrint, false, "the print styles hide the navigation");
      await page.emulateMedia({ media: "screen" });

      const shot = path.join(ARTIFACTS, screenshot);
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(statSync(shot).size > 20000, `${shot} holds a rendered page`);
    });
  }
});
