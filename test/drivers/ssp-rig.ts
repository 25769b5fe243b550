// Driver ↔ real SerialPortStream ↔ emulator binding ↔ SSP emulator, with taps on both
// directions so tests can count frames, see SEQ bits, and push garbage either way.
import { afterEach } from 'vitest';
import type {
  BillAcceptorHandlers,
  EscrowDecision,
  StrayNote,
} from '../../drivers/bill-acceptor/bill-acceptor';
import type { DriverLogger } from '../../drivers/bill-acceptor/common/driver-logger';
import { SspFrameParser } from '../../drivers/bill-acceptor/ssp/frame';
import type { SspFrame } from '../../drivers/bill-acceptor/ssp/frame';
import { SspBillAcceptor } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import type { SspOptions } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { SspEmulator } from '../../sim/devices/ssp-emulator';
import type { SspEmulatorOptions } from '../../sim/devices/ssp-emulator';

export const CNY_FEN = [100, 500, 1000, 2000, 5000, 10000];

let rigs = 0;
const running: SspBillAcceptor[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(3);
  }
}

/** Logs kept for assertions (reject reasons, stray notes). */
export function memoryLogger() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push({ level, msg, obj });
    };
  const logger: DriverLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

export interface RigOptions {
  emulator?: SspEmulatorOptions;
  driver?: Partial<SspOptions>;
  /** Wait for the driver to come online (default true). */
  online?: boolean;
}

export async function startRig(o: RigOptions = {}) {
  const emulator = new SspEmulator(o.emulator);
  const path = `sim://ssp-${++rigs}`;
  /** Host → device frames, parsed independently of the driver. */
  const sent: SspFrame[] = [];
  const tap = new SspFrameParser();
  const toHost = new Set<(bytes: Buffer) => void>();
  const binding = createEmulatorBinding({
    [path]: {
      receive: (bytes) => {
        sent.push(...tap.push(bytes));
        emulator.receive(bytes);
      },
      onTransmit: (cb) => {
        toHost.add(cb);
        emulator.onTransmit(cb);
      },
    },
  });
  const notes = { stacked: [] as number[], returned: [] as number[], credited: [] as number[] };
  emulator.events.on('stacked', (v) => notes.stacked.push(v));
  emulator.events.on('returned', (v) => notes.returned.push(v));
  emulator.events.on('credited', (v) => notes.credited.push(v));
  const log = memoryLogger();
  const driver = new SspBillAcceptor({
    port: { path },
    binding,
    pollIntervalMs: 5,
    responseTimeoutMs: 40,
    retries: 3,
    reconnectMinMs: 10,
    reconnectMaxMs: 40,
    logger: log.logger,
    ...o.driver,
  });
  running.push(driver);
  const strays: StrayNote[] = [];
  driver.onStrayNote((note) => {
    strays.push(note);
  });
  await driver.start();
  if (o.online !== false) await waitFor('online', () => driver.status.device === 'online');
  return {
    emulator,
    driver,
    path,
    binding,
    notes,
    strays,
    log,
    /** Commands the host sent, by command byte. */
    commands: () => sent.map((f) => f.data[0] ?? -1),
    sent,
    /** Bytes straight to the driver, as line noise would arrive. */
    toHost: (bytes: Buffer) => toHost.forEach((cb) => cb(bytes)),
  };
}

export type Rig = Awaited<ReturnType<typeof startRig>>;

/** Handlers that record every call; onEscrow answers `decision` (or waits on a promise). */
export function recorder(
  decision: EscrowDecision | (() => Promise<EscrowDecision>),
  onCredit: (value: number) => Promise<void> = async () => {},
) {
  const calls = {
    escrow: [] as number[],
    credit: [] as number[],
    returned: [] as (number | null)[],
    uncertain: [] as { value: number; reason: string; inBox: boolean }[],
  };
  const handlers: BillAcceptorHandlers = {
    onEscrow: async (value) => {
      calls.escrow.push(value);
      return typeof decision === 'function' ? decision() : decision;
    },
    onCredit: async (value) => {
      calls.credit.push(value);
      await onCredit(value);
    },
    onReturned: (value) => calls.returned.push(value),
    onUncertain: (value, reason, inBox) => calls.uncertain.push({ value, reason, inBox }),
  };
  return { calls, handlers };
}

/** A promise the test settles by hand. */
export function gate<T>() {
  let settle: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (settle = r));
  return { promise, settle };
}

/** Enables all CNY notes and waits until the emulator takes them. */
export async function enableAll(rig: Rig, handlers: BillAcceptorHandlers): Promise<void> {
  rig.driver.enable(CNY_FEN, handlers);
  await waitFor('idle', () => rig.emulator.state === 'idle');
}
