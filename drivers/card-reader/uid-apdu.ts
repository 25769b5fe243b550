// Reading a card's UID through PC/SC: the reader-level GET DATA pseudo-APDU `FF CA 00 00 00`
// (PC/SC part 3), answered by contactless readers with the UID and SW 90 00. A contact card,
// or a reader without the command, answers with an error status word instead.
export const GET_UID_APDU = Buffer.from([0xff, 0xca, 0x00, 0x00, 0x00]);
/** Le = 00 asks for up to 256 bytes, plus the two status bytes. */
export const GET_UID_RESPONSE_MAX = 258;

export type UidResponse = { ok: true; uid: string } | { ok: false; reason: string };

const hex = (b: Buffer) => b.toString('hex').toUpperCase();

export function parseUidResponse(response: Buffer): UidResponse {
  if (response.length < 2)
    return { ok: false, reason: `no status word (${response.length} bytes)` };
  const sw = hex(response.subarray(-2));
  const uid = response.subarray(0, -2);
  if (sw !== '9000') return { ok: false, reason: `card answered SW ${sw}` };
  // 4, 7 or 10 bytes for ISO 14443-A, 4 for B, 8 for FeliCa and ISO 15693.
  if (uid.length < 4 || uid.length > 10) return { ok: false, reason: `UID of ${uid.length} bytes` };
  return { ok: true, uid: hex(uid) };
}
