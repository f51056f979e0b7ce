// The HTML, Markdown and CSV reports: content, escaping of everything that comes from analysed code, and the CLI formats.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ruleDocsUrl } from "../../server/src/core/docsUrl";
import { GOVERNANCE_DIMENSIONS, GUIDELINE_URL } from "../../server/src/core/guideline/sections";
import { CSV_COLUMNS, csvField, formatCsv } from "../../server/src/core/report/csv";
import { escapeHtml, formatHtml } from "../../server/src/core/report/html";
import { escapeMarkdown, formatMarkdown } from "../../server/src/core/report/markdown";
import type { Report } from "../../server/src/core/report/model";
import { ALL_RULE_METAS } from "../../server/src/core/ruleMetas";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "server/out/genai-lint.js");
const XSS = "<script>alert(1)</script>";
const IMG = `<img src=x onerror="alert(2)">`;

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A report whose every text field could carry markup, as it might from analysed code. */
function hostileReport(): Report {
  return {
    findings: [
      {
        rule: "DIS001",
        severity: "warning",
        message: `AI text ${XSS} | reaches \`render\` & [link](javascript:alert(3)) @octocat`,
        file: `web/${XSS}.py`,
        line: 3,
        column: 39,
        endLine: 3,
        endColumn: 48,
        related: [{ file: `web/${XSS}.py`, line: 2, column: 9, message: `AI call ${IMG} producing the text` }],
        fingerprint: "0123456789abcdef",
      },
      { rule: "SEC001", severity: "error", message: "=HYPERLINK(\"http://evil\",\"key\")", file: "keys.py", line: 1, column: 8, endLine: 1, endColumn: 64, related: [], fingerprint: "fedcba9876543210" },
      { rule: "PII002", severity: "error", message: "+852 phone, \"quoted\"\nsecond line", file: "-data.py", line: 4, column: 1, endLine: 4, endColumn: 10, related: [] },
    ],
    inventory: [{ file: `web/${XSS}.py`, line: 2, column: 9, provider: "openai", modality: "text", api: "chat.completions.create", model: IMG }],
    coverage: {
      filesScanned: 3,
      filesSkipped: 1,
      skipped: [{ file: `vendor/${XSS}.min.js`, reason: "minified" }],
      languages: { python: 3 },
      durationMs: 12,
      excludedFolders: ["node_modules"],
      notes: [{ file: "keys.py", message: `1 syntax error(s) near ${XSS}` }],
    },
    suppressed: [{ rule: "CON001", severity: "warning", message: "log", file: "app.py", line: 9, column: 5, via: "suppressions-file", reason: `Logs are scrubbed ${XSS}`, author: "Chan <b>Tai Man</b>", expires: "2030-01-01" }],
    baseline: { file: "genai-lint.baseline.json", accepted: 7, new: 3 },
  };
}

const SOURCES: Record<string, string> = {
  [`web/${XSS}.py`]: `from openai import OpenAI\nr = client.chat.completions.create(model="${IMG}")\nbanner = "${XSS}"; render(r)\n`,
  "keys.py": `KEY = "sk-proj-Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4"\n`,
};

const HTML_OPTIONS = { rules: ALL_RULE_METAS, docsUrl: ruleDocsUrl, guidelineUrl: GUIDELINE_URL, toolVersion: "9.9.9", generatedAt: "2025-06-01T00:00:00Z", scanned: `/ws/${XSS}`, sourceOf: (file: string) => SOURCES[file] };

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) to check what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

