// The interpreter GRD001 uses to tell whether a recogniser's pattern covers HKIDs or Hong Kong phone numbers.
import assert from "node:assert/strict";
import { coversAny, HK_PHONE_SAMPLES, HKID_SAMPLES, regexMatches } from "../../server/src/core/rules/guardrails/regexCovers";

describe("regular expressions written in a workspace, interpreted", () => {
  it("finds HKID patterns in the forms recognisers write them", () => {
    for (const p of [String.raw`\b[A-Z]{1,2}[0-9]{6}\(?[0-9A]\)?`, String.raw`\b[A-Z]{1,2}\d{6}\(?[\dA]\)?`, String.raw`(?i)[a-z]{1,2}\d{6}\s?\(?[0-9a]\)?`, String.raw`(?P<prefix>[A-Z]{1,2})(?P<digits>\d{6})\((?P<check>[0-9A])\)`]) {
      assert.ok(coversAny(p, HKID_SAMPLES), p);
    }
  });

  it("does not take passport, card or phone patterns for HKID patterns", () => {
    for (const p of [String.raw`[A-Z]\d{8}`, String.raw`\b(?:\d[ -]?){13,19}\b`, String.raw`[2-9]\d{3}[\s-]?\d{4}`, String.raw`[A-Z]{3}\d{6}`]) {
      assert.equal(coversAny(p, HKID_SAMPLES), false, p);
    }
  });

  it("finds Hong Kong phone patterns with or without +852 and grouping", () => {
    assert.ok(coversAny(String.raw`(?:\+?852[\s-]?)?[2-9][0-9]{3}[\s-]?[0-9]{4}\b`, HK_PHONE_SAMPLES));
    assert.ok(coversAny(String.raw`(?<!\d)[5-9]\d{7}(?!\d)`, HK_PHONE_SAMPLES));
    assert.equal(coversAny(String.raw`1[3-9]\d{9}`, HK_PHONE_SAMPLES), false);
  });

  it("answers no for syntax it does not interpret, and stays within its step budget", () => {
    assert.equal(regexMatches(String.raw`(a)\1`, "aa"), false);
    assert.equal(regexMatches("(", "("), false);
    assert.equal(regexMatches("(a*)*b", "a".repeat(40)), false);
    assert.ok(regexMatches("x{", "x{"));
  });
});
