// Id003Link against a scripted device: which frame answers which request when the line holds
// replies back, merges them or delivers them in pieces.
import { afterEach, describe, it, expect } from 'vitest';
import { FrameParser, encodeFrame } from '../../drivers/bill-acceptor/id003/frame';
import type { Frame } from '../../drivers/bill-acceptor/id003/frame';
import { Id003Link } from '../../drivers/bill-acceptor/id003/link';
import type { Request } from '../../drivers/bill-acceptor/id003/replies';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { sleep } from './id003-rig';

const STATUS_REQ: Request = { cmd: 0x11, data: Buffer.alloc(0) };
const TABLE_REQ: Request = { cmd: 0x8a, data: Buffer.alloc(0) };
const STACK_REQ: Request = { cmd: 0x41, data: Buffer.alloc(0) };
const IDLING = encodeFrame(0x11);
const DISABLED = encodeFrame(0x1a);
const ACK = encodeFrame(0x50);
const TABLE = encodeFrame(0x8a, Buffer.from([0x61, 0xa0, 0x01, 0x00]));

/** What the device does on the n-th request: send these chunks, each as its own write. */
type Script = ((send: (...chunks: Buffer[]) => void) => void)[];

let n = 0;
const links: Id003Link[] = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
});

async function linkTo(script: Script) {
  const path = `sim://id003-link-${++n}`;
  const parser = new FrameParser();
  let transmit: (bytes: Buffer) => void = () => {};
  let step = 0;
  const late: { request: number; reply: number }[] = [];
  const warnings: string[] = [];
  const binding = createEmulatorBinding({
    [path]: {
      receive: (bytes) => {
        for (const _ of parser.push(bytes)) {
          script[step++]?.((...chunks) => {
            for (const c of chunks) transmit(c);
          });
        }
      },
      onTransmit: (cb) => (transmit = cb),
    },
  });
  const link = new Id003Link({
    port: { path, baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 },
    binding,
    responseTimeoutMs: 60,
    reconnectMinMs: 10,
    reconnectMaxMs: 10,
    logger: { info: () => {}, warn: (_o, msg) => warnings.push(msg), error: () => {} },
    onLateReply: (request: Request, reply: Frame) =>
      late.push({ request: request.cmd, reply: reply.cmd }),
  });
  links.push(link);
  expect(await link.ensureOpen()).toBe(true);
  return { link, late, warnings };
}

const cmdOf = (r: Frame | string): number | string => (typeof r === 'string' ? r : r.cmd);

describe('Id003Link replies', () => {
  it('a reply held back comes with the next: the newest answers, the held one is late', async () => {
    const { link, late } = await linkTo([
      () => {}, // the table reply is held back…
      (send) => send(Buffer.concat([TABLE, IDLING])), // …and sent with the next
    ]);
    expect(await link.request(TABLE_REQ)).toBe('noReply');
    expect(cmdOf(await link.request(STATUS_REQ))).toBe(0x11);
    expect(late).toEqual([{ request: 0x8a, reply: 0x8a }]);
  });

  it('of two answers to one request in a chunk, the newer wins', async () => {
    const { link } = await linkTo([() => {}, (send) => send(Buffer.concat([DISABLED, IDLING]))]);
    await link.request(STATUS_REQ);
    expect(cmdOf(await link.request(STATUS_REQ))).toBe(0x11);
  });

  it('waits for the rest of a frame that is still arriving', async () => {
    const { link } = await linkTo([
      () => {},
      (send) => {
        send(Buffer.concat([DISABLED, IDLING.subarray(0, 2)]));
        setTimeout(() => send(IDLING.subarray(2)), 10);
      },
    ]);
    await link.request(STATUS_REQ);
    expect(cmdOf(await link.request(STATUS_REQ))).toBe(0x11);
  });

  it('a late ACK alone is handed over, not taken for a status', async () => {
    const { link, late } = await linkTo([
      () => {},
      (send) => {
        send(ACK);
        setTimeout(() => send(IDLING), 10);
      },
    ]);
    expect(await link.request(STACK_REQ)).toBe('noReply');
    expect(cmdOf(await link.request(STATUS_REQ))).toBe(0x11);
    expect(late).toEqual([{ request: 0x41, reply: 0x50 }]);
  });

  it('a stale status is not taken for the ACK of STACK', async () => {
    const { link, late } = await linkTo([
      () => {},
      (send) => {
        send(DISABLED); // the held answer to the earlier STATUS REQ
        setTimeout(() => send(ACK), 10);
      },
    ]);
    expect(await link.request(STATUS_REQ)).toBe('noReply');
    expect(cmdOf(await link.request(STACK_REQ))).toBe(0x50);
    expect(late).toEqual([{ request: 0x11, reply: 0x1a }]);
  });

  it('a frame that answers nothing asked is dropped', async () => {
    const { link, late, warnings } = await linkTo([
      (send) => {
        send(encodeFrame(0xc3, Buffer.from([0])));
        setTimeout(() => send(IDLING), 10);
      },
    ]);
    expect(cmdOf(await link.request(STATUS_REQ))).toBe(0x11);
    expect(late).toEqual([]);
    expect(warnings).toContain('id003: unsolicited frame dropped');
  });

  it('a request with no port is "down", and close() ends a pending one', async () => {
    const { link } = await linkTo([() => {}]);
    const pending = link.request(STATUS_REQ);
    await sleep(5);
    await link.close();
    expect(await pending).toBe('down');
    expect(await link.request(STATUS_REQ)).toBe('down');
  });
});
