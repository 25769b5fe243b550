// Text for a printer in Chinese mode: GB18030 bytes, but only its one- and two-byte part (GBK),
// which is what the printer's font holds. Four-byte sequences (¥ U+00A5 → 81 30 84 36, •) would
// print as garbage, so a few are mapped to GBK look-alikes and anything else outside GBK is
// replaced (or refused). Control characters never reach the printer as text: inside a line
// they would be commands (10 04 is DLE EOT).
import iconv from 'iconv-lite';

/** Characters outside GBK with a GBK stand-in that reads the same on a receipt. */
const STAND_INS: Readonly<Record<string, string>> = {
  '¥': '￥', // U+00A5 → U+FFE5 (A3 A4)
  '•': '·', // U+2022 → U+00B7 (A1 A4)
  '‧': '·',
  '∙': '·',
};

export const REPLACEMENT = '?';

export interface EncodedText {
  bytes: Buffer;
  /** Characters that had neither a GBK code nor a stand-in, in order (each became `?`). */
  replaced: string[];
}

/** True when the character prints from a GBK font: one or two bytes in GB18030. */
export function isGbk(ch: string): boolean {
  return iconv.encode(ch, 'gb18030').length <= 2;
}

/** The character's GBK bytes, after stand-ins; null when it has none. */
function gbkBytes(ch: string): Buffer | null {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return Buffer.from(' ');
  const bytes = iconv.encode(STAND_INS[ch] ?? ch, 'gb18030');
  return bytes.length <= 2 ? bytes : null;
}

/**
 * Encodes text for the printer. Control characters become spaces; characters outside GBK
 * become `?` and are listed in `replaced`, or, with `strict`, throw a RangeError naming them.
 */
export function encodeGbk(text: string, strict = false): EncodedText {
  const parts: Buffer[] = [];
  const replaced: string[] = [];
  for (const ch of text) {
    const bytes = gbkBytes(ch);
    if (bytes) {
      parts.push(bytes);
      continue;
    }
    if (strict) {
      const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase();
      throw new RangeError(`character ${ch} (U+${code}) is outside GBK and has no stand-in`);
    }
    replaced.push(ch);
    parts.push(Buffer.from(REPLACEMENT));
  }
  return { bytes: Buffer.concat(parts), replaced };
}

/** The text a printer in Chinese mode shows for GB18030 bytes. */
export function decodeGb(bytes: Buffer): string {
  return iconv.decode(bytes, 'gb18030');
}
