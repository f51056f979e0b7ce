import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  GOVERNANCE_DIMENSIONS,
  GUIDELINE_PRINCIPLES,
  GUIDELINE_SECTIONS,
  GUIDELINE_URL,
  dimensionOfRule,
  principleOfRule,
  sectionTitle,
} from "../../server/src/core/guideline/sections";

// Section ids cited by the rule catalogue (spec/RULES.md). Hard-coded: the
// shared spec folder is not present on every machine.
const CITED_SECTION_IDS = [
  "2.1.2",
  "2.1.3.1",
  "2.1.3.4",
  "2.2.1",
  "2.2.3",
  "2.2.5",
  "2.3.2",
  "3.1",
  "3.2.1",
  "3.3",
  "App. 2.2.1",
  "App. 2.2.2",
];

// Parents of the cited sections, and the sections that define the five
// governance dimensions.
const STRUCTURAL_SECTION_IDS = [
  "2",
  "2.1",
  "2.1.3",
  "2.2",
  "2.2.2",
  "2.2.4",
  "2.3",
  "3",
  "3.2",
  "App. 2",
  "App. 2.2",
];

const RULE_IDS = [
  "DIS001",
  "CON001",
  "CON002",
  "CON003",
  "WMK001",
  "PII001",
  "PII002",
  "SEC001",
  "SEC002",
  "SUP001",
  "SUP002",
  // "Next rules"
  "CON004",
  "WMK002",
  "PII003",
  "GRD001",
  "SEC003",
];

const DIMENSION_SECTIONS: Record<string, string> = {
  privacy: "2.2.1",
  ip: "2.2.2",
  crime: "2.2.3",
  authenticity: "2.2.4",
  security: "2.2.5",
};

const MAX_SUMMARY_CHARS = 400;
const COPY_RUN = 20;

function guidelinePath(): string | undefined {
  const candidates = [
    process.env.GENAI_LINT_GUIDELINE_TXT,
    // out/test/unit -> repository root -> sibling "shared" folder
    path.resolve(__dirname, "../../../../shared/guideline/hk-genai-guideline-zh-hk.txt"),
    "/work/shared/guideline/hk-genai-guideline-zh-hk.txt",
  ];
  return candidates.find((p): p is string => p !== undefined && p !== "" && fs.existsSync(p));
}

/** Drops whitespace (line breaks fall mid-sentence in the text) and private-use bullet glyphs. */
function normalise(s: string): string {
  return s.replace(/[\s\uE000-\uF8FF]/gu, "");
}

/** The section's heading as numbered in the text: "2.2.1" / "2." for a chapter / "2" for an appendix chapter. */
function headingNumber(id: string): string {
  const appendix = id.startsWith("App. ");
  const num = appendix ? id.slice("App. ".length) : id;
  return !appendix && !num.includes(".") ? `${num}.` : num;
}

