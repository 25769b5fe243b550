// Test rig for the ID-003 driver: driver ↔ real SerialPortStream ↔ emulator binding ↔ emulator,
// with taps on both directions, a cable that can be pulled, garbage injection, and recorders
// for the host's handlers and stray notes.
import { afterEach } from 'vitest';
import type {
  BillAcceptorHandlers,
  EscrowDecision,
  StrayNote,
} from '../../drivers/bill-acceptor/bill-acceptor';
import { FrameParser } from '../../drivers/bill-acceptor/id003/frame';
import type { Frame } from '../../drivers/bill-acceptor/id003/frame';
import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';
import type { Id003Options } from '../../drivers/bill-acceptor/id003/id003-driver';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import type { Id003EmulatorOptions } from '../../sim/devices/id003-emulator';
import { sleep, waitUntil, withPullableCable } from '../support/pullable-cable';

export const CNY_FEN = [100, 500, 1000, 2000, 5000, 10000];
export const ACK = 0x50;
export const HOLD = 0x44;

const running = new Set<Id003BillAcceptor>();
afterEach(async () => {
  await Promise.all([...running].map((d) => d.stop()));
  running.clear();
});

export { sleep };

export function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  return waitUntil(what, check, timeoutMs);
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
}

let rigs = 0;

export interface RigOptions {
  emulator?: Id003EmulatorOptions;
  driver?: Partial<Omit<Id003Options, 'port' | 'binding'>>;
}

/** Driver and emulator wired up; the driver is not started (see startRig). */
export function buildRig(o: RigOptions = {}) {
  const emulator = new Id003Emulator({ holdPolls: 50, ...o.emulator });
  const path = `sim://id003-rig-${++rigs}`;
  const hostFrames: Frame[] = [];
  const hostWrites: Buffer[] = [];
  const hostTap = new FrameParser();
  const replyTap = new FrameParser();
  const replyChunks: Buffer[] = [];
  const onReply = new Map<number, () => void>();
  let toHost: (bytes: Buffer) => void = () => {};
  const { binding, cable } = withPullableCable(
    createEmulatorBinding({
      [path]: {
        receive: (bytes) => {
          hostWrites.push(Buffer.from(bytes));
          hostFrames.push(...hostTap.push(bytes));
          emulator.receive(bytes);
        },
        onTransmit: (cb) => {
          toHost = cb;
          emulator.onTransmit((bytes) => {
            replyChunks.push(Buffer.from(bytes));
            for (const f of replyTap.push(bytes)) {
              const hook = onReply.get(f.cmd);
              onReply.delete(f.cmd);
              hook?.();
            }
            cb(bytes);
          });
        },
      },
    }),
  );
  const seen = { stacked: [] as number[], returned: [] as number[], credited: [] as number[] };
  emulator.events.on('stacked', (v) => seen.stacked.push(v));
  emulator.events.on('returned', (v) => seen.returned.push(v));
  emulator.events.on('credited', (v) => seen.credited.push(v));
  const logs: LogLine[] = [];
  const logger = {
    info: (_o: object, msg: string) => logs.push({ level: 'info', msg }),
    warn: (_o: object, msg: string) => logs.push({ level: 'warn', msg }),
    error: (_o: object, msg: string) => logs.push({ level: 'error', msg }),
  };
  const newDriver = (): Id003BillAcceptor => {
    const driver = new Id003BillAcceptor({
      port: { path },
      binding,
      pollIntervalMs: 10,
      responseTimeoutMs: 80,
      holdRefreshMs: 100,
      reconnectMinMs: 20,
      reconnectMaxMs: 80,
      logger,
      ...o.driver,
    });
    running.add(driver);
    return driver;
  };
  return {
    emulator,
    path,
    cable,
    logs,
    seen,
    /** Commands the host sent, in order, and its raw writes. */
    hostCommands: () => hostFrames.map((f) => f.cmd),
    hostWrites,
    /** What the emulator put on the wire, chunk by chunk, and how a reader parses it. */
    replyChunks,
    replyStats: replyTap.stats,
    /** Runs `fn` synchronously when the emulator next sends a frame with this code. */
    onReply: (code: number, fn: () => void) => onReply.set(code, fn),
    /** Bytes that reach the host as if from the acceptor. */
    injectGarbage: (bytes: Buffer) => toHost(bytes),
    newDriver,
  };
}

export type Rig = ReturnType<typeof buildRig> & { driver: Id003BillAcceptor };

/** A started driver, online, with the table read. */
export async function startRig(o: RigOptions = {}): Promise<Rig> {
  const rig = buildRig(o);
  const driver = rig.newDriver();
  await driver.start();
  await waitFor('online', () => driver.status.device === 'online');
  return { ...rig, driver };
}

/** The driver is back to normal: online, no note in escrow, the acceptor idling. */
export async function settled(rig: Rig, timeoutMs = 5000): Promise<void> {
  await waitFor(
    'online and idle',
    () =>
      rig.driver.status.device === 'online' &&
      rig.driver.status.escrow === null &&
      rig.emulator.state === 'idling',
    timeoutMs,
  );
}

export interface HostCalls {
  escrow: number[];
  credit: number[];
  returned: (number | null)[];
  uncertain: { value: number; reason: string; inBox: boolean }[];
}

/** Handlers that record every call. `decide` may be slow or never answer. */
export function recorder(
  decide: EscrowDecision | ((value: number) => Promise<EscrowDecision>),
  onCredit: (value: number) => Promise<void> = async () => {},
) {
  const calls: HostCalls = { escrow: [], credit: [], returned: [], uncertain: [] };
  const handlers: BillAcceptorHandlers = {
    onEscrow: async (value) => {
      calls.escrow.push(value);
      return typeof decide === 'string' ? decide : decide(value);
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

/** A promise to resolve by hand: a journal write, a slow host. */
export function gate<T = void>() {
  let open: (value: T) => void = () => {};
  let fail: (err: Error) => void = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

export function strayRecorder(
  driver: Id003BillAcceptor,
  listener: (n: StrayNote) => Promise<void> | void = () => {},
) {
  const strays: StrayNote[] = [];
  driver.onStrayNote((n) => {
    strays.push(n);
    return listener(n);
  });
  return strays;
}

/** Enables the driver for CNY notes and waits until the acceptor takes notes. */
export async function enableAll(rig: Rig, handlers: BillAcceptorHandlers): Promise<void> {
  rig.driver.enable(CNY_FEN, handlers);
  await waitFor('idling', () => rig.emulator.state === 'idling');
}
