// Globs and .gitignore rules, matched without building regular expressions from user input.
import assert from "node:assert/strict";
import { compileGlob } from "../../server/src/core/util/glob";
import { GitIgnore } from "../../server/src/core/workspace/discovery";

describe("globs", () => {
  it("matches *, ?, **, classes and braces", () => {
    const cases: Array<[string, string, boolean]> = [
      ["*.test.ts", "src/a.test.ts", true],
      ["*.test.ts", "src/a.spec.ts", false],
      ["src/**/*.py", "src/app/x.py", true],
      ["src/**/*.py", "src/x.py", true],
      ["src/**/*.py", "lib/x.py", false],
      ["/build", "build/x.js", true],
      ["/build", "app/build/x.js", false],
      ["test_?.py", "tests/test_a.py", true],
      ["file[0-9].ts", "file7.ts", true],
      ["file[!0-9].ts", "file7.ts", false],
      ["*.{js,ts}", "a/b.ts", true],
      ["*.{js,ts}", "a/b.py", false],
      ["app/", "app/page.tsx", true],
    ];
    for (const [glob, path, expected] of cases) assert.equal(compileGlob(glob)(path), expected, `${glob} ~ ${path}`);
  });

  it("finishes on adversarial patterns and paths", () => {
    const glob = compileGlob("*a*a*a*a*a*a*a*a*a*a*b");
    assert.equal(glob("a".repeat(5000)), false);
    const deep = compileGlob("**/**/**/**/**/x");
    assert.equal(deep(Array.from({ length: 300 }, () => "d").join("/") + "/y"), false);
  });

  it("applies .gitignore negation and directory-only rules", () => {
    const ignore = new GitIgnore("# comment\n*.log\n!keep.log\nbuild/\n/secrets.py\n");
    assert.equal(ignore.ignores("debug.log", false), true);
    assert.equal(ignore.ignores("keep.log", false), false);
    assert.equal(ignore.ignores("build", true), true);
    assert.equal(ignore.ignores("build", false), undefined);
    assert.equal(ignore.ignores("secrets.py", false), true);
    assert.equal(ignore.ignores("pkg/secrets.py", false), undefined);
  });

  it("reads .gitignore escapes: a kept trailing space, a leading # or !, a literal star; no braces", () => {
    const ignore = new GitIgnore("notes\\ \ndraft  \n\\#scratch.py\n\\!bang.py\nliteral\\*.py\n{a,b}.py\n");
    assert.equal(ignore.ignores("notes ", false), true);
    assert.equal(ignore.ignores("notes", false), undefined);
    assert.equal(ignore.ignores("draft", false), true, "unescaped trailing spaces are dropped");
    assert.equal(ignore.ignores("#scratch.py", false), true);
    assert.equal(ignore.ignores("!bang.py", false), true);
    assert.equal(ignore.ignores("literal*.py", false), true);
    assert.equal(ignore.ignores("literalx.py", false), undefined);
    assert.equal(ignore.ignores("a.py", false), undefined);
    assert.equal(ignore.ignores("{a,b}.py", false), true);
  });
});
