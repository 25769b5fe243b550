// The emulator on its own, driven frame by frame: what each scripted fault puts on the wire.
import { describe, it, expect } from 'vitest';
import { FrameParser, encodeFrame } from '../../drivers/bill-acceptor/id003/frame';
import type { Frame } from '../../drivers/bill-acceptor/id003/frame';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import type { Id003EmulatorOptions } from '../../sim/devices/id003-emulator';
import type { AcceptorFault } from '../../sim/devices/acceptor-emulator';
import { sleep } from './id003-rig';

const STATUS_REQ = 0x11;

/** An emulator with a host that speaks to it frame by frame. */
function bench(o: Id003EmulatorOptions = {}) {
  const em = new Id003Emulator(o);
  const parser = new FrameParser();
  const chunks: Buffer[] = [];
  const frames: Frame[] = [];
  const events: string[] = [];
  em.onTransmit((b) => {
    chunks.push(b);
    frames.push(...parser.push(b));
  });
  for (const e of ['stacked', 'returned', 'credited'] as const) {
    em.events.on(e, (v) => events.push(`${e} ${v}`));
  }
  const send = (cmd: number, data: number[] = []): Frame | undefined => {
    const before = frames.length;
    em.receive(encodeFrame(cmd, Buffer.from(data)));
    return frames.length > before ? frames[frames.length - 1] : undefined;
  };
  const poll = (): number | undefined => send(STATUS_REQ)?.cmd;
  /** Polls until the status is `code`; returns how many polls that took. */
  const pollUntil = (code: number, max = 100): number => {
    for (let n = 1; n <= max; n++) if (poll() === code) return n;
    throw new Error(`status 0x${code.toString(16)} never came`);
  };
  /** Power up, RESET, settings, inhibit off: idling. */
  const boot = (): void => {
    expect(poll()).toBe(0x40);
    send(0x40);
    send(0xc0, [0, 0]);
    send(0xc3, [0]);
    pollUntil(0x11);
  };
  /** A note from insertion to escrow. */
  const toEscrow = (fen: number): void => {
    expect(em.insertNote(fen)).toBe(true);
    pollUntil(0x13);
  };
  return { em, send, poll, pollUntil, boot, toEscrow, chunks, frames, events, parser };
}

