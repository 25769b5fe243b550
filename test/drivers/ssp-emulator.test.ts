// The emulator alone, byte for byte: the device behaviour the driver tests rely on.
import { describe, it, expect } from 'vitest';
import { SspFrameParser, encodeFrame } from '../../drivers/bill-acceptor/ssp/frame';
import { SspEmulator } from '../../sim/devices/ssp-emulator';
import type { SspEmulatorOptions } from '../../sim/devices/ssp-emulator';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const show = (b: Buffer | undefined): string => (b ? b.toString('hex').toUpperCase() : 'none');

/** Drives the emulator as a host would, one command at a time, SEQ toggling. */
function host(options: SspEmulatorOptions = {}) {
  const emu = new SspEmulator(options);
  const parser = new SspFrameParser();
  const chunks: Buffer[] = [];
  const replies: { seq: number; data: Buffer }[] = [];
  emu.onTransmit((bytes) => {
    chunks.push(bytes);
    replies.push(...parser.push(bytes));
  });
  const notes = { stacked: [] as number[], returned: [] as number[], credited: [] as number[] };
  emu.events.on('stacked', (v) => notes.stacked.push(v));
  emu.events.on('returned', (v) => notes.returned.push(v));
  emu.events.on('credited', (v) => notes.credited.push(v));
  let seq = 0x80;
  /** Sends a command (new SEQ unless `again`) and returns the reply data as hex. */
  const cmd = (data: string, again = false): string => {
    if (!again) seq = data === '11' ? 0x80 : seq ^ 0x80;
    const before = replies.length;
    emu.receive(encodeFrame(seq, hex(data)));
    const reply = replies[before];
    if (reply && reply.seq !== seq) throw new Error('reply with the wrong SEQ');
    return replies.length > before ? show(reply?.data) : 'none';
  };
  const poll = (again = false): string => cmd('07', again);
  /** SYNC, protocol 6, all six channels, enabled; the power-up events polled away. */
  const ready = (): void => {
    cmd('11');
    cmd('06 06');
    cmd('02 3F 00');
    cmd('0A');
    poll();
  };
  return { emu, cmd, poll, ready, notes, chunks, replies };
}

describe('SspEmulator: the line', () => {
  it('answers with the command’s SEQ; the first POLL after power-up reports a reset, disabled', () => {
    const h = host();
    expect(h.cmd('11')).toBe('F0');
    expect(h.poll()).toBe('F0F1E8');
    expect(h.poll()).toBe('F0E8');
  });

  it('repeats its last reply, unexecuted, to a command with the same SEQ', () => {
    const h = host();
    h.ready();
    h.emu.insertNote(2000);
    expect(h.poll()).toBe('F0EF00');
    expect(h.poll()).toBe('F0EF04');
    expect(h.poll()).toBe('F0CC'); // accepted
    expect(h.poll()).toBe('F0EE04CC');
    expect(h.poll(true)).toBe('F0EE04CC'); // our reply was lost: asked again
    expect(h.poll(true)).toBe('F0EE04CC');
    expect(h.notes.credited).toEqual([2000]); // reported once, however often repeated
    expect(h.poll()).toBe('F0EB');
    expect(h.poll()).toBe('F0');
    expect(h.notes.stacked).toEqual([2000]);
    expect(h.emu.counters()).toEqual({ stacked: 1, byValue: { 2000: 1 } });
  });

  it('answers unknown commands, bad parameters, and ignores other device addresses', () => {
    const h = host();
    expect(h.cmd('11')).toBe('F0');
    expect(h.cmd('4A 01 02')).toBe('F2'); // eSSP key exchange: not emulated
    expect(h.cmd('06')).toBe('F3');
    expect(h.cmd('06 09')).toBe('F8');
    expect(h.cmd('02 01')).toBe('F3');
    const before = h.replies.length;
    h.emu.receive(encodeFrame(0x81, hex('07')));
    expect(h.replies.length).toBe(before);
  });

  it('line faults: corrupt CRCs, silence, split and merged frames', () => {
    const h = host();
    h.emu.line.badCrcFrames = 2;
    h.cmd('11');
    h.cmd('11');
    expect(h.cmd('11')).toBe('F0');
    expect(h.chunks).toHaveLength(3);
    expect(h.replies).toHaveLength(1); // the first two failed their CRC

    h.emu.line.silent = true;
    expect(h.cmd('11')).toBe('none');

    h.emu.line.silent = false;
    h.emu.line.mergeFrames = true;
    expect(h.cmd('11')).toBe('none'); // held back…
    expect(h.cmd('11', true)).toBe('F0'); // …and sent with the next
    expect(h.chunks.at(-1)?.length).toBe(12);
  });
});

