// The ESC/POS driver against the emulator over the real serialport stack: status around every
// job, refusals with reasons, mid-job faults reported as failed (never printed twice), copies
// marked, reconnection after the cable comes back.
import { describe, expect, it } from 'vitest';
import { documentText, markCopy } from '../../drivers/printer/document';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { PrinterEmulator, type PrinterFault } from '../../sim/devices/printer-emulator';
import { printerRig, sampleDocument, sleep, waitFor } from './printer-rig';

describe('the ESC/POS printer driver', () => {
  it('prints a job: status before and after, the paper reads as the document', async () => {
    const rig = printerRig();
    await rig.printer.start();
    expect(rig.printer.status).toMatchObject({ device: 'online', paper: 'full' });
    const job = rig.printer.print(sampleDocument());
    const outcome = await job.done;
    expect(outcome).toMatchObject({ jobId: job.id, result: 'printed', copy: false });
    expect(rig.emulator.receipts).toHaveLength(1);
    expect(rig.emulator.receipts[0]?.lines).toEqual(documentText(sampleDocument()));
    expect(rig.jobsSent()).toBe(1);
  });

  it('prints jobs one at a time, in order, each with its own id', async () => {
    const rig = printerRig();
    await rig.printer.start();
    const docs = ['一', '二', '三'].map((t) => ({
      ...sampleDocument(),
      ops: [{ op: 'text' as const, text: t }],
    }));
    const jobs = docs.map((d) => rig.printer.print(d));
    const outcomes = await Promise.all(jobs.map((j) => j.done));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(3);
    expect(outcomes.map((o) => o.result)).toEqual(['printed', 'printed', 'printed']);
    expect(rig.emulator.receipts.map((r) => r.lines)).toEqual([['一'], ['二'], ['三']]);
  });

  const before: [PrinterFault, string, RegExp][] = [
    ['paperOut', 'paperOut', /paper out/],
    ['coverOpen', 'coverOpen', /cover open/],
    ['cutterError', 'cutterError', /cutter error/],
    ['offline', 'offline', /no reply to DLE EOT 1/],
  ];
  for (const [fault, failure, reason] of before) {
    it(`refuses a job when the printer reports ${fault}, and sends nothing`, async () => {
      const rig = printerRig();
      await rig.printer.start();
      rig.emulator.inject(fault);
      const outcome = await rig.printer.print(sampleDocument()).done;
      expect(outcome).toMatchObject({ result: 'failed', failure, partial: false });
      if (outcome.result === 'failed') expect(outcome.reason).toMatch(reason);
      expect(rig.jobsSent()).toBe(0);
      expect(rig.emulator.receipts).toHaveLength(0);
    });
  }

  it('refuses a job when the status replies are malformed', async () => {
    const rig = printerRig();
    await rig.printer.start();
    rig.emulator.garbledStatus = true;
    const outcome = await rig.printer.print(sampleDocument()).done;
    expect(outcome).toMatchObject({ result: 'failed', failure: 'offline', partial: false });
    expect(rig.printer.status.detail).toBe('malformed DLE EOT 1 reply 0x00');
    expect(rig.jobsSent()).toBe(0);
  });

  it('prints on a roll near its end and reports the paper low, so staff can be warned', async () => {
    const rig = printerRig();
    await rig.printer.start();
    rig.emulator.inject('nearEnd');
    const outcome = await rig.printer.print(sampleDocument()).done;
    expect(outcome).toMatchObject({
      result: 'printed',
      status: { device: 'online', paper: 'low' },
    });
    expect(rig.statuses.at(-1)?.paper).toBe('low');
  });

  it('reports paper running low during a job after the job, which still printed', async () => {
    const rig = printerRig();
    await rig.printer.start();
    rig.emulator.injectAfterRows(2, 'nearEnd');
    const outcome = await rig.printer.print(sampleDocument()).done;
    expect(outcome).toMatchObject({ result: 'printed', status: { paper: 'low' } });
    expect(rig.emulator.receipts[0]?.complete).toBe(true);
  });

  const midJob: [PrinterFault, string][] = [
    ['paperOut', 'paperOut'],
    ['coverOpen', 'coverOpen'],
    ['cutterError', 'cutterError'],
    ['offline', 'offline'],
  ];
  for (const [fault, failure] of midJob) {
    it(`fails a job hit by ${fault} mid-way as partial, and never prints it again`, async () => {
      const rig = printerRig();
      await rig.printer.start();
      rig.emulator.injectAfterRows(2, fault);
      const outcome = await rig.printer.print(sampleDocument()).done;
      expect(outcome).toMatchObject({ result: 'failed', failure, partial: true });
      if (outcome.result === 'failed') expect(outcome.reason).toMatch(/may be incomplete/);
      expect(rig.emulator.receipts.map((r) => r.complete)).toEqual([false]);
      expect(rig.emulator.receipts[0]?.lines).toEqual(['缴费凭证', '户号 3100****56']);
      // The fault is cleared: the driver still does not send the job again by itself.
      rig.emulator.repair();
      await sleep(100);
      expect(rig.jobsSent()).toBe(1);
    });
  }

  it('reprints as an explicit copy with the copy mark on top', async () => {
    const rig = printerRig();
    await rig.printer.start();
    await rig.printer.print(sampleDocument()).done;
    const outcome = await rig.printer.reprint(sampleDocument()).done;
    expect(outcome).toMatchObject({ result: 'printed', copy: true });
    expect(rig.emulator.receipts[1]?.lines).toEqual([
      '重印 / 副本 COPY',
      ...documentText(sampleDocument()),
    ]);
    // A document already marked is not marked twice.
    await rig.printer.reprint(markCopy(sampleDocument())).done;
    expect(rig.emulator.receipts[2]?.lines).toEqual(rig.emulator.receipts[1]?.lines);
  });

  it('refuses a document laid out for other paper, or one it cannot encode', async () => {
    const rig = printerRig(58);
    await rig.printer.start();
    const wrong = await rig.printer.print(sampleDocument(80)).done;
    expect(wrong).toMatchObject({ result: 'failed', failure: 'wrongPaper', partial: false });
    const bad = sampleDocument(58);
    bad.ops.push({ op: 'qr', data: 'x', moduleSize: 40, ec: 'L' });
    const invalid = await rig.printer.print(bad).done;
    expect(invalid).toMatchObject({ result: 'failed', failure: 'invalidDocument' });
    expect(rig.jobsSent()).toBe(0);
  });

  it('goes offline when the cable is pulled and comes back on its own', async () => {
    const rig = printerRig(80, { pollIntervalMs: 20 });
    await rig.printer.start();
    rig.cable.plugged = false;
    await waitFor('offline', () => rig.printer.status.device === 'offline');
    const failed = await rig.printer.print(sampleDocument()).done;
    expect(failed).toMatchObject({ result: 'failed', failure: 'offline', partial: false });
    rig.cable.plugged = true;
    await waitFor('online again', () => rig.printer.status.device === 'online');
    expect(await rig.printer.print(sampleDocument()).done).toMatchObject({ result: 'printed' });
    expect(rig.emulator.receipts).toHaveLength(1);
  });

  it('watches the status while idle and tells listeners of each change', async () => {
    const rig = printerRig(80, { pollIntervalMs: 20 });
    await rig.printer.start();
    rig.emulator.inject('paperOut');
    await waitFor('paper out', () => rig.printer.status.paper === 'out');
    rig.emulator.repair();
    await waitFor('paper back', () => rig.printer.status.paper === 'full');
    expect(rig.statuses.map((s) => s.paper)).toEqual(['full', 'out', 'full']);
  });

  it('never throws into the host: a throwing listener, a stopped driver', async () => {
    const rig = printerRig();
    rig.printer.onStatus(() => {
      throw new Error('listener bug');
    });
    await rig.printer.start();
    expect(await rig.printer.print(sampleDocument()).done).toMatchObject({ result: 'printed' });
    await rig.printer.stop();
    expect(await rig.printer.print(sampleDocument()).done).toMatchObject({
      result: 'failed',
      failure: 'stopped',
    });
  });
});