describe('Id003Emulator', () => {
  it('knows its denominations and counts what reaches the box', () => {
    const b = bench();
    expect(b.em.protocol).toBe('id003');
    expect(b.em.denominations).toEqual([100, 500, 1000, 2000, 5000, 10000]);
    b.boot();
    b.toEscrow(2000);
    b.send(0x41);
    b.pollUntil(0x15);
    b.send(0x50);
    b.pollUntil(0x11);
    expect(b.events).toEqual(['credited 2000', 'stacked 2000']);
    expect(b.em.counters()).toEqual({ stacked: 1, byValue: { 2000: 1 } });
  });

  it('reports VEND VALID until ACKed, but counts one credit', () => {
    const b = bench();
    b.boot();
    b.toEscrow(500);
    b.send(0x41);
    b.pollUntil(0x15);
    expect([b.poll(), b.poll()]).toEqual([0x15, 0x15]);
    expect(b.events).toEqual(['credited 500']);
  });

  it.each([0x71, 0x75, 0x7e])('rejects the next note with reason 0x%s', (reason) => {
    const b = bench();
    b.boot();
    b.em.rejectNext(reason);
    expect(b.em.insertNote(1000)).toBe(true);
    b.pollUntil(0x17);
    expect(b.frames.at(-1)?.data).toEqual(Buffer.from([reason]));
    b.pollUntil(0x11);
    expect(b.events).toEqual(['returned 1000']);
    b.toEscrow(1000); // only the next one
  });

  it('refuses reject reasons outside 0x71–0x7E', () => {
    const b = bench();
    expect(() => b.em.rejectNext(0x70)).toThrow(RangeError);
    expect(() => b.em.rejectNext(0x7f)).toThrow(RangeError);
  });

  const faults: [AcceptorFault, number, number[]][] = [
    ['jamInAcceptor', 0x45, []],
    ['jamInStacker', 0x46, []],
    ['stackerFull', 0x43, []],
    ['stackerOpen', 0x44, []],
    ['cheated', 0x48, []],
    ['failure', 0x49, [0xa2]],
  ];

  it.each(faults)('reports %s as 0x%s and refuses notes until cleared', (fault, code, data) => {
    const b = bench();
    b.boot();
    b.em.setFault(fault);
    expect(b.poll()).toBe(code);
    expect(b.frames.at(-1)?.data).toEqual(Buffer.from(data));
    expect(b.em.insertNote(100)).toBe(false);
    b.em.setFault(null);
    expect(b.poll()).toBe(0x11);
    expect(b.em.insertNote(100)).toBe(true);
  });

  it('keeps an escrowed note through a jam, refuses STACK, then hands it back', () => {
    const b = bench();
    b.boot();
    b.toEscrow(5000);
    b.em.setFault('jamInAcceptor');
    for (let i = 0; i < 60; i++) expect(b.poll()).toBe(0x45); // time stands still
    expect(b.send(0x41)?.cmd).toBe(0x4b);
    b.em.setFault(null);
    b.pollUntil(0x18);
    b.pollUntil(0x11);
    expect(b.events).toEqual(['returned 5000']);
    expect(b.em.counters().stacked).toBe(0);
  });

  it('a jam while stacking leaves the note uncertain: into the box, never credited', () => {
    const b = bench();
    b.boot();
    b.toEscrow(10000);
    b.send(0x41);
    expect(b.poll()).toBe(0x14);
    b.em.setFault('jamInStacker');
    expect(b.poll()).toBe(0x46);
    expect(b.em.state).toBe('stacking');
    b.em.setFault(null);
    expect(b.poll()).toBe(0x11);
    expect(b.events).toEqual(['stacked 10000']);
    expect(b.em.counters().stacked).toBe(1);
  });

  it('returns an escrowed note by itself after the hold time; HOLD restarts it', () => {
    const b = bench({ holdPolls: 5 });
    b.boot();
    b.toEscrow(1000);
    for (let i = 0; i < 3; i++) b.poll();
    expect(b.send(0x44)?.cmd).toBe(0x50);
    expect(b.pollUntil(0x18)).toBe(6); // 5 polls HOLDING (0x19), then RETURNING
    expect(b.frames.filter((f) => f.cmd === 0x19)).toHaveLength(5);
    b.pollUntil(0x11);
    expect(b.events).toEqual(['returned 1000']);
  });

  it('powers up with 41 after a cut in escrow: RESET hands the note back', () => {
    const b = bench();
    b.boot();
    b.em.powerLoss('inEscrow');
    expect(b.em.insertNote(2000)).toBe(true);
    b.pollUntil(0x13);
    expect(b.em.state).toBe('off');
    expect(b.poll()).toBeUndefined(); // silent
    b.em.powerOn();
    expect(b.poll()).toBe(0x41);
    expect(b.send(0x40)?.cmd).toBe(0x50);
    expect(b.events).toEqual(['returned 2000']);
  });

  it('powers up with 42 after a cut while stacking: RESET stacks it, uncredited', () => {
    const b = bench();
    b.boot();
    b.em.powerLoss('whileStacking');
    b.toEscrow(5000);
    b.send(0x41);
    expect(b.poll()).toBe(0x14);
    expect(b.poll()).toBeUndefined();
    b.em.powerOn();
    expect([b.poll(), b.poll()]).toEqual([0x42, 0x42]);
    b.send(0x40);
    expect(b.events).toEqual(['stacked 5000']);
    expect(b.em.counters()).toEqual({ stacked: 1, byValue: { 5000: 1 } });
  });

  it('power on withdraws a cut armed for a later point: the next note goes through', () => {
    const b = bench();
    b.boot();
    b.em.powerLoss('inEscrow');
    b.em.powerOn(); // the power never went: it stays on
    b.toEscrow(2000);
    expect(b.em.state).toBe('escrow');
    expect(b.poll()).toBe(0x13);
    b.send(0x41);
    b.pollUntil(0x15);
    b.send(0x50);
    b.pollUntil(0x11);
    expect(b.events).toEqual(['credited 2000', 'stacked 2000']);
  });

  it('powers up with 40 when nothing was inside', () => {
    const b = bench();
    b.boot();
    b.em.powerLoss('now');
    b.em.powerOn();
    expect(b.poll()).toBe(0x40);
  });

  it('line: corrupts the CRC of exactly n frames', () => {
    const b = bench();
    b.em.line.badCrcFrames = 2;
    expect([b.poll(), b.poll(), b.poll()]).toEqual([undefined, undefined, 0x40]);
    expect(b.parser.stats.crcErrors).toBe(2);
    expect(b.em.line.badCrcFrames).toBe(0);
  });

  it('line: silent hears and says nothing, and time stands still', () => {
    const b = bench();
    b.boot();
    b.toEscrow(100);
    b.em.line.silent = true;
    for (let i = 0; i < 100; i++) expect(b.poll()).toBeUndefined();
    b.em.line.silent = false;
    expect(b.poll()).toBe(0x13);
  });

  it('line: holds a frame back and sends it with the next one', () => {
    const b = bench();
    b.em.line.mergeFrames = true;
    expect(b.poll()).toBeUndefined();
    b.poll();
    expect(b.chunks).toHaveLength(1);
    expect(b.frames.map((f) => f.cmd)).toEqual([0x40, 0x40]);
  });

  it('line: sends a frame in two writes, a little apart', async () => {
    const b = bench();
    b.em.line.splitFrames = true;
    b.poll();
    expect(b.chunks).toHaveLength(1);
    expect(b.frames).toEqual([]);
    await sleep(20);
    expect(b.chunks).toHaveLength(2);
    expect(b.frames.map((f) => f.cmd)).toEqual([0x40]);
  });
});
