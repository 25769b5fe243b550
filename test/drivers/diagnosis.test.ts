// The pieces every driver's diagnose() is built from: the bounded event ring and the history
// that turns status changes into events and counts reconnects, faults, warnings and errors.
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_EVENTS, DeviceHistory, EventRing, deviceText } from '../../drivers/diagnosis';

describe('EventRing', () => {
  it('keeps the last 20 events, oldest first, newest last', () => {
    let now = 1_000;
    const ring = new EventRing(DIAGNOSIS_EVENTS, () => now++);
    for (let i = 1; i <= 45; i++) ring.add(i % 2 ? 'info' : 'warn', `event ${i}`);
    const events = ring.list();
    expect(DIAGNOSIS_EVENTS).toBe(20);
    expect(events).toHaveLength(20);
    expect(events[0]).toEqual({ at: 1_025, level: 'warn', text: 'event 26' });
    expect(events.at(-1)).toEqual({ at: 1_044, level: 'info', text: 'event 45' });
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('folds a repeat of the newest event into it, with its count and latest time', () => {
    let now = 0;
    const ring = new EventRing(3, () => (now += 10));
    ring.add('warn', 'cannot open port');
    ring.add('warn', 'cannot open port');
    ring.add('warn', 'cannot open port');
    ring.add('info', 'online');
    ring.add('warn', 'cannot open port');
    expect(ring.list()).toEqual([
      { at: 30, level: 'warn', text: 'cannot open port (×3)' },
      { at: 40, level: 'info', text: 'online' },
      { at: 50, level: 'warn', text: 'cannot open port' },
    ]);
  });

  it('hands out copies', () => {
    const ring = new EventRing();
    ring.add('info', 'a');
    const [first] = ring.list();
    if (first) first.text = 'changed';
    expect(ring.list()[0]?.text).toBe('a');
  });
});

describe('DeviceHistory', () => {
  it('records status changes and counts reconnects and faults, not the first time online', () => {
    const h = new DeviceHistory(['scans']);
    h.started();
    h.status('offline', 'starting');
    h.status('online', null);
    h.status('online', null); // no change: nothing recorded
    h.status('hardwareError', 'stacker jam');
    h.status('online', null);
    h.status('offline', 'port closed');
    h.status('busy', 'starting');
    h.status('online', null);
    expect(h.counters()).toEqual({ scans: 0, reconnects: 1, faults: 1, warnings: 2, errors: 1 });
    expect(h.events.list().map((e) => [e.level, e.text])).toEqual([
      ['warn', 'offline: starting'],
      ['info', 'online'],
      ['error', 'hardwareError: stacker jam'],
      ['info', 'online'],
      ['warn', 'offline: port closed'],
      ['info', 'busy: starting'],
      ['info', 'online again (reconnected)'],
    ]);
  });

  it('does not take a restart for a reconnect', () => {
    const h = new DeviceHistory();
    h.started();
    h.status('online', null);
    h.status('offline', 'stopped');
    h.started();
    h.status('online', null);
    expect(h.counters().reconnects).toBe(0);
  });

  it('records the warnings and errors logged through it, by message only', () => {
    const logged: string[] = [];
    const h = new DeviceHistory();
    const log = h.logger({
      info: (_o, msg) => logged.push(`info ${msg}`),
      warn: (_o, msg) => logged.push(`warn ${msg}`),
    });
    log.info({ path: '/dev/ttyUSB0' }, 'port open');
    log.warn({ err: new Error('EACCES') }, 'cannot open port');
    log.error({ value: 10_000 }, 'credit failed');
    // A logger without error() gets errors as warnings.
    expect(logged).toEqual(['info port open', 'warn cannot open port', 'warn credit failed']);
    expect(h.events.list().map((e) => `${e.level} ${e.text}`)).toEqual([
      'warn cannot open port',
      'error credit failed',
    ]);
    expect(h.counters()).toMatchObject({ warnings: 1, errors: 1 });
  });

  it('counts a driver’s own counters from 0', () => {
    const h = new DeviceHistory(['jobs', 'bytesPrinted']);
    h.count('jobs');
    h.count('bytesPrinted', 1200);
    h.count('copies');
    expect(h.counters()).toMatchObject({ jobs: 1, bytesPrinted: 1200, copies: 1 });
  });
});

describe('deviceText', () => {
  it('makes what a device sent printable, trimmed and bounded', () => {
    expect(deviceText('0420')).toBe('0420');
    expect(deviceText('NV9\u0000\u0007 ')).toBe('NV9??');
    expect(deviceText('   ')).toBeNull();
    expect(deviceText('x'.repeat(100), 10)).toBe('x'.repeat(10));
  });
});
