import assert from "node:assert/strict";
import {
  findPersonalData,
  foldFullWidth,
  hkidCheckDigit,
  isHongKongPhone,
  isLuhnValid,
  isPersonalEmail,
  isValidCardNumber,
  isValidHkid,
  isValidMainlandId,
  mainlandIdCheckChar,
  type PersonalDataKind,
} from "../../server/src/core/detect/personalData";

// ---------------------------------------------------------------------------
// Independent generators (own arithmetic, not the module's) so tests do not
// just echo the implementation.

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

function digitsOf(rand: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

function letterOf(rand: () => number): string {
  return String.fromCharCode(65 + Math.floor(rand() * 26));
}

/** HKID check character computed the long way round. */
function refHkidCheck(prefix: string, six: string): string {
  const chars = (prefix.length === 1 ? " " + prefix : prefix) + six;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = chars[i];
    const value = ch === " " ? 36 : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 65 + 10 : Number(ch);
    sum += value * (9 - i);
  }
  const r = sum % 11;
  if (r === 0) return "0";
  const check = 11 - r;
  return check === 10 ? "A" : String(check);
}

function makeHkid(rand: () => number, letters: 1 | 2, parens = true): string {
  const prefix = letters === 1 ? letterOf(rand) : letterOf(rand) + letterOf(rand);
  const six = digitsOf(rand, 6);
  const check = refHkidCheck(prefix, six);
  return parens ? `${prefix}${six}(${check})` : `${prefix}${six}${check}`;
}

function wrongHkid(id: string): string {
  // Change the check character to another valid-looking one.
  const m = /^(.*?)(\(?)([0-9A])(\)?)$/.exec(id)!;
  const next = m[3] === "A" ? "0" : m[3] === "9" ? "A" : String(Number(m[3]) + 1);
  return `${m[1]}${m[2]}${next}${m[4]}`;
}

function luhnDigit(partial: string): string {
  // Check digit for `partial` so the whole passes Luhn.
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function makeCard(rand: () => number, lead: string, length: number): string {
  const partial = lead + digitsOf(rand, length - lead.length - 1);
  return partial + luhnDigit(partial);
}

function group(digits: string, sizes: number[], sep: string): string {
  const parts: string[] = [];
  let i = 0;
  for (const size of sizes) {
    parts.push(digits.slice(i, i + size));
    i += size;
  }
  return parts.join(sep);
}

function refMainlandCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (Math.pow(2, 17 - i) % 11);
  return "10X98765432"[sum % 11];
}

function makeMainland(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  return first17 + refMainlandCheck(first17);
}

function found(text: string): Array<[PersonalDataKind, string]> {
  return findPersonalData(text).map((m) => [m.kind, text.slice(m.start, m.end)]);
}

