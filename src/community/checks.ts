// Checks of what a resident types or scans at the community service point, for the screens to
// refuse at once and for the room to refuse again before anything is journalled: the unified
// social credit code (统一社会信用代码, GB 32100-2015) with its check character, a mainland mobile
// number and its last four digits, the gateway's tracking codes, and the text of the QR on an
// application receipt. Pure functions, no Node: the renderer could use them as they are.

/** GB 32100 characters: digits and capitals without I, O, Z, S and V (31 of them). */
export const TAX_ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Position weights of the check character: 3^i mod 31 for the 17 positions before it. */
const TAX_ID_WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));

export type TaxIdProblem =
  /** Not 18 characters. */
  | 'length'
  /** A character outside the code's alphabet (I, O, Z, S, V, lower case after trimming…). */
  | 'character'
  /** Positions 3 to 8 are the administrative division code: digits only. */
  | 'division'
  /** The 18th character is not the one the first 17 give. */
  | 'check_character';

/** The code as the resident meant it: spaces taken out, letters in capitals. */
export function normalizeTaxId(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase();
}

/** The check character of the first 17 characters, or null when one is outside the alphabet. */
export function taxIdCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = TAX_ID_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (TAX_ID_WEIGHTS[i] ?? 0);
  }
  return TAX_ID_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * What is wrong with a unified social credit code (already normalized), or null when it is a
 * well-formed code whose check character is right. The organisation code inside it (positions
 * 9 to 17, GB 11714) is not checked on its own: GB 32100's check character covers it.
 */
export function taxIdProblem(code: string): TaxIdProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!TAX_ID_ALPHABET.includes(ch)) return 'character';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  return taxIdCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check_character';
}

export function isTaxId(code: string): boolean {
  return taxIdProblem(code) === null;
}

/** A mainland mobile number: 11 digits, 1 then 3–9. */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** The last four digits of a mobile number (what a progress lookup asks for). */
export function phoneLast4(phone: string): string {
  return phone.slice(-4);
}

export function isPhoneLast4(text: string): boolean {
  return /^\d{4}$/.test(text);
}

/** 13800138000 → 138****8000, as the gateway shows a contact. */
export function maskMobile(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/**
 * The gateway's tracking code as typed on the kiosk keypad (digits and capitals): spaces and
 * dashes dropped, capitals, then the dash after the fourth character (K7QH2M9D → K7QH-2M9D).
 */
export function normalizeTrackingCode(typed: string): string {
  const bare = typed.replace(/[\s-]+/g, '').toUpperCase();
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

/** Four and four digits or capitals, e.g. K7QH-2M9D (the contract's form). */
export function isTrackingCode(code: string): boolean {
  return /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code);
}

/** The serial of an application, an invoice request or a notice: TERMINAL-YYYYMMDD-NNNNNN. */
export function isSubmissionSerial(serial: string): boolean {
  return /^[A-Z0-9-]{4,32}-\d{8}-\d{6}$/.test(serial);
}

/** What the QR on an application receipt says: the application's serial, behind a prefix. */
export const APPLICATION_QR_PREFIX = 'KIOSK-APP:';

export function applicationQrText(serial: string): string {
  return `${APPLICATION_QR_PREFIX}${serial}`;
}

/** The serial an application receipt's QR names, or null for any other scan. */
export function applicationSerialOfScan(text: string): string | null {
  const t = text.trim();
  if (!t.startsWith(APPLICATION_QR_PREFIX)) return null;
  const serial = t.slice(APPLICATION_QR_PREFIX.length);
  return isSubmissionSerial(serial) ? serial : null;
}
