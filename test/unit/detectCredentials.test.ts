import assert from "node:assert/strict";
import { findCredentials, maskSecret } from "../../server/src/core/detect/credentials";

// Seeded generator so "random" keys are the same on every run.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN = ALNUM + "-_";
const HEX = "0123456789abcdef";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomFrom(rand: () => number, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** A body that surely mixes classes and has no placeholder words by accident. */
function body(rand: () => number, alphabet: string, n: number): string {
  for (;;) {
    const s = randomFrom(rand, alphabet, n);
    const head = s.replace(/[-_]/g, "");
    const mixes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(head)).length >= 2;
    const placeholder = /your|xxxx|here|fake|dummy|sample|example|insert|replace|mykey|apikey|api.key|redacted|changeme|placeholder/i.test(s);
    if (mixes && !placeholder && !/^[-_]|[-_]$/.test(s)) return s;
  }
}

function found(text: string): Array<[string, string]> {
  return findCredentials(text).map((m) => [m.provider, text.slice(m.start, m.end)]);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

describe("findCredentials", () => {
  const rand = rng(2024);

  describe("provider key shapes", () => {
    const cases: Array<[string, string]> = [
      ["openai", "sk-" + body(rand, ALNUM, 48)],
      ["openai", "sk-proj-" + body(rand, TOKEN, 156)],
      ["openai", "sk-svcacct-" + body(rand, TOKEN, 120)],
      ["openai", "sk-admin-" + body(rand, TOKEN, 80)],
      ["openai", "sk-" + body(rand, HEX, 32)], // DeepSeek-style, OpenAI-compatible
      ["anthropic", "sk-ant-api03-" + body(rand, TOKEN, 93) + "AA"],
      ["anthropic", "sk-ant-admin01-" + body(rand, TOKEN, 93) + "AA"],
      ["google", "AIza" + body(rand, TOKEN, 35)],
      ["google", "AIzaSy" + body(rand, TOKEN, 33)],
      ["huggingface", "hf_" + body(rand, LETTERS, 34)],
      ["huggingface", "hf_" + body(rand, ALNUM, 34)],
      ["replicate", "r8_" + body(rand, ALNUM, 37)],
      ["groq", "gsk_" + body(rand, ALNUM, 52)],
      ["xai", "xai-" + body(rand, ALNUM, 80)],
      ["perplexity", "pplx-" + body(rand, ALNUM, 48)],
      ["elevenlabs", "sk_" + body(rand, HEX, 48)],
      ["openrouter", "sk-or-v1-" + body(rand, HEX, 64)],
      ["fireworks", "fw_" + body(rand, ALNUM, 24)],
      ["cerebras", "csk-" + body(rand, ALNUM, 48)],
      ["nvidia", "nvapi-" + body(rand, TOKEN, 64)],
    ];

    for (const [provider, key] of cases) {
      it(`finds a ${provider} key ${key.slice(0, 12)}…`, () => {
        const text = `const key = "${key}";`;
        const matches = findCredentials(text);
        assert.equal(matches.length, 1, text);
        assert.equal(matches[0].provider, provider);
        assert.equal(text.slice(matches[0].start, matches[0].end), key);
      });
    }

    it("finds a key in Python, env-file, header and URL spellings", () => {
      const key = "sk-proj-" + body(rand, TOKEN, 60);
      assert.deepEqual(found(`OpenAI(api_key='${key}')`), [["openai", key]]);
      assert.deepEqual(found(`OPENAI_API_KEY=${key}`), [["openai", key]]);
      assert.deepEqual(found(`Authorization: Bearer ${key}`), [["openai", key]]);
      const gkey = "AIza" + body(rand, TOKEN, 35);
      assert.deepEqual(found(`https://generativelanguage.googleapis.com/v1/models?key=${gkey}&alt=json`), [["google", gkey]]);
    });

    it("reports keys inside comments", () => {
      const key = "sk-ant-api03-" + body(rand, TOKEN, 60);
      assert.deepEqual(found(`// old key: ${key}`), [["anthropic", key]]);
      assert.deepEqual(found(`# ANTHROPIC_API_KEY = "${key}"`), [["anthropic", key]]);
    });

    it("places keys of a multi-line string on the right lines", () => {
      const a = "gsk_" + body(rand, ALNUM, 52);
      const b = "r8_" + body(rand, ALNUM, 37);
      const text = `keys = """\nnone here\ngroq ${a}\n\nreplicate=${b}\n"""`;
      const matches = findCredentials(text);
      assert.deepEqual(
        matches.map((m) => [m.provider, lineOf(text, m.start), text.slice(m.start, m.end)]),
        [
          ["groq", 3, a],
          ["replicate", 5, b],
        ],
      );
    });

    it("finds several keys on one line without overlap", () => {
      const a = "hf_" + body(rand, LETTERS, 34);
      const b = "xai-" + body(rand, ALNUM, 80);
      const text = `${a},${b} ${a}`;
      const matches = findCredentials(text);
      assert.deepEqual(matches.map((m) => m.provider), ["huggingface", "xai", "huggingface"]);
      for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].end <= matches[i].start);
    });

    it("treats an escape sequence before the prefix as a separator", () => {
      const key = "sk-" + body(rand, ALNUM, 48);
      assert.deepEqual(found(`"first\\n${key}"`), [["openai", key]]);
    });

    it("leaves trailing separators and punctuation out of the match", () => {
      const key = "sk-proj-" + body(rand, ALNUM, 40);
      assert.deepEqual(found(`use ${key}.`), [["openai", key]]);
      assert.deepEqual(found(`(${key})`), [["openai", key]]);
      assert.deepEqual(found(`${key}-`), [["openai", key]]);
    });
  });

  describe("exact-length shapes", () => {
    it("requires exactly 35 characters after AIza", () => {
      const b = body(rand, TOKEN, 40);
      assert.equal(findCredentials(`"AIza${b.slice(0, 35)}"`).length, 1);
      assert.deepEqual(found(`"AIza${b.slice(0, 34)}"`), []);
      assert.deepEqual(found(`"AIza${b.slice(0, 36)}"`), []);
    });

    it("requires exactly 48 hex characters after sk_", () => {
      const hex = body(rand, HEX, 50);
      assert.equal(findCredentials(`"sk_${hex.slice(0, 48)}"`).length, 1);
      assert.deepEqual(found(`"sk_${hex.slice(0, 47)}"`), []);
      assert.deepEqual(found(`"sk_${hex.slice(0, 49)}"`), []);
      assert.deepEqual(found(`"sk_${hex.slice(0, 47)}g"`), []);
    });

    it("requires 64 hex characters after sk-or-v1-", () => {
      assert.deepEqual(found(`"sk-or-v1-${body(rand, HEX, 63)}"`), []);
      assert.deepEqual(found(`"sk-or-v1-${body(rand, ALNUM, 64)}"`), []);
    });
  });

  describe("not AI keys", () => {
    it("ignores Stripe secrets", () => {
      for (const prefix of ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_"]) {
        const text = `"${prefix}${body(rand, ALNUM, 24)}"`;
        assert.deepEqual(found(text), [], text);
      }
      assert.deepEqual(found('BILLING_SECRET = "sk_live_fUBTSM2LVNl5wer0yDHon5ga"'), []);
    });

    it("ignores placeholders and templates", () => {
      for (const text of [
        "sk-...",
        "sk-xxxx",
        "sk-[Your Key]",
        "sk-your-key-here",
        "sk-XXXXXXXXXXXXXXXXXXXXXXXX",
        "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "sk-xxxxxxxxxxxxxxxxxxxx1234",
        "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "sk-ant-api03-your-anthropic-key-here-1234567890",
        "sk-ant-...",
        "sk-1111111111111111111111111",
        "sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sk-abababababababababab12",
        "sk-proj-REPLACE_WITH_YOUR_KEY_123456",
        "sk-<your key>",
        "sk-{{OPENAI_API_KEY}}",
        "`sk-${process.env.KEY}`",
        `sk-${"a1B2c3D4e5F6g7H8i9J0"}\${suffix}`,
        "hf_xxx",
        "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "hf_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "your-api-key",
        "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "gsk_your_groq_key",
        "xai-0000000000000000000000000000",
      ]) {
        assert.deepEqual(found(text), [], text);
      }
    });

    it("ignores bare prefixes and short values", () => {
      for (const text of [
        'value.startswith("sk-") and len(value) > 40',
        'const prefix = provider === "openai" ? "sk-" : "AIza";',
        "AIza",
        "hf_",
        "r8_",
        "sk-",
        "sk-SK",
        "sk-abc123",
        "pplx-123abc",
      ]) {
        assert.deepEqual(found(text), [], text);
      }
    });

    it("ignores paths and identifiers that merely contain a prefix", () => {
      for (const text of [
        'cacheDir: "/tmp/hf_cache"',
        "/home/me/.cache/hf_hub/models--org--name",
        "task-" + body(rand, ALNUM, 40),
        "desk-" + body(rand, ALNUM, 40),
        "risk-" + body(rand, ALNUM, 40),
        "ask_" + body(rand, HEX, 48),
        "mask_" + body(rand, HEX, 48),
        "ragsk_" + body(rand, ALNUM, 52),
        "shf_" + body(rand, ALNUM, 34),
        "my_hf_" + body(rand, LETTERS, 34),
        "1sk-" + body(rand, ALNUM, 40),
        "hf_" + body(rand, LETTERS, 34) + "_backup",
        "AIza" + body(rand, ALNUM, 35) + "x",
      ]) {
        assert.deepEqual(found(text), [], text);
      }
    });

    it("ignores kebab-case slugs that happen to start with sk-", () => {
      for (const text of [
        "sk-learn-and-pytorch-2024-tutorials",
        "sk-fading-circle-spinner-v2-large",
        "sk-abc123-def456-ghi789-jkl012",
      ]) {
        assert.deepEqual(found(text), [], text);
      }
    });

    it("does not split a key into a second, shorter match", () => {
      const key = "sk-ant-api03-" + body(rand, TOKEN, 93) + "AA";
      assert.equal(findCredentials(key).length, 1);
    });
  });

  describe("adversarial input finishes", () => {
    it("handles long runs of prefixes and alphabet characters", () => {
      assert.deepEqual(findCredentials("sk-" + "a-".repeat(50000)), []);
      assert.deepEqual(findCredentials("sk-".repeat(33334)), []);
      assert.deepEqual(findCredentials("AIza".repeat(25000)), []);
      assert.deepEqual(findCredentials("hf_".repeat(33334)), []);
      assert.deepEqual(findCredentials("sk-" + "aB3".repeat(33333)), []);
      assert.deepEqual(findCredentials("sk_" + "a".repeat(100000)), []);
      assert.deepEqual(findCredentials("-".repeat(100000)), []);
    });

    it("still finds a key after a long run", () => {
      const key = "sk-" + body(rand, ALNUM, 48);
      const text = "sk-".repeat(20000) + " " + key;
      assert.deepEqual(found(text), [["openai", key]]);
    });
  });
});

