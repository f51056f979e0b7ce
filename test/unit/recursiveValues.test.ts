// Data structures that point at themselves (linked lists, parent links, caches) once overflowed the
// stack while values were joined. They must be analysed like any other code.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scan } from "../../server/src/node/scan";
import { ready } from "../harness/analysis";

const PYTHON = `from openai import OpenAI

client = OpenAI()


class Node:
    def __init__(self, value, prev=None):
        self.value = value
        self.prev = prev
        self.next = None
        if prev is not None:
            prev.next = self


class Chain:
    def __init__(self):
        self.head = None
        self.tail = None

    def push(self, value):
        node = Node(value, self.tail)
        if self.head is None:
            self.head = node
        self.tail = node
        node.owner = self
        return node

    def walk(self):
        node = self.head
        while node is not None:
            node = node.next
            node.prev.next = node
        return node


def summarise(chain):
    node = chain.head
    text = ""
    while node:
        text += node.value
        node = node.next
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
`;

/** A registry whose entries point back at it, joined where branches meet: the shape that recursed without end. */
const REGISTRY = `import openai


class Registry:
    def __init__(self):
        self.entries = {}
        self.factory = None

    def lookup(self, key):
        item = None
        try:
            if key in self.entries:
                item = self.entries[key]
                if isinstance(item, Pending):
                    item = (self.factory or make_entry)(key)
                    item.owner = self
                    self.entries[key] = item
            else:
                item = (self.factory or make_entry)(key)
                item.owner = self
                self.entries[key] = item
        finally:
            release()
        return item
`;

const REGISTRY_JS = `import OpenAI from "openai";

export class Registry {
  constructor() { this.entries = new Map(); this.entriesByKey = {}; this.factory = null; }
  lookup(key) {
    let item = null;
    try {
      if (key in this.entriesByKey) {
        item = this.entriesByKey[key];
        if (item instanceof Pending) {
          item = (this.factory || makeEntry)(key);
          item.owner = this;
          this.entriesByKey[key] = item;
        }
      } else {
        item = (this.factory || makeEntry)(key);
        item.owner = this;
        this.entriesByKey[key] = item;
      }
    } finally {
      release();
    }
    return item;
  }
}
`;

const JS = `import OpenAI from "openai";
const client = new OpenAI();

export class Yallist {
  constructor() { this.head = null; this.tail = null; this.length = 0; }
  push(value) {
    const node = { value, prev: this.tail, next: null, list: this };
    if (this.tail) this.tail.next = node;
    this.tail = node;
    if (!this.head) this.head = node;
    this.length++;
    return node;
  }
  *[Symbol.iterator]() { for (let n = this.head; n; n = n.next) yield n.value; }
}

export async function ask(list) {
  let prompt = "";
  for (let n = list.head; n; n = n.next) { n.prev = n.prev || n; prompt += n.value; }
  return client.responses.create({ model: "gpt-4.1-mini", input: prompt });
}
`;

describe("self-referential values", function () {
  this.timeout(60_000);
  before(ready);

  it("are analysed without failing, in Python and JavaScript", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-cycles-"));
    writeFileSync(path.join(dir, "chain.py"), PYTHON);
    writeFileSync(path.join(dir, "yallist.mjs"), JS);
    writeFileSync(path.join(dir, "registry.py"), REGISTRY);
    writeFileSync(path.join(dir, "registry.mjs"), REGISTRY_JS);
    const result = scan({ paths: [dir] });
    assert.deepEqual(result.analysis.filesFailed, []);
    assert.deepEqual(result.report.coverage.notes, []);
    assert.equal(result.report.inventory.length, 2, "both AI calls are found");
  });
});
