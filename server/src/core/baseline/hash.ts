// FNV-1a, 64-bit, over the UTF-8 bytes of a string. The core stays free of
// node:crypto so the same fingerprints come out of the CLI, the language
// server and a browser; baselines need stability, not cryptographic strength.

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// The 64-bit FNV prime is 2^40 + 0x1b3: multiplying by it is "times 0x1b3, plus shift left by 40".
const PRIME_LOW_PART = 0x1b3;
const TWO_POW_32 = 0x100000000;

/** FNV-1a 64 of the UTF-8 encoding of `text`, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const mix = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // Two 32-bit halves keep every intermediate product below 2^53, so plain numbers stay exact.
    const low = lo * PRIME_LOW_PART;
    const carry = Math.floor(low / TWO_POW_32);
    hi = (hi * PRIME_LOW_PART + carry + ((lo << 8) >>> 0)) % TWO_POW_32;
    lo = low % TWO_POW_32;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) mix(code);
    else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    }
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}