describe("maskSecret", () => {
  it("keeps the provider prefix and the last four characters", () => {
    assert.equal(maskSecret("sk-proj-abcdefghijklmnopqrstUTAS"), "sk-proj-…UTAS");
    assert.equal(maskSecret("sk-ant-api03-abcdefghijklmnopqrstuvwxyzKoAA"), "sk-ant-…KoAA");
    assert.equal(maskSecret("AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456"), "AIza…3456");
    assert.equal(maskSecret("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"), "hf_…KDWL");
  });

  it("never reveals the middle of the secret", () => {
    const secret = "sk-" + "Q7mZ".repeat(12);
    const masked = maskSecret(secret);
    assert.ok(!masked.includes("Q7mZQ7mZ"));
    assert.ok(masked.length < 12);
  });

  it("produces text that is not itself reported as a key", () => {
    const rand = rng(7);
    for (const key of ["sk-proj-" + body(rand, TOKEN, 120), "AIza" + body(rand, TOKEN, 35), "hf_" + body(rand, LETTERS, 34)]) {
      assert.equal(findCredentials(key).length, 1);
      assert.deepEqual(findCredentials(`key ${maskSecret(key)} leaked`), []);
    }
  });

  it("shows no tail for short values and copes with unknown prefixes", () => {
    assert.equal(maskSecret("sk-abc123"), "sk-…");
    assert.equal(maskSecret(""), "…");
    assert.equal(maskSecret("ZZ9aQ0wErTyUiOpAsDfG"), "ZZ9a…sDfG");
  });
});
