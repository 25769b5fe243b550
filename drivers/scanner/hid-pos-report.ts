// One HID POS input report (USB HID POS usage page 0x8C, protocols.md §3), as node-hid gives it
// with the report id first:
//   [0] report id 0x02   [1] data length   [2..4] AIM symbology id (`]Q1` = QR)
//   [5..60] data (56 bytes)   [61..62] vendor bytes   [63] ≠ 0: more reports follow
// (protocols.md counts from the length byte, so its "byte 62" is [63] here.)
export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_LENGTH = 64;
export const HID_POS_DATA_CAPACITY = 56;
const DATA_AT = 5;
const MORE_AT = 63;

export interface HidPosReport {
  aim: string;
  data: Buffer;
  more: boolean;
}

export type ParsedReport =
  | { ok: true; report: HidPosReport }
  /** Another report of the device (not scanned data): ignored. */
  | { ok: false; other: true }
  | { ok: false; other: false; malformed: string };

export function parseHidPosReport(bytes: Buffer): ParsedReport {
  if (bytes.length === 0) return { ok: false, other: false, malformed: 'empty report' };
  if (bytes[0] !== HID_POS_REPORT_ID) return { ok: false, other: true };
  if (bytes.length < HID_POS_REPORT_LENGTH)
    return { ok: false, other: false, malformed: `short report (${bytes.length} bytes)` };
  const length = bytes[1] ?? 0;
  if (length > HID_POS_DATA_CAPACITY)
    return { ok: false, other: false, malformed: `data length ${length} > 56` };
  return {
    ok: true,
    report: {
      aim: bytes.subarray(2, DATA_AT).toString('latin1'),
      data: Buffer.from(bytes.subarray(DATA_AT, DATA_AT + length)),
      more: (bytes[MORE_AT] ?? 0) !== 0,
    },
  };
}