/** Cells of a Markdown table row, split at pipes that are not escaped. */
function markdownCells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe("HTML report", () => {
  const html = formatHtml(hostileReport(), { ...HTML_OPTIONS, locale: "en" });

  it("carries no script, no external asset, and a Content-Security-Policy that forbids scripts", () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    // Escaped text may read "src=" or "onerror="; inside a real tag neither may appear.
    assert.doesNotMatch(html, /<link\b|<[a-z][^>]*\ssrc=|@import|url\(/i, "no external assets");
    assert.doesNotMatch(html, /<[a-z][^>]*\son\w+=/i, "no event handler attributes");
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none';[^"]*">/);
    assert.ok(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "the policy comes before any content");
    assert.match(html, /@media print \{/);
  });

  it("escapes what comes from code, paths and messages, in text and attributes", () => {
    assert.ok(html.includes(escapeHtml(`web/${XSS}.py`)));
    assert.ok(html.includes(escapeHtml(`/ws/${XSS}`)));
    assert.ok(html.includes("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"), "the model name in the inventory");
    assert.ok(html.includes(`banner = &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;`), "the code excerpt");
    assert.ok(html.includes("Chan &lt;b&gt;Tai Man&lt;/b&gt;"), "the author of an accepted risk");
    assert.ok(html.includes(escapeHtml(`vendor/${XSS}.min.js`)));
    assert.equal(escapeHtml(`a"b'c<d>&`), "a&quot;b&#39;c&lt;d&gt;&amp;");
  });

  it("summarises the five governance dimensions, the rules with sections and links, and the baseline", () => {
    for (const d of GOVERNANCE_DIMENSIONS) {
      assert.ok(html.includes(escapeHtml(d.nameEn)), d.nameEn);
      assert.ok(html.includes(d.nameZh), d.nameZh);
    }
    for (const zh of ["個人資料私隱", "知識產權", "犯罪防治", "真實可信", "系統安全"]) assert.ok(html.includes(zh), zh);
    for (const meta of ALL_RULE_METAS) assert.ok(html.includes(`href="${escapeHtml(ruleDocsUrl(meta.id))}"`), meta.id);
    assert.ok(html.includes(`href="${escapeHtml(GUIDELINE_URL)}"`));
    assert.match(html, /title="Establishing a Responsible Generative AI Service Framework \/ 建立負責任的生成式人工智能服務框架">3\.2\.1<\/a>/);
    assert.match(html, /<span class="n">7<\/span>accepted by the baseline/);
    assert.match(html, /<span class="n">3<\/span>new since the baseline/);
    assert.ok(html.includes("Personal Data Privacy") && html.includes("Governance dimensions") && html.includes("治理範疇"));
  });

  it("groups findings by file with the flow and the code, masking keys and personal data in excerpts", () => {
    assert.match(html, /<h3><code>web\/&lt;script&gt;alert\(1\)&lt;\/script&gt;\.py<\/code>/);
    assert.match(html, /<ol class="flow">\s*<li><code>web\/&lt;script&gt;alert\(1\)&lt;\/script&gt;\.py:2:9<\/code> — AI call &lt;img/);
    assert.ok(html.includes(`<span class="line hit"><span class="ln">3</span>banner = &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;; <mark>render(r)</mark></span>`));
    assert.doesNotMatch(html, /Q1w2E3r4T5y6/, "the key in keys.py is masked");
    assert.match(html, /KEY = &quot;<mark>sk•+<\/mark>&quot;/);
  });

  it("lists the inventory, the coverage with skip reasons and notes, and suppressions with reason and author", () => {
    assert.match(html, /<td>openai<\/td><td><code>&lt;img/);
    assert.match(html, /minified/);
    assert.match(html, /1 syntax error\(s\) near &lt;script&gt;/);
    assert.match(html, /Logs are scrubbed &lt;script&gt;/);
    assert.match(html, /2030-01-01/);
  });

  it("puts Traditional Chinese first with --locale zh-hk and keeps English beside it", () => {
    const zh = formatHtml(hostileReport(), { ...HTML_OPTIONS, locale: "zh-hk" });
    assert.match(zh, /<html lang="zh-HK">/);
    assert.match(zh, /<h2>治理範疇 <span class="alt" lang="en">Governance dimensions<\/span><\/h2>/);
  });
});

describe("Markdown report", () => {
  const md = formatMarkdown(hostileReport(), { rules: ALL_RULE_METAS, docsUrl: ruleDocsUrl, guidelineUrl: GUIDELINE_URL, locale: "en", top: 2 });

  it("escapes pipes, backticks, brackets, HTML and mentions in cells", () => {
    assert.equal(escapeMarkdown("a|b`c`<i>&[x](y)\nz @dev"), "a\\|b\\`c\\`&lt;i&gt;&amp;\\[x\\]\\(y\\) z @\u200bdev");
    assert.doesNotMatch(md, /<script/i);
    assert.doesNotMatch(md, /<b>/);
    assert.doesNotMatch(md, /\]\(javascript:/);
    const row = md.split("\n").find((l) => l.includes("DIS001") && l.includes("reaches"))!;
    assert.equal(markdownCells(row).length, 4, `a pipe in the message must not add a cell: ${row}`);
  });

  it("counts by severity and rule, links findings relative to the repository and folds the rest", () => {
    assert.match(md, /^### genai-lint: 3 new findings · 3 個新問題/);
    assert.match(md, /🔴 2 error 錯誤 · 🟠 1 warning 警告 · 🔵 0 info 資訊/);
    assert.match(md, /Baseline · 基線: 7 accepted by the baseline · 已由基線接受, 3 new since the baseline · 基線以外的新問題/);
    assert.match(md, /\| \[SEC001\]\(https:\/\/github\.com\/genai-lint\/genai-lint\/blob\/main\/docs\/rules\/SEC001\.md\) \| Hard-coded AI provider key \| 2\.2\.5, 3\.2\.1 \| 1 \|/);
    assert.ok(md.includes("](web/%3Cscript%3Ealert%281%29%3C/script%3E.py#L3)"), "link targets are relative and percent-encoded");
    assert.match(md, /<details><summary>All findings · 全部問題 \(3\)<\/summary>/);
    assert.match(md, /<details><summary>AI inventory · 人工智能調用清單 \(1\)<\/summary>/);
    assert.match(md, /<details><summary>Suppressed findings · 已抑制的問題 \(1\)<\/summary>/);
    const top = md.slice(md.indexOf("#### Top findings"), md.indexOf("<details>"));
    assert.equal(top.split("\n").filter((l) => l.startsWith("| 🔴")).length, 2, "errors first in the top findings");
  });
});

describe("CSV report", () => {
  const csv = formatCsv(hostileReport(), { rules: ALL_RULE_METAS });

  it("is RFC 4180 with a header, CRLF records and quoted fields", () => {
    assert.ok(csv.endsWith("\r\n"));
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 4);
    for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
    assert.deepEqual(rows[1].slice(0, 7), ["DIS001", "warning", `web/${XSS}.py`, "3", "39", "3", "48"]);
    assert.equal(rows[1][8], "2.3.2; 3.2.1; 3.3; App. 2.2.1");
    assert.equal(rows[1][9], "0123456789abcdef");
    assert.equal(rows[3][7], "'+852 phone, \"quoted\"\nsecond line", "quotes doubled, the line break kept inside quotes");
  });

  it("guards against formula injection", () => {
    const rows = parseCsv(csv);
    assert.equal(rows[2][7], "'=HYPERLINK(\"http://evil\",\"key\")");
    assert.equal(rows[3][2], "'-data.py");
    for (const start of ["=", "+", "-", "@"]) assert.equal(csvField(`${start}cmd`), `'${start}cmd`);
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField(12), "12");
  });
});

