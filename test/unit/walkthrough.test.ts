// The getting-started walkthrough: its contribution in package.json, its strings in both
// languages, and the step pages (client/media/walkthrough/*.md, with the Traditional Chinese
// beside each as *.nls.zh-tw.md, the name VS Code looks for when its display language is zh-tw).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const nls: Record<"en" | "zh", Record<string, string>> = {
  en: JSON.parse(readFileSync(path.join(ROOT, "package.nls.json"), "utf8")),
  zh: JSON.parse(readFileSync(path.join(ROOT, "package.nls.zh-tw.json"), "utf8")),
};
const CJK = /[\u4e00-\u9fff]/;

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

const walkthrough = (manifest.contributes?.walkthroughs ?? []).find((w: { id: string }) => w.id === "genaiLint.gettingStarted") as
  | { title: string; description: string; steps: Step[] }
  | undefined;

/** The page VS Code shows for a step's markdown: `x.md`, or `x.nls.zh-tw.md` beside it in Traditional Chinese. */
function page(markdown: string, language: "en" | "zh"): string {
  return language === "en" ? markdown : markdown.replace(/\.md$/, ".nls.zh-tw.md");
}

/** The string VS Code shows for a manifest value in a language: `%key%` looked up in that language's nls file. */
function localized(value: string, language: "en" | "zh"): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key, `${value} is an nls placeholder`);
  const text = nls[language][key];
  assert.equal(typeof text, "string", `${key} missing from the ${language} nls file`);
  return text;
}

describe("getting-started walkthrough", () => {
  it("takes the user through scan, finding, quick-fix, dashboard and report, each completed by doing it", () => {
    assert.ok(walkthrough, "package.json contributes the genaiLint.gettingStarted walkthrough");
    assert.deepEqual(
      walkthrough.steps.map((s) => [s.id, s.completionEvents]),
      [
        ["scanWorkspace", ["onCommand:genaiLint.scanWorkspace"]],
        ["readFinding", ["onView:workbench.panel.markers.view"]],
        ["applyQuickFix", ["onCommand:genaiLint.applyAllSafeFixes"]],
        ["openDashboard", ["onCommand:genaiLint.openDashboard"]],
        ["exportReport", ["onCommand:genaiLint.exportReport"]],
      ],
    );
  });

  for (const language of ["en", "zh"] as const) {
    it(`has every title and description in ${language === "en" ? "English" : "Traditional Chinese"}, with a button for the step's command`, () => {
      assert.ok(walkthrough);
      for (const value of [walkthrough.title, walkthrough.description, ...walkthrough.steps.flatMap((s) => [s.title, s.description])]) {
        const text = localized(value, language);
        assert.ok(text.trim().length > 0, value);
        if (language === "zh") assert.match(text, CJK, `${value} is translated`);
        else assert.doesNotMatch(text, CJK, `${value} is English`);
      }
      for (const step of walkthrough.steps) {
        // A command link alone on its line is shown as a button; it runs what completes the step.
        const links = [...localized(step.description, language).matchAll(/^\[[^\]]+\]\(command:([\w.]+)\)$/gm)].map((m) => m[1]);
        assert.equal(links.length, 1, `${step.id}: one button`);
        const onCommand = step.completionEvents?.find((e) => e.startsWith("onCommand:"));
        if (onCommand) assert.equal(`onCommand:${links[0]}`, onCommand, `${step.id}: the button completes the step`);
      }
    });

    it(`has a page in ${language === "en" ? "English" : "Traditional Chinese"} for every step`, () => {
      assert.ok(walkthrough);
      for (const step of walkthrough.steps) {
        assert.ok(step.media.markdown, `${step.id}: markdown media`);
        assert.match(step.media.markdown, /^client\/media\/walkthrough\/[a-z-]+\.md$/, `${step.id}: markdown path`);
        const file = page(step.media.markdown, language);
        assert.ok(existsSync(path.join(ROOT, file)), `${file} exists`);
        const text = readFileSync(path.join(ROOT, file), "utf8");
        assert.match(text, /^# \S/, `${file} starts with a heading`);
        if (language === "zh") assert.match(text.split("\n")[0], CJK, `${file} has a Chinese heading`);
        else assert.doesNotMatch(text, CJK, `${file} is English`);
      }
    });
  }

  it("keeps the two languages' pages in step: same code blocks and the same commands and settings", () => {
    assert.ok(walkthrough);
    const fences = (text: string) => [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
    const codeSpans = (text: string) => [...new Set([...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]))].sort();
    for (const step of walkthrough.steps) {
      const en = readFileSync(path.join(ROOT, page(step.media.markdown!, "en")), "utf8");
      const zh = readFileSync(path.join(ROOT, page(step.media.markdown!, "zh")), "utf8");
      assert.deepEqual(fences(zh), fences(en), `${step.id}: code blocks`);
      assert.deepEqual(codeSpans(zh), codeSpans(en), `${step.id}: inline code`);
    }
  });
});