describe('SspEmulator: escrow', () => {
  it('holds a note while HOLD comes within 10 s, and rejects it 10 s after the last one', () => {
    let now = 0;
    const h = host({ clock: () => now });
    h.ready();
    h.emu.insertNote(10000);
    h.poll();
    expect(h.poll()).toBe('F0EF06');
    for (let i = 0; i < 5; i++) {
      now += 9_000;
      expect(h.cmd('18')).toBe('F0'); // 45 s in escrow, held
    }
    expect(h.emu.state).toBe('escrow');
    now += 10_000;
    expect(h.cmd('18')).toBe('F5'); // too late: it is on its way back
    expect(h.poll()).toBe('F0ED');
    expect(h.poll()).toBe('F0EC');
    expect(h.cmd('17')).toBe('F013'); // escrow timeout
    expect(h.notes).toEqual({ stacked: [], returned: [10000], credited: [] });
  });

  it('REJECT hands the note back (reason: host); with nothing in escrow it cannot be processed', () => {
    const h = host();
    h.ready();
    expect(h.cmd('08')).toBe('F5');
    expect(h.cmd('18')).toBe('F5');
    h.emu.insertNote(500);
    h.poll();
    h.poll();
    expect(h.cmd('08')).toBe('F0');
    expect(h.poll()).toBe('F0ED');
    expect(h.poll()).toBe('F0EC');
    expect(h.cmd('17')).toBe('F008');
    expect(h.notes.returned).toEqual([500]);
  });

  it('rejectNext: read, then rejected with the given code', () => {
    const h = host();
    h.ready();
    h.emu.rejectNext(0x1c);
    h.emu.insertNote(5000);
    expect([h.poll(), h.poll(), h.poll()]).toEqual(['F0EF00', 'F0ED', 'F0EC']);
    expect(h.cmd('17')).toBe('F01C');
    expect(() => h.emu.rejectNext(0)).toThrow(RangeError);
  });

  it('takes notes only when enabled, idle, and on an enabled channel', () => {
    const h = host();
    h.cmd('11');
    expect(h.emu.insertNote(100)).toBe(false); // disabled
    h.cmd('02 04 00'); // channel 3 only
    h.cmd('0A');
    expect(h.emu.insertNote(100)).toBe(false);
    expect(h.emu.insertNote(1234)).toBe(false);
    expect(h.emu.insertNote(1000)).toBe(true);
    expect(h.emu.insertNote(1000)).toBe(false); // busy
  });
});