function kindsIn(text: string): PersonalDataKind[] {
  return findPersonalData(text).map((m) => m.kind);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

// ---------------------------------------------------------------------------

describe("personalData validators", () => {
  describe("hkidCheckDigit / isValidHkid", () => {
    it("agrees with an independent check-digit computation on generated ids", () => {
      const rand = rng(11);
      for (let i = 0; i < 300; i++) {
        const letters = i % 2 === 0 ? 1 : 2;
        const prefix = letters === 1 ? letterOf(rand) : letterOf(rand) + letterOf(rand);
        const six = digitsOf(rand, 6);
        assert.equal(hkidCheckDigit(prefix, six), refHkidCheck(prefix, six), `${prefix}${six}`);
      }
    });

    it("accepts generated ids with and without parentheses", () => {
      const rand = rng(12);
      for (let i = 0; i < 100; i++) {
        const id = makeHkid(rand, i % 2 === 0 ? 1 : 2, i % 3 !== 0);
        assert.ok(isValidHkid(id), id);
        assert.ok(!isValidHkid(wrongHkid(id)), wrongHkid(id));
      }
    });

    it("handles the check characters A and 0", () => {
      const rand = rng(13);
      let sawA = false;
      let saw0 = false;
      for (let i = 0; i < 2000 && !(sawA && saw0); i++) {
        const id = makeHkid(rand, 1);
        if (id.endsWith("(A)")) {
          sawA = true;
          assert.ok(isValidHkid(id), id);
          assert.ok(isValidHkid(id.replace("(A)", "A")), id);
        }
        if (id.endsWith("(0)")) {
          saw0 = true;
          assert.ok(isValidHkid(id), id);
        }
      }
      assert.ok(sawA && saw0);
    });

    it("validates known samples", () => {
      assert.ok(isValidHkid("M205781(1)"));
      assert.ok(isValidHkid("K381726(1)"));
      assert.ok(isValidHkid("N131676(A)"));
      assert.ok(!isValidHkid("C668234(4)"));
    });

    it("is lenient on case, full width and a space before the bracket, strict on shape", () => {
      assert.ok(isValidHkid("m205781(1)"));
      assert.ok(isValidHkid("Ｍ２０５７８１（１）"));
      assert.ok(isValidHkid("M205781 (1)"));
      assert.ok(!isValidHkid("M205781 1"));
      assert.ok(!isValidHkid("M20578(1)"));
      assert.ok(!isValidHkid("ABC205781(1)"));
      assert.ok(!isValidHkid("M2057811(1)"));
      assert.ok(!isValidHkid("M205781(B)"));
      assert.ok(!isValidHkid(""));
    });
  });

  describe("isLuhnValid / isValidCardNumber", () => {
    it("accepts generated cards of every length 13..19 and rejects a changed digit", () => {
      const rand = rng(21);
      for (let len = 13; len <= 19; len++) {
        const card = makeCard(rand, "4", len);
        assert.ok(isLuhnValid(card), card);
        assert.ok(isValidCardNumber(card), card);
        const last = Number(card[card.length - 1]);
        const broken = card.slice(0, -1) + String((last + 1) % 10);
        assert.ok(!isLuhnValid(broken), broken);
        assert.ok(!isValidCardNumber(broken), broken);
      }
    });

    it("accepts single-space and single-hyphen grouping", () => {
      const rand = rng(22);
      const visa = makeCard(rand, "4", 16);
      assert.ok(isValidCardNumber(group(visa, [4, 4, 4, 4], " ")));
      assert.ok(isValidCardNumber(group(visa, [4, 4, 4, 4], "-")));
      const amex = makeCard(rand, "37", 15);
      assert.ok(isValidCardNumber(group(amex, [4, 6, 5], " ")));
      assert.ok(!isValidCardNumber(group(visa, [4, 4, 4, 4], "  ")));
      assert.ok(!isValidCardNumber(group(visa, [4, 4, 4, 4], ".")));
    });

    it("rejects wrong lengths, repeated digits and non-digits", () => {
      const rand = rng(23);
      assert.ok(!isValidCardNumber(makeCard(rand, "4", 12)));
      assert.ok(!isValidCardNumber(makeCard(rand, "4", 20)));
      assert.ok(!isValidCardNumber("0000000000000000"));
      assert.ok(!isValidCardNumber("4539 1488 0343 6468"));
      assert.ok(isValidCardNumber("4539 1488 0343 6467"));
      assert.ok(!isLuhnValid("4539a488"));
      assert.ok(!isLuhnValid(""));
    });
  });

  describe("mainlandIdCheckChar / isValidMainlandId", () => {
    it("agrees with an independent MOD 11-2 computation", () => {
      const rand = rng(31);
      for (let i = 0; i < 200; i++) {
        const first17 = "44" + digitsOf(rand, 15);
        assert.equal(mainlandIdCheckChar(first17), refMainlandCheck(first17));
      }
    });

    it("accepts generated ids, including an X check character", () => {
      const rand = rng(32);
      let sawX = false;
      for (let i = 0; i < 400; i++) {
        const id = makeMainland("110105", "19850214", digitsOf(rand, 3));
        assert.ok(isValidMainlandId(id), id);
        if (id.endsWith("X")) {
          sawX = true;
          assert.ok(isValidMainlandId(id.slice(0, 17) + "x"), "lower-case x");
        }
      }
      assert.ok(sawX);
      assert.ok(isValidMainlandId("440305198806121239"));
      assert.ok(!isValidMainlandId("110108199203045670"));
    });

    it("rejects impossible birth dates even with a correct checksum", () => {
      const nextYear = String(new Date().getFullYear() + 1);
      for (const birth of ["19900230", "19890229", "18991231", `${nextYear}0101`, "19901301", "19900100"]) {
        const id = makeMainland("310104", birth, "123");
        assert.ok(!isValidMainlandId(id), id);
      }
      assert.ok(isValidMainlandId(makeMainland("310104", "20000229", "123")), "leap day 2000");
    });

    it("rejects wrong shapes and a changed check character", () => {
      const id = makeMainland("440305", "19880612", "123");
      const wrong = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
      assert.ok(!isValidMainlandId(wrong));
      assert.ok(!isValidMainlandId(id.slice(1)));
      assert.ok(!isValidMainlandId(id + "1"));
      assert.ok(!isValidMainlandId("0" + id.slice(1, 17) + refMainlandCheck("0" + id.slice(1, 17))));
    });
  });

  describe("foldFullWidth", () => {
    it("maps full-width characters one to one", () => {
      const original = "（＋８５２）　９１２３－４５６７ ＡＢｃ＠";
      const folded = foldFullWidth(original);
      assert.equal(folded, "(+852) 9123-4567 ABc@");
      assert.equal(folded.length, original.length);
    });
  });

  describe("isHongKongPhone / isPersonalEmail", () => {
    it("answers for whole strings", () => {
      assert.ok(isHongKongPhone("+852 6123 4567"));
      assert.ok(isHongKongPhone("2345-6789"));
      assert.ok(!isHongKongPhone("10450012"));
      assert.ok(!isHongKongPhone("call 2345-6789"));
      assert.ok(isPersonalEmail("wong.siuming@yahoo.com.hk"));
      assert.ok(!isPersonalEmail("support@yahoo.com.hk"));
      assert.ok(!isPersonalEmail("wong@example.com"));
    });
  });
});

describe("findPersonalData", () => {
  describe("HKID", () => {
    it("finds generated HKIDs in prose with exact offsets", () => {
      const rand = rng(41);
      for (let i = 0; i < 50; i++) {
        const id = makeHkid(rand, i % 2 === 0 ? 1 : 2, i % 4 !== 0);
        const text = `Customer HKID: ${id}, verified.`;
        const matches = findPersonalData(text);
        assert.equal(matches.length, 1, text);
        assert.equal(matches[0].kind, "hkid");
        assert.equal(text.slice(matches[0].start, matches[0].end), id);
      }
    });

    it("ignores check-digit failures", () => {
      const rand = rng(42);
      for (let i = 0; i < 30; i++) {
        const bad = wrongHkid(makeHkid(rand, i % 2 === 0 ? 1 : 2));
        assert.deepEqual(found(`No. ${bad}.`), [], bad);
      }
      assert.deepEqual(found("HKID: C668234(4)."), []);
    });

    it("needs clean boundaries and upper-case letters", () => {
      assert.deepEqual(found("No. K381726(1)."), [["hkid", "K381726(1)"]]);
      assert.deepEqual(found("身份證K381726(1)號"), [["hkid", "K381726(1)"]]);
      assert.deepEqual(found("XK381726(1)"), []); // would be a two-letter id, and that one fails
      assert.deepEqual(found("K3817261234"), []);
      assert.deepEqual(found("k381726(1)"), []);
      assert.deepEqual(found("build-K3817261"), []);
      assert.deepEqual(found("K3817261-rc1"), []);
      assert.deepEqual(found("id_K3817261"), []);
    });

    it("folds full-width HKIDs and reports offsets in the original", () => {
      const text = "證件號碼：Ｋ３８１７２６（１）。";
      const m = findPersonalData(text);
      assert.equal(m.length, 1);
      assert.equal(m[0].kind, "hkid");
      assert.equal(text.slice(m[0].start, m[0].end), "Ｋ３８１７２６（１）");
    });
  });

  describe("phone numbers", () => {
    it("finds +852 / 852 numbers in the usual spellings", () => {
      for (const phone of [
        "+852 9123 4567",
        "+852-9123-4567",
        "+85291234567",
        "+852 91234567",
        "852 6123 4567",
        "(852) 2345 6789",
        "(+852) 5123-4567",
      ]) {
        assert.deepEqual(found(`Call ${phone} today`), [["phone", phone]], phone);
      }
    });

    it("finds eight-digit local numbers led by 2-9", () => {
      for (const lead of "23456789") {
        for (const phone of [`${lead}123 4567`, `${lead}123-4567`, `${lead}1234567`]) {
          assert.deepEqual(found(`tel ${phone}.`), [["phone", phone]], phone);
        }
      }
    });

    it("rejects numbers led by 0 or 1, wrong group sizes, and other country codes", () => {
      assert.deepEqual(found("Our reference numbers look like 10450012."), []);
      assert.deepEqual(found("0123 4567"), []);
      assert.deepEqual(found("912 34567"), []);
      assert.deepEqual(found("9123456"), []);
      assert.deepEqual(found("912345678"), []);
      assert.deepEqual(found("+86 2345 6789"), []);
      assert.deepEqual(found("+44-2345-6789"), []);
      assert.deepEqual(found("+8613812345678"), []);
      assert.deepEqual(found("+91234567"), []);
    });

    it("does not take pieces of model ids, dates, versions, decimals or longer numbers", () => {
      for (const text of [
        "claude-3-5-sonnet-20241022",
        "gpt-4o-2024-08-06",
        "20241022",
        "2024-10-22-1234",
        "2023-2024 season",
        "open 2100-2330 daily",
        "v2.91234567",
        "3.91234567",
        "91234567.5",
        "2345 6789 1234",
        "1 2345 6789",
        "order 91234567890",
        "https://cdn.test/img/91234567/x.png",
        "#23456789",
        "$29000000",
        "HK$ 30000000",
        "33554432",
        "99999999",
        "2222-2222",
      ]) {
        assert.deepEqual(kindsIn(text), [], text);
      }
    });

    it("accepts sentence punctuation and CJK neighbours", () => {
      assert.deepEqual(found("電話：９１２３４５６７。"), [["phone", "９１２３４５６７"]]);
      assert.deepEqual(found("Call 9123-4567."), [["phone", "9123-4567"]]);
      assert.deepEqual(found("(2345 6789)"), [["phone", "2345 6789"]]);
      assert.deepEqual(found("Tel:91234567"), [["phone", "91234567"]]);
    });

    it("treats an escape sequence in raw literal text as a separator", () => {
      assert.deepEqual(found("Patient:\\n+852 9123 4567\\tnext"), [["phone", "+852 9123 4567"]]);
      assert.deepEqual(found("line\\n91234567"), [["phone", "91234567"]]);
    });

    it("folds full-width digits, plus and ideographic space, keeping original offsets", () => {
      const text = "聯絡：＋８５２　９１２３　４５６７";
      const m = findPersonalData(text);
      assert.equal(m.length, 1);
      assert.equal(m[0].kind, "phone");
      assert.equal(m[0].start, 3);
      assert.equal(m[0].end, text.length);
    });
  });

  describe("e-mail addresses", () => {
    it("finds personal addresses", () => {
      for (const email of [
        "tai.man.chan@netvigator.com",
        "wong.siuming@yahoo.com.hk",
        "Chan_Tai-Man+hk@gmail.com",
        "a.lee@hku.hk",
        "mary@clinic.health",
      ]) {
        assert.deepEqual(found(`mail ${email} now`), [["email", email]], email);
      }
    });

    it("trims sentence punctuation and handles mailto: and brackets", () => {
      assert.deepEqual(found("write to chan@gmail.com."), [["email", "chan@gmail.com"]]);
      assert.deepEqual(found('<a href="mailto:chan@gmail.com">'), [["email", "chan@gmail.com"]]);
      assert.deepEqual(found("Ben <ben.lau@pccw.com>"), [["email", "ben.lau@pccw.com"]]);
      assert.deepEqual(found("電郵chan@gmail.com謝謝"), [["email", "chan@gmail.com"]]);
      assert.deepEqual(found("https://x.hk/form?email=chan@gmail.com"), [["email", "chan@gmail.com"]]);
    });

    it("skips RFC 2606 example domains", () => {
      for (const email of [
        "jane@example.com",
        "jane@example.net",
        "jane@example.org",
        "jane@mail.example.com",
        "jane@foo.example",
        "jane@shop.test",
        "jane@x.invalid",
        "jane@localhost",
        "jane@app.localhost",
        "jane@example.com.hk",
      ]) {
        assert.deepEqual(found(email), [], email);
      }
    });

    it("skips role and placeholder accounts", () => {
      for (const local of [
        "noreply", "no-reply", "support", "info", "admin", "contact", "hello", "sales", "help",
        "privacy", "dpo", "NoReply", "support+hk", "your.name", "user",
      ]) {
        assert.deepEqual(found(`${local}@acmebank.com.hk`), [], local);
      }
    });

    it("does not treat URL userinfo, package scopes, decorators or versions as e-mail", () => {
      for (const text of [
        "https://alice:s3cret@db.internal.com/x",
        "postgres://chan@db.acme.com:5432/app",
        "npm i @scope/pkg",
        "@app.route('/chat')",
        "@Component({ selector: 'x' })",
        "lodash@4.17.21",
        "@scope/pkg@1.2.3",
        "docker pull img@sha256:abc",
        "icon@2x.png",
        "y = a@b.T",
        "git@github.com:acme/app.git",
        "\"-cert-v01@openssh.com\"",
        "chan@gmail",
        "@gmail.com",
        "chan@@gmail.com",
        "chan..tai@gmail.com",
      ]) {
        assert.deepEqual(kindsIn(text), [], text);
      }
    });

    it("folds a full-width at-sign", () => {
      const text = "chan＠gmail.com";
      assert.deepEqual(findPersonalData(text), [{ start: 0, end: text.length, kind: "email" }]);
    });
  });

  describe("payment cards", () => {
    it("finds generated cards in the common groupings", () => {
      const rand = rng(51);
      const visa = makeCard(rand, "4", 16);
      const master = makeCard(rand, "52", 16);
      const amex = makeCard(rand, "34", 15);
      const unionPay = makeCard(rand, "62", 19);
      for (const card of [
        visa,
        group(visa, [4, 4, 4, 4], " "),
        group(master, [4, 4, 4, 4], "-"),
        group(amex, [4, 6, 5], " "),
        unionPay,
        group(unionPay, [4, 4, 4, 4, 3], " "),
        makeCard(rand, "4", 13),
      ]) {
        assert.deepEqual(found(`Card: ${card}, exp 09/27`), [["card", card]], card);
      }
    });

    it("rejects Luhn failures, longer numbers and mixed separators", () => {
      const rand = rng(52);
      const visa = makeCard(rand, "4", 16);
      const broken = visa.slice(0, -1) + String((Number(visa[15]) + 5) % 10);
      assert.deepEqual(found(group(broken, [4, 4, 4, 4], " ")), []);
      assert.deepEqual(found("4539 1488 0343 6468"), []);
      assert.ok(!found(`${visa}7`).some(([, text]) => text === visa));
      assert.deepEqual(found(`${group(visa, [4, 4, 4, 4], " ")} 1234`), []);
      assert.deepEqual(found(`9 ${group(visa, [4, 4, 4, 4], " ")}`), []);
      assert.deepEqual(kindsIn(`${visa.slice(0, 4)} ${visa.slice(4, 8)}-${visa.slice(8, 12)} ${visa.slice(12)}`), []);
    });

    it("skips ungrouped ids, timestamps and amounts", () => {
      const rand = rng(53);
      const led1 = makeCard(rand, "1", 16);
      assert.deepEqual(found(`id ${led1}`), []);
      assert.deepEqual(found("created 1718000000000"), []);
      assert.deepEqual(found("0000000000000000"), []);
      assert.deepEqual(found(`#${makeCard(rand, "4", 16)}`), []);
      assert.deepEqual(found(`ts-${makeCard(rand, "4", 16)}`), []);
    });

    it("reports a card once, not also as a phone number", () => {
      const rand = rng(54);
      let card = "";
      // Choose a card whose first eight digits would pass as a phone number on their own.
      do card = makeCard(rand, "5", 16);
      while (/^(\d)\1{5}/.test(card));
      const text = `Bank card front: ${group(card, [4, 4, 4, 4], " ")}`;
      assert.deepEqual(kindsIn(text), ["card"]);
    });
  });

  describe("mainland resident ID", () => {
    it("finds generated ids", () => {
      const rand = rng(61);
      for (let i = 0; i < 30; i++) {
        const id = makeMainland("440305", "19880612", digitsOf(rand, 3));
        assert.deepEqual(found(`Resident Identity Card ${id}, Shenzhen`), [["mainland-id", id]], id);
      }
    });

    it("ignores checksum and date failures and does not call them cards", () => {
      const id = makeMainland("440305", "19880612", "123");
      const bad = id.slice(0, 17) + (id[17] === "3" ? "4" : "3");
      assert.deepEqual(found(`ID ${bad}`), []);
      assert.deepEqual(found("Mainland ID: 110108199203045670."), []);
      assert.deepEqual(found(`ID ${makeMainland("440305", "19880230", "123")}`), []);
    });

    it("needs clean boundaries", () => {
      const id = makeMainland("110105", "19700101", "001");
      assert.deepEqual(found(`x${id}`), []);
      assert.ok(!kindsIn(`${id}9`).includes("mainland-id"));
      assert.ok(!kindsIn(`9${id}`).includes("mainland-id"));
      assert.deepEqual(found(`「${id}」`), [["mainland-id", id]]);
    });

    it("folds full-width digits", () => {
      const id = makeMainland("310104", "19991231", "456");
      const wide = [...id].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
      const text = `身份證號碼：${wide}`;
      const m = findPersonalData(text);
      assert.equal(m.length, 1);
      assert.equal(m[0].kind, "mainland-id");
      assert.equal(text.slice(m[0].start, m[0].end), wide);
    });
  });

  describe("mixed text", () => {
    it("reports every kind with offsets on the right line of a multi-line string", () => {
      const rand = rng(71);
      const hkid = makeHkid(rand, 1);
      const card = group(makeCard(rand, "4", 16), [4, 4, 4, 4], " ");
      const mainland = makeMainland("440305", "19900101", "888");
      const text = [
        "Applicant wrote: please contact me at",
        "+852 9123 4567 or tai.man.chan@netvigator.com from now on.",
        `HKID ${hkid}`,
        `card ${card}`,
        `mainland ${mainland}`,
        "Date of issue 05-06-18, born 1979-04-18, expiry 09/27.",
      ].join("\n");
      const matches = findPersonalData(text);
      assert.deepEqual(
        matches.map((m) => [m.kind, lineOf(text, m.start), text.slice(m.start, m.end)]),
        [
          ["phone", 2, "+852 9123 4567"],
          ["email", 2, "tai.man.chan@netvigator.com"],
          ["hkid", 3, hkid],
          ["card", 4, card],
          ["mainland-id", 5, mainland],
        ],
      );
    });

    it("returns sorted, non-overlapping matches", () => {
      const text = "a 9123 4567 b chan@gmail.com c K381726(1) d 2345-6789";
      const matches = findPersonalData(text);
      for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].end <= matches[i].start);
      assert.deepEqual(matches.map((m) => m.kind), ["phone", "email", "hkid", "phone"]);
    });

    it("stays silent on ordinary code and identifiers", () => {
      for (const text of [
        'model="claude-3-5-sonnet-20241022"',
        "550e8400-e29b-41d4-a716-446655440000",
        "a1234567-89ab-4def-8123-456789abcdef",
        "sha 3f786850e387550fdab836ed7e6dc881de23001b",
        "version 4.17.21 build 20240101",
        "2024-10-22T12:34:56Z",
        "192.168.100.200",
        "Date of issue 05-06-18.",
        "",
      ]) {
        assert.deepEqual(kindsIn(text), [], text);
      }
    });
  });

  describe("adversarial input finishes", () => {
    const big = (unit: string, times: number) => unit.repeat(times);

    it("handles long digit and separator runs", () => {
      assert.deepEqual(findPersonalData(big("1 ", 50000)), []);
      assert.deepEqual(findPersonalData(big("9", 100000)), []);
      assert.deepEqual(findPersonalData(big("1111 ", 20000)), []);
      assert.deepEqual(findPersonalData(big("2-", 50000)), []);
      assert.deepEqual(findPersonalData(big("9.", 50000)), []);
    });

    it("handles at-signs, dots and brackets", () => {
      assert.deepEqual(findPersonalData(big("a@", 50000)), []);
      assert.deepEqual(findPersonalData(big("a.", 50000) + "@" + big("b.", 50000)), []);
      assert.deepEqual(findPersonalData(big("(", 100000)), []);
      assert.deepEqual(findPersonalData(big("A1", 50000)), []);
      assert.deepEqual(findPersonalData(big("://a@", 20000)), []);
    });

    it("still finds real data in a long text", () => {
      const text = big("lorem ipsum ", 8000) + "call 9123 4567" + big(" dolor", 8000);
      assert.deepEqual(found(text), [["phone", "9123 4567"]]);
      const many = big("x 9123 4567, ", 5000);
      assert.equal(findPersonalData(many).length, 5000);
    });
  });
});
