// The heartbeat's device section comes from each driver's diagnose(), and its body stays the
// contract's (collection-gateway.md, "Terminal heartbeat"): the same keys, nothing of the
// diagnosis beyond status, stacker and paper.
import { describe, expect, it } from 'vitest';
import type { BillAcceptorDiagnosis } from '../../drivers/bill-acceptor';
import type { CardReaderDiagnosis } from '../../drivers/card-reader';
import type { DeviceDiagnosis } from '../../drivers/diagnosis';
import type { PrinterDiagnosis } from '../../drivers/printer';
import type { ScannerDiagnosis } from '../../drivers/scanner';
import { Heartbeat } from '../../src/gateway/contract';
import { heartbeatBody } from '../../src/host/heartbeat-job';

const common: Omit<DeviceDiagnosis, 'kind' | 'driver' | 'status'> = {
  port: '/dev/ttyUSB0',
  model: 'a model',
  firmware: '1.0',
  detail: 'a detail',
  counters: { reconnects: 3, errors: 1 },
  events: [{ at: 1, level: 'error', text: 'something broke' }],
};

const acceptor: BillAcceptorDiagnosis = {
  ...common,
  kind: 'billAcceptor',
  driver: 'ssp',
  status: 'hardwareError',
  stacker: 'full',
};
const printer: PrinterDiagnosis = {
  ...common,
  kind: 'printer',
  driver: 'escpos',
  status: 'online',
  paper: 'low',
};
const scanner: ScannerDiagnosis = {
  ...common,
  kind: 'scanner',
  driver: 'hid-pos',
  status: 'offline',
};
const cardReader: CardReaderDiagnosis = {
  ...common,
  kind: 'cardReader',
  driver: 'pcsc',
  status: 'noDevice',
};

const money = {
  journal: { pendingSync: () => ({ count: 2, total: 40_000, oldestAt: null }) },
  cashBox: { contents: () => ({ notes: { '10000': 12, '5000': 3 }, total: 135_000 }) },
};

describe('the heartbeat body', () => {
  it('takes each device’s status (and stacker, paper) from diagnose(), in the contract’s shape', () => {
    const body = heartbeatBody({
      money,
      acceptor: { diagnose: () => acceptor },
      scanner: { diagnose: () => scanner },
      printer: { diagnose: () => printer },
      cardReader: { diagnose: () => cardReader },
      inService: true,
      now: Date.parse('2026-09-01T08:00:00Z'),
    });
    expect(body.devices).toEqual({
      billAcceptor: { status: 'hardwareError', stacker: 'full' },
      printer: { status: 'online', paper: 'low' },
      scanner: { status: 'offline' },
      cardReader: { status: 'noDevice' },
    });
    expect(Object.keys(body).sort()).toEqual([
      'at',
      'cashBox',
      'devices',
      'mode',
      'pendingSync',
      'version',
    ]);
    expect(body).toMatchObject({
      mode: 'in_service',
      cashBox: { notes: { '10000': 12, '5000': 3 }, total: 135_000 },
      pendingSync: { count: 2, total: 40_000, oldestAt: null },
    });
    expect(Heartbeat.parse(body)).toEqual(body);
    expect(JSON.stringify(body)).not.toContain('something broke');
  });

  it('reports a device that is not configured as noDevice', () => {
    const body = heartbeatBody({
      money,
      acceptor: { diagnose: () => ({ ...acceptor, status: 'online', stacker: 'ok' }) },
      scanner: null,
      printer: null,
      cardReader: null,
      inService: false,
      now: 0,
    });
    expect(body.mode).toBe('out_of_service');
    expect(body.devices).toEqual({
      billAcceptor: { status: 'online', stacker: 'ok' },
      printer: { status: 'noDevice' },
      scanner: { status: 'noDevice' },
      cardReader: { status: 'noDevice' },
    });
  });
});
