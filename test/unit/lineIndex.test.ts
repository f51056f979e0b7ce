import assert from "node:assert/strict";
import { LineIndex } from "../../server/src/core/report/lineIndex";

describe("line index", () => {
  it("maps offsets to 0-based lines and characters across LF, CRLF and lone CR line ends", () => {
    const index = new LineIndex("ab\ncd\r\nef\rgh");
    assert.deepEqual([0, 3, 7, 10, 11].map((o) => index.position(o)), [
      { line: 0, character: 0 },
      { line: 1, character: 0 },
      { line: 2, character: 0 },
      { line: 3, character: 0 },
      { line: 3, character: 1 },
    ]);
    assert.equal(index.lineCount, 4);
    assert.equal(index.offset(2, 1), 8);
  });

  it("shares one index per text and never answers for a text with another one's index", () => {
    const a = "x = 1\ny = 2\n";
    const b = "x = 1\n\ny = 2\n";
    assert.equal(LineIndex.of(a), LineIndex.of(a));
    assert.notEqual(LineIndex.of(b), LineIndex.of(a));
    assert.equal(LineIndex.of(b).position(b.indexOf("y")).line, 2);
    // Past its capacity the cache forgets the oldest texts and builds their index again.
    for (let i = 0; i < 40; i++) LineIndex.of(`${"\n".repeat(i)}z`);
    const again = LineIndex.of(a);
    assert.equal(again.position(a.indexOf("y")).line, 1);
    for (let i = 0; i < 40; i++) assert.equal(LineIndex.of(`${"\n".repeat(i)}z`).position(i).line, i);
  });
});
