// Editing over the protocol: the answer while typing covers the edited function; findings of its
// callers follow once typing pauses, announced by a diagnostics refresh.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LspClient } from "../harness/lspClient";

const APP = `from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


def present(text):
    return text


@app.post("/ask")
def ask():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=present(r.choices[0].message.content))
`;

describe("incremental analysis over the protocol", function () {
  this.timeout(60_000);
  let client: LspClient | undefined;
  afterEach(async () => client?.close());

  it("updates a caller's findings after an edit of the function it calls, once typing pauses", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "genai-lint-incr-"));
    writeFileSync(path.join(root, "app.py"), APP);
    client = new LspClient({ root });
    await client.initialize();
    const uri = await client.open("app.py", APP, "python");
    const before = await client.pull(uri);
    assert.deepEqual(before.map((d) => [d.code, d.range.start.line]), [["DIS001", 14]]);

    // The helper now labels what it shows: the caller's finding goes, after a refresh.
    const refreshes = client.refreshRequests;
    await client.change(uri, APP.replace("    return text\n", '    return f"{text}\\n\\n(AI-generated / 由人工智能生成)"\n'));
    await client.pull(uri);
    await client.waitFor(() => (client!.refreshRequests > refreshes ? true : undefined), 10_000);
    assert.deepEqual(await client.pull(uri), []);

    // And back: the finding returns.
    const again = client.refreshRequests;
    await client.change(uri, APP);
    await client.pull(uri);
    await client.waitFor(() => (client!.refreshRequests > again ? true : undefined), 10_000);
    assert.deepEqual((await client.pull(uri)).map((d) => [d.code, d.range.start.line]), [["DIS001", 14]]);
  });
});
