// The CLI's analysis cache (--cache): an unchanged folder is answered from it with exactly the report a fresh
// analysis gives; a changed file, a corrupt or foreign entry means a fresh analysis that replaces the entry.
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ready } from "../harness/analysis";
import { REPO_ROOT } from "../conformance/suites";
import { scan, type ScanResult } from "../../server/src/node/scan";

function comparable(result: ScanResult): string {
  return JSON.stringify({ ...result.report, coverage: { ...result.report.coverage, durationMs: 0 } });
}

describe("analysis cache", function () {
  this.timeout(120000);
  before(ready);

  it("reuses the analysis of an unchanged folder and reports exactly what a fresh analysis does", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-cache-"));
    cpSync(path.join(REPO_ROOT, "test/fixtures/heldout2"), dir, { recursive: true });
    const cacheLocation = path.join(dir, ".genai-lint-cache");
    const run = () => scan({ paths: [dir], cacheLocation, config: {} });
    const cold = run();
    assert.equal(cold.cache, "miss");
    const warm = run();
    assert.equal(warm.cache, "hit");
    assert.equal(comparable(warm), comparable(cold));
    assert.equal(comparable(warm), comparable(scan({ paths: [dir], config: {} })), "the same as without a cache");

    // A corrupt entry, then one written by something else, are replaced by a fresh analysis.
    const [entry] = readdirSync(cacheLocation);
    writeFileSync(path.join(cacheLocation, entry), "{ not json");
    const afterCorrupt = run();
    assert.equal(afterCorrupt.cache, "miss");
    assert.equal(comparable(afterCorrupt), comparable(cold));
    writeFileSync(path.join(cacheLocation, entry), JSON.stringify({ format: 99, key: "x", analysis: {} }));
    assert.equal(run().cache, "miss");
    assert.equal(run().cache, "hit");

    // A new or changed file means a fresh analysis, and the report follows it.
    const target = path.join(dir, "kaitak-chat/extra_routes.py");
    appendFileSync(target, '\n\n@app.post("/extra")\ndef extra():\n    return {"reply": client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}]).choices[0].message.content}\n');
    const changed = run();
    assert.equal(changed.cache, "miss");
    assert.equal(comparable(changed), comparable(scan({ paths: [dir], config: {} })));
  });
});