describe('SspEmulator: faults and power', () => {
  it('reports each fault on every POLL until cleared; FAIL to everything but SYNC', () => {
    const h = host();
    h.ready();
    const seen: Record<string, string> = {};
    for (const fault of ['jamInAcceptor', 'jamInStacker', 'stackerFull', 'cheated'] as const) {
      h.emu.setFault(fault);
      seen[fault] = h.poll();
      expect(h.poll()).toBe(seen[fault]);
      expect(h.emu.insertNote(100)).toBe(false);
    }
    expect(seen).toEqual({
      jamInAcceptor: 'F0E9',
      jamInStacker: 'F0EA',
      stackerFull: 'F0E7',
      cheated: 'F0E600',
    });
    h.emu.setFault('stackerOpen');
    expect(h.poll()).toBe('F0E3');
    h.emu.setFault(null);
    expect(h.poll()).toBe('F0E4'); // cash box replaced, once
    expect(h.poll()).toBe('F0');
    h.emu.setFault('failure');
    expect(h.poll()).toBe('F8');
    expect(h.cmd('05')).toBe('F8');
    expect(h.cmd('11')).toBe('F0');
  });

  it('a fault clearing hands back a note in escrow, and boxes one caught stacking uncredited', () => {
    const h = host();
    h.ready();
    h.emu.insertNote(100);
    h.poll();
    h.poll(); // escrow
    h.emu.setFault('jamInAcceptor');
    expect(h.cmd('18')).toBe('F5');
    h.emu.setFault(null);
    expect([h.poll(), h.poll()]).toEqual(['F0ED', 'F0EC']);
    h.emu.insertNote(500);
    h.poll();
    h.poll();
    expect(h.poll()).toBe('F0CC'); // accepted, stacking
    h.emu.setFault('jamInStacker');
    expect(h.poll()).toBe('F0EA');
    h.emu.setFault(null);
    expect(h.poll()).toBe('F0');
    expect(h.notes).toEqual({ stacked: [500], returned: [100], credited: [] });
  });

  it('power lost in escrow: silent; at power-up the note is cleared from the front', () => {
    const h = host();
    h.ready();
    h.emu.powerLoss('inEscrow');
    h.emu.insertNote(5000);
    h.poll();
    expect(h.poll()).toBe('F0EF05');
    expect(h.emu.state).toBe('off');
    expect(h.cmd('18')).toBe('none');
    h.emu.powerOn();
    expect(h.notes.returned).toEqual([5000]);
    expect(h.cmd('18', true)).toBe('F5'); // a fresh device answers even the repeated SEQ
    expect(h.poll()).toBe('F0F1E105E8');
  });

  it('power lost while stacking: at power-up it is cleared into the box and counted', () => {
    const h = host();
    h.ready();
    h.emu.powerLoss('whileStacking');
    h.emu.insertNote(2000);
    h.poll();
    h.poll();
    expect(h.poll()).toBe('F0CC');
    expect(h.emu.state).toBe('off');
    h.emu.powerOn();
    expect(h.poll()).toBe('F0F1E204E8');
    expect(h.notes).toEqual({ stacked: [2000], returned: [], credited: [] });
    expect(h.emu.counters().stacked).toBe(1);
  });

  it('power on withdraws a cut armed for a later point: the next note goes through', () => {
    const h = host();
    h.ready();
    h.emu.powerLoss('whileStacking');
    h.emu.powerOn(); // the power never went: it stays on
    h.emu.insertNote(2000);
    for (let i = 0; i < 6; i++) h.poll();
    expect(h.emu.state).not.toBe('off');
    expect(h.notes).toEqual({ stacked: [2000], returned: [], credited: [2000] });
  });

  it('GET COUNTERS and RESET COUNTERS', () => {
    const h = host();
    h.ready();
    for (const fen of [100, 100, 10000]) {
      h.emu.insertNote(fen);
      for (let i = 0; i < 5; i++) h.poll();
    }
    h.emu.rejectNext();
    h.emu.insertNote(100);
    for (let i = 0; i < 3; i++) h.poll();
    expect(h.cmd('58')).toBe('F0' + '05' + '03000000' + '00000000'.repeat(3) + '01000000');
    expect(h.emu.counters()).toEqual({ stacked: 3, byValue: { 100: 2, 10000: 1 } });
    expect(h.cmd('59')).toBe('F0');
    expect(h.cmd('58')).toBe('F005' + '00000000'.repeat(5));
    expect(h.emu.counters().stacked).toBe(0);
  });
});