describe("report formats on the command line", function () {
  this.timeout(30000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-formats-"));
  // A folder and file named so the path reads "<script>alert(1)</script>.py".
  mkdirSync(path.join(dir, "<script>alert(1)<"), { recursive: true });
  writeFileSync(
    path.join(dir, "<script>alert(1)<", "script>.py"),
    `from flask import Flask, jsonify, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI()

@app.post("/chat")
def chat():
    banner = "${XSS}"
    r = client.chat.completions.create(model="${IMG.replace(/"/g, "'")}", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content, banner=banner)
`,
  );

  it("writes an escaped HTML report with the code, the inventory and the guideline link", () => {
    const out = path.join(dir, "report.html");
    const r = run(["scan", dir, "--format", "html", "--output", out]);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, "utf8");
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;.py"), "the file name");
    assert.ok(html.includes("banner = &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"), "the code excerpt");
    assert.ok(html.includes("&lt;img src=x onerror=&#39;alert(2)&#39;&gt;"), "the model in the inventory");
    assert.ok(html.includes("AI-generated text from openai chat.completions.create"));
  });

  it("writes Markdown and CSV, and accepts md as a short name", () => {
    const md = run(["scan", dir, "--format", "md"]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /### genai-lint: 1 finding · 1 個問題/);
    assert.ok(md.stdout.includes("[&lt;script&gt;alert\\(1\\)&lt;/script&gt;.py:10](%3Cscript%3Ealert%281%29%3C/script%3E.py#L10)"));
    const csv = parseCsv(run(["scan", dir, "--format", "csv"]).stdout);
    assert.deepEqual(csv.map((r) => [r[0], r[2], r[3]]), [["rule", "file", "line"], ["DIS001", `${XSS}.py`, "10"]]);
    assert.match(csv[1][9], /^[0-9a-f]{16}$/);
  });

  it("lists the formats in the help and rejects unknown ones", () => {
    assert.match(run(["--help"]).stdout, /--format <text\|json\|sarif\|html\|markdown\|csv>/);
    const bad = run(["scan", dir, "--format", "pdf"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be text, json, sarif, html, markdown or csv \(got "pdf"\)/);
  });
});
