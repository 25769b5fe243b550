// DLE EOT 1–4 replies (protocols.md §2) into the device model.
import { describe, expect, it } from 'vitest';
import { decodeStatus, toPrinterStatus } from '../../drivers/printer/escpos/status';
import type { PrinterStatus } from '../../drivers/printer/printer';

const IDLE = [0x12, 0x12, 0x12, 0x12];

function status(replies: number[]): PrinterStatus {
  const d = decodeStatus(replies);
  if (!d.ok) throw new Error(d.reason);
  return toPrinterStatus(d.flags);
}

describe('DLE EOT replies', () => {
  it('reads idle (0x12 ×4) as online with paper', () => {
    expect(status(IDLE)).toEqual({
      device: 'online',
      paper: 'full',
      coverOpen: false,
      cutterError: false,
      detail: null,
    });
  });

  it('decodes every bit of §2', () => {
    const flags = (replies: number[]) => {
      const d = decodeStatus(replies);
      if (!d.ok) throw new Error(d.reason);
      return Object.entries(d.flags)
        .filter(([, on]) => on)
        .map(([name]) => name);
    };
    expect(flags([0x1a, 0x12, 0x12, 0x12])).toEqual(['offline']);
    expect(flags([0x92, 0x12, 0x12, 0x12])).toEqual(['paperNotTaken']);
    expect(flags([0x12, 0x16, 0x12, 0x12])).toEqual(['coverOpen']);
    expect(flags([0x12, 0x32, 0x12, 0x12])).toEqual(['paperEndStop']);
    expect(flags([0x12, 0x52, 0x12, 0x12])).toEqual(['error']);
    expect(flags([0x12, 0x12, 0x1a, 0x12])).toEqual(['cutterError']);
    expect(flags([0x12, 0x12, 0x32, 0x12])).toEqual(['unrecoverable']);
    expect(flags([0x12, 0x12, 0x52, 0x12])).toEqual(['headTemperature']);
    expect(flags([0x12, 0x12, 0x12, 0x1e])).toEqual(['nearEnd']);
    expect(flags([0x12, 0x12, 0x12, 0x72])).toEqual(['paperEnd']);
  });

  it('maps paper near end to low, still online', () => {
    expect(status([0x12, 0x12, 0x12, 0x1e])).toMatchObject({
      device: 'online',
      paper: 'low',
      detail: 'paper near end',
    });
  });

  it('maps paper end (with the offline and stop bits it brings) to out, a user error', () => {
    expect(status([0x1a, 0x32, 0x12, 0x7e])).toMatchObject({
      device: 'userError',
      paper: 'out',
      detail: 'paper out',
    });
  });

  it('maps an open cover to a user error', () => {
    expect(status([0x1a, 0x16, 0x12, 0x12])).toMatchObject({
      device: 'userError',
      coverOpen: true,
      paper: 'full',
      detail: 'cover open',
    });
  });

  it('maps a cutter error to a hardware error with the paper jammed', () => {
    expect(status([0x1a, 0x52, 0x1a, 0x12])).toMatchObject({
      device: 'hardwareError',
      cutterError: true,
      paper: 'jammed',
      detail: 'cutter error',
    });
  });

  it('maps unrecoverable and head-temperature errors to hardware errors', () => {
    expect(status([0x1a, 0x52, 0x32, 0x12]).device).toBe('hardwareError');
    expect(status([0x1a, 0x52, 0x52, 0x12]).detail).toBe('print head too hot');
  });

  it('maps the offline bit alone to offline', () => {
    expect(status([0x1a, 0x12, 0x12, 0x12])).toMatchObject({
      device: 'offline',
      detail: 'offline',
    });
  });

  it('rejects replies that break the always-1 bits', () => {
    for (const bad of [0x00, 0x02, 0x10, 0xff & ~0x02, 0x100, -1]) {
      const d = decodeStatus([0x12, bad, 0x12, 0x12]);
      expect(d.ok, `0x${bad.toString(16)}`).toBe(false);
    }
    expect(decodeStatus([0x12, 0x00, 0x12, 0x12])).toEqual({
      ok: false,
      reason: 'malformed DLE EOT 2 reply 0x00',
    });
    expect(decodeStatus([0x12, 0x12, 0x12]).ok).toBe(false);
  });
});
