// WMK001: generated images, audio or video are returned or stored without an embedded watermark or provenance manifest.
import { localized } from "../../types";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { aiRelated, callName, isAi, isMediaModality, modalityZh, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";

export const generatedMediaWithoutWatermark: Rule = {
  meta: {
    id: "WMK001",
    name: "generated-media-without-watermark",
    title: localized("Generated media without watermark or provenance", "生成媒體沒有水印或來源資訊"),
    sections: ["3.1", "3.2.1", "2.2.3", "App. 2.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports where the output of an image, audio or video AI call is returned, rendered, written to a file or uploaded to storage with no watermark or provenance step (C2PA manifest, invisible watermark, SynthID, signed AI-generated metadata) on the way.",
        "當圖像、音訊或影片人工智能調用的輸出被回傳、呈現、寫入檔案或上載至儲存空間，而途中沒有加入水印或來源資訊（C2PA 清單、隱形水印、SynthID、已簽署的人工智能生成元資料）時，於該處報告。",
      ),
      why: localized(
        "Developers are asked to build in technical means such as watermarking so generated media can be traced (section 3.1); service providers should make AI output identifiable (3.2.1); marking media helps prevent its use in deception and crime (2.2.3); and Hong Kong's application principles call for identifiable AI content (Appendix 2.2.1). A caption alone satisfies DIS001 but not this rule: the marking must travel with the file.",
        "指引要求開發者加入水印等技術手段，令生成媒體可被追溯（第 3.1 節）；服務提供者應令人工智能輸出可被識別（第 3.2.1 節）；為媒體加上標記有助防止其被用於欺詐及犯罪（第 2.2.3 節）；香港應用原則亦要求人工智能內容可被識別（附錄第 2.2.1 節）。單靠說明文字只符合 DIS001，不符合本規則：標記必須隨檔案一同存在。",
      ),
      example: {
        language: "python",
        bad: 'png = base64.b64decode(client.images.generate(...).data[0].b64_json)\nImage.open(io.BytesIO(png)).save(path)',
        good: 'png = base64.b64decode(client.images.generate(...).data[0].b64_json)\nsigned = embed_c2pa_manifest(png, claim_generator="app/1.0")\nImage.open(io.BytesIO(signed)).save(path)',
      },
      fix: localized(
        "Embed a watermark or a C2PA provenance manifest before the media leaves the function (the quick-fix inserts a watermarking step and a helper stub to complete).",
        "在媒體離開函式前嵌入水印或 C2PA 來源清單（快速修正會插入水印步驟及一個待完成的輔助函式）。",
      ),
      options: localized("`markers.watermark` adds the names of your watermarking helpers.", "`markers.watermark` 可加入你的水印函式名稱。"),
    },
  },
  check(ctx) {
    for (const sink of ctx.facts.sinks) {
      if (sink.category === "log" || sink.category === "analytics") continue;
      const media = uniqueBy(sink.labels.filter(isAi).filter((l) => isMediaModality(l.call.modality) && !l.watermarked && !l.stripped), (l) => `${l.call.loc.file}:${l.call.loc.start}`);
      if (media.length === 0) continue;
      const first = media[0];
      const stored = sink.kind === "record";
      const file = ctx.files.get(sink.loc.file);
      const wrap = file && sink.targets?.length ? wrapWithHelper(file, "watermark", sink.targets) : undefined;
      ctx.report({
        file: sink.loc.file,
        start: sink.loc.start,
        end: sink.loc.end,
        message: localized(
          `Generated ${first.call.modality} from ${callName(first)} is ${stored ? "stored" : "delivered"} without a watermark or provenance manifest.`,
          `由 ${callName(first)} 生成的${modalityZh(first.call.modality)}在沒有水印或來源清單的情況下被${stored ? "儲存" : "傳送"}。`,
        ),
        related: aiRelated(media),
        fixes: wrap ? [fix(localized("Embed provenance before the media leaves (Guideline 3.1)", "在媒體送出前嵌入來源資訊（指引 3.1）"), "unsafe", wrap)] : [],
      });
    }
  },
};