describe('the status line', () => {
  it('lets a late reply pass before asking again, so replies never shift', async () => {
    const emulator = new PrinterEmulator(80);
    emulator.inject('nearEnd');
    let slowOnce = true;
    let send: (b: Buffer) => void = () => undefined;
    const path = 'sim://printer-slow-line';
    const binding = createEmulatorBinding({
      [path]: {
        receive(bytes) {
          if (slowOnce && bytes.equals(Buffer.from([0x10, 0x04, 0x02]))) {
            slowOnce = false;
            // Answers DLE EOT 2 after the driver has given up on it.
            setTimeout(() => send(Buffer.from([emulator.statusByte(2)])), 90);
            return;
          }
          emulator.receive(bytes);
        },
        onTransmit(cb) {
          send = cb;
          emulator.onTransmit(cb);
        },
      },
    });
    const printer = new EscPosPrinter({
      port: { path },
      binding,
      paper: 80,
      responseTimeoutMs: 60,
      pollIntervalMs: 0,
      afterJobWaitMs: 0,
    });
    try {
      await printer.start();
      expect(printer.status).toMatchObject({ device: 'offline', detail: 'no reply to DLE EOT 2' });
      const outcome = await printer.print(sampleDocument()).done;
      expect(outcome).toMatchObject({ result: 'printed', status: { paper: 'low' } });
    } finally {
      await printer.stop();
    }
  });
});
