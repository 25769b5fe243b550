// diagnose() of the ESC/POS printer, through the emulator: who and where, the status and paper,
// the jobs and bytes it counted, failures, faults and reconnects in its events, a bounded ring.
import { describe, expect, it } from 'vitest';
import type { ReceiptPrinter } from '../../drivers/printer/printer';
import { printerRig, sampleDocument, sleep } from './printer-rig';

describe('ESC/POS diagnose()', () => {
  it('reports the driver, its port and status; ESC/POS reports no model or firmware', async () => {
    const rig = printerRig();
    const printer: ReceiptPrinter = rig.printer;
    await printer.start();
    expect(printer.diagnose()).toMatchObject({
      kind: 'printer',
      driver: 'escpos',
      port: expect.stringMatching(/^sim:\/\/printer-rig-\d+$/),
      model: null,
      firmware: null,
      status: 'online',
      paper: 'full',
      detail: null,
      counters: { jobs: 0, printed: 0, failed: 0, bytesPrinted: 0, reconnects: 0 },
    });
  });

  it('counts jobs printed, copies and bytes, and jobs that failed', async () => {
    const rig = printerRig();
    await rig.printer.start();
    const printed = await rig.printer.print(sampleDocument()).done;
    const copy = await rig.printer.reprint(sampleDocument()).done;
    expect([printed.result, copy.result]).toEqual(['printed', 'printed']);
    rig.emulator.inject('paperOut');
    const failed = await rig.printer.print(sampleDocument()).done;
    expect(failed).toMatchObject({ result: 'failed', failure: 'paperOut' });
    const d = rig.printer.diagnose();
    expect(d).toMatchObject({ status: 'userError', paper: 'out', detail: 'paper out' });
    expect(d.counters).toMatchObject({ jobs: 3, printed: 2, copies: 1, failed: 1, faults: 1 });
    expect(d.counters.bytesPrinted).toBeGreaterThan(200);
    const texts = d.events.map((e) => e.text);
    expect(texts.filter((t) => /^job printed \(\d+ bytes\)$/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /^job printed \(\d+ bytes, a copy\)$/.test(t))).toHaveLength(1);
    expect(d.events.slice(-2)).toEqual([
      expect.objectContaining({ level: 'warn', text: 'userError: paper out' }),
      expect.objectContaining({ level: 'warn', text: 'job failed, paperOut: paper out' }),
    ]);
  });

  it('never puts a document’s text in an event, even when it cannot be encoded', async () => {
    const rig = printerRig();
    await rig.printer.start();
    const doc = sampleDocument();
    doc.ops.push({ op: 'qr', data: 'x'.repeat(8000), moduleSize: 6, ec: 'M' });
    const outcome = await rig.printer.print(doc).done;
    expect(outcome).toMatchObject({ result: 'failed', failure: 'invalidDocument' });
    const d = rig.printer.diagnose();
    expect(d.events.at(-1)).toMatchObject({ text: 'job failed, invalidDocument' });
    expect(JSON.stringify(d)).not.toMatch(/x{10}|3100/);
  });

  it('counts a reconnect after the cable was pulled', async () => {
    const rig = printerRig();
    await rig.printer.start();
    rig.cable.plugged = false;
    await rig.printer.print(sampleDocument()).done;
    expect(rig.printer.status.device).toBe('offline');
    rig.cable.plugged = true;
    // The port reopens on the next job once its backoff (20–40 ms) has run out.
    let result = 'failed';
    for (let i = 0; result !== 'printed' && i < 50; i++) {
      result = (await rig.printer.print(sampleDocument()).done).result;
      if (result !== 'printed') await sleep(10);
    }
    expect(result).toBe('printed');
    const d = rig.printer.diagnose();
    expect(d.counters.reconnects).toBe(1);
    expect(d.events.map((e) => e.text)).toContain('online again (reconnected)');
  });

  it('keeps the last 20 events, newest last', async () => {
    const rig = printerRig();
    await rig.printer.start();
    const sizes: number[] = [];
    for (let i = 1; i <= 25; i++) {
      const doc = sampleDocument();
      doc.ops.push({ op: 'text', text: 'x'.repeat(i) }); // a different size each: no folding
      await rig.printer.print(doc).done;
      sizes.push(rig.printer.diagnose().counters.bytesPrinted ?? 0);
    }
    const { events, counters } = rig.printer.diagnose();
    expect(counters.printed).toBe(25);
    expect(events).toHaveLength(20);
    const last = (sizes[24] ?? 0) - (sizes[23] ?? 0);
    expect(events.at(-1)?.text).toBe(`job printed (${last} bytes)`);
    expect(events.every((e) => e.text.startsWith('job printed'))).toBe(true);
  });
});