describe("guideline sections", () => {
  const sections = Object.values(GUIDELINE_SECTIONS);
  let text: string | undefined;
  let normalisedText = "";
  let runs: Set<string> | undefined;

  before(() => {
    const p = guidelinePath();
    if (p === undefined) {
      return;
    }
    text = fs.readFileSync(p, "utf8");
    normalisedText = normalise(text);
    runs = new Set<string>();
    for (let i = 0; i + COPY_RUN <= normalisedText.length; i++) {
      runs.add(normalisedText.slice(i, i + COPY_RUN));
    }
  });

  it("has every section id cited by the rule catalogue, with non-empty fields", () => {
    for (const id of [...CITED_SECTION_IDS, ...STRUCTURAL_SECTION_IDS]) {
      assert.ok(Object.hasOwn(GUIDELINE_SECTIONS, id), `missing section ${id}`);
      const s = GUIDELINE_SECTIONS[id];
      assert.equal(s.id, id);
      for (const field of ["titleZh", "titleEn", "summaryEn", "summaryZh"] as const) {
        assert.ok(s[field].trim().length > 0, `${id}.${field} is empty`);
      }
    }
  });

  it("keys every section by its own id", () => {
    for (const [key, s] of Object.entries(GUIDELINE_SECTIONS)) {
      assert.equal(s.id, key);
    }
  });

  it("has the parent of every section", () => {
    for (const s of sections) {
      const prefix = s.id.startsWith("App. ") ? "App. " : "";
      const parts = s.id.slice(prefix.length).split(".");
      if (parts.length > 1) {
        const parent = prefix + parts.slice(0, -1).join(".");
        assert.ok(Object.hasOwn(GUIDELINE_SECTIONS, parent), `parent ${parent} of ${s.id} missing`);
      }
    }
  });

  it("gives titles in both locales and rejects unknown ids", () => {
    assert.equal(sectionTitle("2.2.1", "zh-hk"), "個人資料私隱");
    assert.equal(sectionTitle("2.2.1", "en"), "Personal Data Privacy");
    assert.equal(sectionTitle("App. 2.2.2", "zh-hk"), GUIDELINE_SECTIONS["App. 2.2.2"].titleZh);
    assert.throws(() => sectionTitle("9.9.9", "en"));
    assert.throws(() => sectionTitle("toString", "en"));
  });

  it("keeps summaries under 400 characters", () => {
    for (const s of sections) {
      assert.ok(s.summaryEn.length < MAX_SUMMARY_CHARS, `${s.id}.summaryEn has ${s.summaryEn.length} characters`);
      assert.ok(s.summaryZh.length < MAX_SUMMARY_CHARS, `${s.id}.summaryZh has ${s.summaryZh.length} characters`);
    }
  });

  it("uses titles that appear in the guideline text", function (this: Mocha.Context) {
    if (text === undefined) {
      this.skip();
    }
    for (const s of sections) {
      assert.ok(text.includes(s.titleZh), `title of ${s.id} not found: ${s.titleZh}`);
    }
  });

  it("numbers every section as the guideline's headings do", function (this: Mocha.Context) {
    if (text === undefined) {
      this.skip();
    }
    // Appendix sections must be headed after the last body section.
    const bodyEnd = normalisedText.lastIndexOf(normalise(`3.3 ${GUIDELINE_SECTIONS["3.3"].titleZh}`));
    assert.ok(bodyEnd >= 0);
    for (const s of sections) {
      const heading = normalise(`${headingNumber(s.id)} ${s.titleZh}`);
      const at = normalisedText.lastIndexOf(heading);
      assert.ok(at >= 0, `heading of ${s.id} not found: ${heading}`);
      if (s.id.startsWith("App. ")) {
        assert.ok(at > bodyEnd, `${s.id} is not in the appendix`);
      }
    }
  });

  it("copies no run of 20 or more characters from the guideline into a summary", function (this: Mocha.Context) {
    if (runs === undefined) {
      this.skip();
    }
    for (const s of sections) {
      for (const field of ["summaryEn", "summaryZh"] as const) {
        const summary = normalise(s[field]);
        for (let i = 0; i + COPY_RUN <= summary.length; i++) {
          const run = summary.slice(i, i + COPY_RUN);
          assert.ok(!runs.has(run), `${s.id}.${field} copies "${run}" from the guideline`);
        }
      }
    }
  });
});

describe("guideline dimensions and principles", () => {
  it("has the five governance dimensions with both names", () => {
    assert.deepEqual(
      GOVERNANCE_DIMENSIONS.map((d) => d.id).sort(),
      ["authenticity", "crime", "ip", "privacy", "security"],
    );
    for (const d of GOVERNANCE_DIMENSIONS) {
      assert.ok(d.nameEn.trim().length > 0, `${d.id}.nameEn is empty`);
      assert.ok(d.nameZh.trim().length > 0, `${d.id}.nameZh is empty`);
      const defining = DIMENSION_SECTIONS[d.id];
      assert.equal(d.sections[0], defining, `${d.id} should start with its defining section`);
      assert.equal(d.nameZh, GUIDELINE_SECTIONS[defining].titleZh);
      for (const id of d.sections) {
        assert.ok(Object.hasOwn(GUIDELINE_SECTIONS, id), `${d.id} maps unknown section ${id}`);
      }
    }
  });

  it("maps every cited section to at least one dimension", () => {
    const mapped = new Set(GOVERNANCE_DIMENSIONS.flatMap((d) => d.sections));
    for (const id of CITED_SECTION_IDS) {
      assert.ok(mapped.has(id), `${id} has no dimension`);
    }
  });

  it("maps every rule to a dimension and a principle", () => {
    const dimensionIds = new Set(GOVERNANCE_DIMENSIONS.map((d) => d.id));
    const principleIds = new Set(GUIDELINE_PRINCIPLES.map((p) => p.id));
    for (const rule of RULE_IDS) {
      assert.ok(dimensionIds.has(dimensionOfRule(rule)), `${rule} has no valid dimension`);
      assert.ok(principleIds.has(principleOfRule(rule)), `${rule} has no valid principle`);
    }
    assert.throws(() => dimensionOfRule("XXX999"));
    assert.throws(() => principleOfRule("XXX999"));
  });

  it("lists the five principles of 2.3 with both names", () => {
    assert.equal(GUIDELINE_PRINCIPLES.length, 5);
    GUIDELINE_PRINCIPLES.forEach((p, i) => {
      assert.ok(p.id.length > 0 && p.nameEn.trim().length > 0);
      assert.equal(p.nameZh, GUIDELINE_SECTIONS[`2.3.${i + 1}`].titleZh);
    });
  });

  it("links the Digital Policy Office", () => {
    assert.match(GUIDELINE_URL, /^https:\/\/www\.digitalpolicy\.gov\.hk\//);
  });
});
