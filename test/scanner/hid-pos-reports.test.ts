// The emulator's report bytes against the layout in protocols.md §3, and the driver's parser
// and reassembly over them.
import { describe, expect, it } from 'vitest';
import { HidPosAssembler } from '../../drivers/scanner/hid-pos-assembler';
import { parseHidPosReport } from '../../drivers/scanner/hid-pos-report';
import { hidPosReports } from '../../sim/devices/hid-scanner-emulator';

describe('the emulated HID POS reports', () => {
  it('lay out one short scan as a single 64-byte report', () => {
    const [report, ...rest] = hidPosReports('SGCC:3100123456');
    expect(rest).toEqual([]);
    const expected = Buffer.alloc(64);
    expected.set([0x02, 15, 0x5d, 0x51, 0x31], 0); // id, length, "]Q1"
    expected.write('SGCC:3100123456', 5, 'latin1');
    expect(report).toEqual(expected);
  });

  it('split a long scan in 56-byte pieces, all but the last flagged "more"', () => {
    const reports = hidPosReports('x'.repeat(120), ']C0');
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [56, 1],
      [8, 0],
    ]);
    expect(reports[1]?.subarray(2, 5).toString()).toBe(']C0');
  });
});

describe('parseHidPosReport', () => {
  it('reads length, AIM id, data and the "more" flag', () => {
    const [first] = hidPosReports('y'.repeat(60));
    expect(parseHidPosReport(first ?? Buffer.alloc(0))).toEqual({
      ok: true,
      report: { aim: ']Q1', data: Buffer.from('y'.repeat(56)), more: true },
    });
  });

  it('ignores other report ids and rejects short or impossible reports', () => {
    expect(parseHidPosReport(Buffer.from([0x04, 1, 2, 3]))).toEqual({ ok: false, other: true });
    expect(parseHidPosReport(Buffer.alloc(0))).toMatchObject({ malformed: 'empty report' });
    expect(parseHidPosReport(Buffer.from([0x02, 3, 0x5d, 0x51, 0x31, 0x41]))).toMatchObject({
      malformed: 'short report (6 bytes)',
    });
    const tooLong = Buffer.alloc(64);
    tooLong.set([0x02, 57]);
    expect(parseHidPosReport(tooLong)).toMatchObject({ malformed: 'data length 57 > 56' });
  });
});

describe('HidPosAssembler', () => {
  it('joins the bytes before decoding, so a character split across reports survives', () => {
    // 55 ASCII bytes, then 电 (3 bytes in UTF-8) straddles the 56-byte boundary.
    const text = `${'a'.repeat(55)}电费账单`;
    const reports = hidPosReports(text);
    expect(reports).toHaveLength(2);
    const a = new HidPosAssembler();
    expect(a.push(reports[0] ?? Buffer.alloc(0))).toBeNull();
    expect(a.push(reports[1] ?? Buffer.alloc(0))).toEqual({ aim: ']Q1', text });
    expect(a.stats).toMatchObject({ reports: 2, scans: 1, badUtf8: 0 });
  });

  it('drops a stale unfinished scan and starts afresh', () => {
    let now = 0;
    const a = new HidPosAssembler({ partialTimeoutMs: 500, monotonic: () => now });
    const [first] = hidPosReports('z'.repeat(70));
    a.push(first ?? Buffer.alloc(0));
    now = 2000;
    expect(a.push(hidPosReports('SGCC:3100123456')[0] ?? Buffer.alloc(0))).toEqual({
      aim: ']Q1',
      text: 'SGCC:3100123456',
    });
    expect(a.stats.partialsDropped).toBe(1);
  });

  it('drops a scan over maxBytes once, and reads the next', () => {
    const a = new HidPosAssembler({ maxBytes: 100 });
    for (const r of hidPosReports('w'.repeat(300))) expect(a.push(r)).toBeNull();
    expect(a.stats.overLong).toBe(1);
    expect(a.push(hidPosReports('ok')[0] ?? Buffer.alloc(0))).toMatchObject({ text: 'ok' });
  });

  it('decodes invalid UTF-8 with U+FFFD and counts it', () => {
    const a = new HidPosAssembler();
    const gbk = Buffer.from([0xb5, 0xe7, 0xb7, 0xd1]); // 电费 in GBK
    expect(a.push(hidPosReports(gbk)[0] ?? Buffer.alloc(0))?.text).toContain('\ufffd');
    expect(a.stats.badUtf8).toBe(1);
  });
});
