// The diagnostics screen's tests on their own: the acceptor test refused while a payment is
// open, scans by class and length only, a card by its last 4 digits, one test at a time.
import { describe, expect, it } from 'vitest';
import { DiagnosticTests, type DiagnosticTools } from '../../src/service/diagnostic-tests';

function rig(paymentOpen = false) {
  const calls: ('on' | 'off')[] = [];
  let tell: ((n: { value: number | null; outcome: 'returned' | 'stacked' }) => void) | null = null;
  const tools: DiagnosticTools = {
    acceptorTest(onNote) {
      calls.push(onNote ? 'on' : 'off');
      tell = onNote;
      return true;
    },
    scanClass: async (text) => (text.startsWith('SHWATER') ? 'bill' : 'unknown'),
  };
  const state = { paymentOpen };
  const tests = new DiagnosticTests({
    tools,
    paymentOpen: () => state.paymentOpen,
    changed: () => undefined,
    log: { warn: () => undefined },
  });
  return { tests, calls, state, note: (v: number) => tell?.({ value: v, outcome: 'returned' }) };
}

describe('diagnostics tests', () => {
  it('refuses the acceptor test while a payment is open, never touching the acceptor', () => {
    const r = rig(true);
    expect(r.tests.set('acceptor', true)).toBe(false);
    expect(r.tests.view()).toMatchObject({ running: null, problem: 'paymentOpen' });
    expect(r.calls).toEqual([]);
  });

  it('lists each note handed back, and ends the acceptor test on leaving', () => {
    const r = rig();
    expect(r.tests.set('acceptor', true)).toBe(true);
    r.note(10000);
    r.note(500);
    expect(r.tests.view().notes.map((n) => n.value)).toEqual([10000, 500]);
    r.tests.reset();
    expect(r.calls).toEqual(['on', 'off']);
    expect(r.tests.view()).toMatchObject({ running: null, notes: [] });
  });

  it('shows a scan by class and length, never its text', async () => {
    const r = rig();
    expect(r.tests.scanned('SHWATER:210012345')).toBe(false); // no test: not taken
    r.tests.set('scanner', true);
    expect(r.tests.scanned('SHWATER:210012345')).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(r.tests.view().scans).toEqual([{ kind: 'bill', length: 17 }]);
    expect(JSON.stringify(r.tests.view())).not.toContain('210012345');
  });

  it('shows the next card by its last 4 hex digits and kind, once', () => {
    const r = rig();
    expect(r.tests.cardRead('04a1b2c3d49c1f', 'account')).toBe(false);
    r.tests.set('card', true);
    expect(r.tests.cardRead('04a1b2c3d49c1f', 'account')).toBe(true);
    expect(r.tests.view().card).toEqual({ last4: '9C1F', kind: 'account' });
    expect(r.tests.cardRead('04a1b2c3d40000', 'staff')).toBe(false);
    expect(JSON.stringify(r.tests.view())).not.toContain('A1B2');
  });

  it('one test at a time: starting the scanner test ends the acceptor test', () => {
    const r = rig();
    r.tests.set('acceptor', true);
    r.tests.set('scanner', true);
    expect(r.calls).toEqual(['on', 'off']);
    expect(r.tests.view().running).toBe('scanner');
    r.tests.set('voice', true);
    expect(r.tests.view()).toMatchObject({ running: 'scanner', voiceTest: 1 });
  });
});
