// WMK002: generated media marked in its metadata (C2PA, XMP/EXIF/ID3/PNG text) is re-encoded in a way that drops the marking.
import type { AiLabel, Loc } from "../../analysis/values";
import { setCallOption } from "../../fixes/callOptions";
import type { TrackedFact } from "../../analysis/facts";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { trackedSpec } from "../../sdk/tracked";
import type { CallExpr, Expr } from "../../ir/types";
import { callsStartingAt, findCallAt } from "../../ir/walk";
import type { Fix, TextEdit } from "../../types";
import { localized } from "../../types";
import type { ParsedFile } from "../../workspace/workspace";
import { aiRelated, isAi, isMediaModality, modalityZh, related, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";

const TITLE = localized("Keep the media's metadata when re-encoding (Guideline 3.1)", "重新編碼時保留媒體的元資料（指引 3.1）");

/** The quick-fix that makes the re-encoding call at `call` keep the metadata, by the library it uses. */
function keepMetadataEdits(file: ParsedFile, call: CallExpr): TextEdit[] | undefined {
  const text = file.text;
  const callee = call.callee;
  // `subprocess.run(["ffmpeg", ..., "-map_metadata", "-1", ...])` / `["ffmpeg", "-i", src, ...]`.
  const command = call.args[0]?.value;
  if (command?.k === "array") {
    const items = command.elements;
    const strs = items.map((x) => (x.k === "str" ? x.value : undefined));
    const map = strs.indexOf("-map_metadata");
    if (map >= 0 && items[map + 1]) return [{ start: items[map + 1].span.start, end: items[map + 1].span.end, newText: '"0"' }];
    const input = strs.indexOf("-i");
    if (input >= 0 && items[input + 1]) return [{ start: items[input + 1].span.end, end: items[input + 1].span.end, newText: ', "-map_metadata", "0"' }];
    return undefined;
  }
  // Pillow: `img.save(out, ...)` writes the EXIF block again.
  if (callee.k === "member" && callee.prop === "save" && file.language === "python") {
    // The decoded image the chain started from (`img` of `img.convert("RGB").save(...)`) holds the EXIF block.
    let root: Expr = callee.object;
    while (root.k === "call" && root.callee.k === "member") root = root.callee.object;
    const image = text.slice(root.span.start, root.span.end);
    const edit = setCallOption(file, call, "exif", `${image}.info.get("exif", b"")`);
    return edit ? [edit] : undefined;
  }
  // sharp / fluent-ffmpeg pipelines started here: keep metadata right after the start.
  const name = callee.k === "name" ? callee.name : callee.k === "member" ? callee.prop : "";
  const pipeline = callsStartingAt(file.program.body, call.span.start).pop();
  const mapOption = pipeline && findOption(pipeline, "-map_metadata");
  if (mapOption) return [{ start: mapOption.span.start, end: mapOption.span.end, newText: '"0"' }];
  if (/^sharp$/i.test(name) || /sharp/i.test(text.slice(callee.span.start, callee.span.end))) return [{ start: call.span.end, end: call.span.end, newText: ".withMetadata()" }];
  if (/ffmpeg/i.test(name)) return [{ start: call.span.end, end: call.span.end, newText: '.outputOptions(["-map_metadata", "0"])' }];
  return undefined;
}

/** The element after a flag in any option list of a call chain (`.outputOptions(["-map_metadata", "-1"])`). */
function findOption(e: Expr, flag: string): Expr | undefined {
  let found: Expr | undefined;
  const visit = (x: Expr, depth: number): void => {
    if (found || depth > 40) return;
    if (x.k === "array") {
      const i = x.elements.findIndex((el) => el.k === "str" && el.value === flag);
      if (i >= 0 && x.elements[i + 1]) found = x.elements[i + 1];
    }
    if (x.k === "call") {
      visit(x.callee, depth + 1);
      for (const a of x.args) visit(a.value, depth + 1);
    } else if (x.k === "member") visit(x.object, depth + 1);
    else if (x.k === "await") visit(x.expr, depth + 1);
  };
  visit(e, 0);
  return found;
}

/** Wraps the calls that hand out a re-encoder's output (`canvas.toBuffer()`, `.getBufferAsync()`) with the provenance helper. */
function remarkOutputs(tracked: readonly TrackedFact[], file: ParsedFile, loc: Loc): TextEdit[] | undefined {
  const obj = tracked.find((t) => t.obj.mediaLoc?.file === loc.file && t.obj.mediaLoc.start === loc.start && t.obj.mediaLoc.end === loc.end)?.obj;
  const outputs = new Set(trackedSpec(obj?.kind ?? "")?.reencodes ?? []);
  const targets = (obj?.calls ?? []).filter((c) => outputs.has(c.name) && c.loc.file === file.path).map((c) => {
    // `await x.getBufferAsync()`: mark the awaited bytes, not the promise.
    const before = file.text.slice(Math.max(0, c.loc.start - 6), c.loc.start);
    return { span: { start: /await\s$/.test(before) ? c.loc.start - 6 : c.loc.start, end: c.loc.end } };
  });
  return targets.length ? wrapWithHelper(file, "watermark", targets) : undefined;
}

export const markingStripped: Rule = {
  meta: {
    id: "WMK002",
    name: "marking-stripped",
    title: localized("Provenance marking stripped by re-encoding", "重新編碼移除了來源標記"),
    sections: ["3.1", "3.2.1", "App. 2.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports the call that re-encodes generated image, audio or video after it was marked in its metadata (a C2PA manifest, an XMP, EXIF, ID3 or PNG text label, a signed metadata helper) without keeping that metadata: a sharp pipeline without `withMetadata()`, Pillow's `save()` without `exif=` or `pnginfo=`, a canvas redraw, jimp, or ffmpeg without `-map_metadata 0` or a stream copy. Watermarks in the pixels or samples survive re-encoding and are not reported; nor is marking again after the re-encode.",
        "當生成的圖像、音訊或影片已在元資料中加上標記（C2PA 清單、XMP、EXIF、ID3 或 PNG 文字標籤、簽署的元資料函式）後，再被重新編碼而沒有保留該元資料時，於重新編碼的調用處報告：沒有 `withMetadata()` 的 sharp 流程、沒有 `exif=` 或 `pnginfo=` 的 Pillow `save()`、canvas 重繪、jimp，或沒有 `-map_metadata 0` 或串流複製的 ffmpeg。像素或樣本層面的水印能在重新編碼後保留，不會報告；重新編碼後再次標記亦不會報告。",
      ),
      why: localized(
        "A marking that disappears when an image is resized or an audio clip transcoded no longer tells anyone the media was generated. The guideline asks for marks that identify AI content and are hard to remove, especially for content that could mislead (sections 3.1 and 3.2.1, and Appendix 2.2.1).",
        "圖像縮放或音訊轉碼後便消失的標記，再不能告訴任何人該媒體由人工智能生成。指引要求以難以移除的標記識別人工智能內容，對可能誤導的內容尤甚（第 3.1 及 3.2.1 節，以及附錄第 2.2.1 節）。",
      ),
      example: {
        language: "typescript",
        bad: 'const marked = await addProvenanceMetadata(image);\nconst jpeg = await sharp(marked).resize({ width: 1280 }).jpeg().toBuffer();',
        good: 'const marked = await addProvenanceMetadata(image);\nconst jpeg = await sharp(marked).withMetadata().resize({ width: 1280 }).jpeg().toBuffer();',
      },
      fix: localized(
        "Keep the metadata through the re-encode (`.withMetadata()` in sharp, `exif=` / `pnginfo=` in Pillow, `-map_metadata 0` or `-c copy` in ffmpeg), mark the media again after re-encoding, or use a watermark embedded in the pixels or samples.",
        "在重新編碼時保留元資料（sharp 的 `.withMetadata()`、Pillow 的 `exif=` / `pnginfo=`、ffmpeg 的 `-map_metadata 0` 或 `-c copy`），於重新編碼後再次標記媒體，或改用嵌入像素或樣本的水印。",
      ),
      options: localized("`markers.watermark` adds names of watermarking helpers (treated as pixel-domain marks).", "`markers.watermark` 可加入水印函式名稱（視為像素層面的標記）。"),
    },
  },
  check(ctx) {
    const byLoc = new Map<string, { loc: Loc; labels: AiLabel[]; sinks: Loc[] }>();
    for (const sink of ctx.facts.sinks) {
      for (const l of sink.labels.filter(isAi)) {
        if (!isMediaModality(l.call.modality) || l.watermarked || !l.stripped) continue;
        const key = `${l.stripped.file}:${l.stripped.start}`;
        const entry = byLoc.get(key) ?? { loc: l.stripped, labels: [], sinks: [] };
        entry.labels.push(l);
        entry.sinks.push(sink.loc);
        byLoc.set(key, entry);
      }
    }
    for (const { loc, labels, sinks } of byLoc.values()) {
      const ai = uniqueBy(labels, (l) => `${l.call.loc.file}:${l.call.loc.start}`);
      const file = ctx.files.get(loc.file);
      const call = file ? findCallAt(file.program.body, loc) : undefined;
      const edits = file && call ? keepMetadataEdits(file, call) : undefined;
      const fixes: Fix[] = edits ? [fix(TITLE, "safe", edits)] : [];
      // Libraries with no way to keep metadata (jimp, canvas): mark what they hand out again.
      const remark = file && !edits ? remarkOutputs(ctx.facts.tracked, file, loc) : undefined;
      if (remark) fixes.push(fix(localized("Mark the media again after re-encoding (Guideline 3.1)", "重新編碼後再次標記媒體（指引 3.1）"), "unsafe", remark));
      const modality = ai[0].call.modality;
      ctx.report({
        file: loc.file,
        start: loc.start,
        end: loc.end,
        message: localized(
          `Generated ${modality} marked in its metadata is re-encoded here without keeping the metadata: the marking is lost before the media is shared or stored.`,
          `已在元資料中標記的生成${modalityZh(modality)}在此重新編碼而沒有保留元資料：標記在媒體分享或儲存前已遺失。`,
        ),
        related: [...aiRelated(ai), ...uniqueBy(sinks, (s) => `${s.file}:${s.start}`).slice(0, 3).map((s) => related(s, localized("the re-encoded media reaches this sink", "重新編碼的媒體到達此處")))],
        fixes,
      });
    }
  },
};
