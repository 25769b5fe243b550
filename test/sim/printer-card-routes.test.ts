// The control server's printer and card-reader routes: faults reach the printer emulator (now
// or mid-job), its state and last receipt picture are served, a card is laid on and taken off
// the emulated reader, and bad bodies are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardControl } from '../../sim/card-control';
import { startControlServer } from '../../sim/control-server';
import { PrinterState } from '../../sim/control/printer-protocol';
import { PcscEmulator } from '../../sim/devices/card-reader-emulator';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { PrinterControl } from '../../sim/printer-control';
import { controlInit } from '../support/control-call';

const printer = new PrinterEmulator(80);
const pcsc = new PcscEmulator();
pcsc.addReader('R');
const cards = new CardControl(pcsc, 'R');
let url = '';
let token = '';
let close = async () => {};

beforeAll(async () => {
  const server = await startControlServer({
    port: 0,
    panelDir: null,
    targets: { printer: new PrinterControl(printer), cards },
  });
  url = server.url;
  token = server.token;
  close = server.close;
});
afterAll(() => close());

const post = (path: string, body: unknown) => fetch(new URL(path, url), controlInit(token, body));
const get = (path: string) => fetch(new URL(path, url), controlInit(token));

describe('printer routes', () => {
  it('sets a fault now, repairs it, and reports the state', async () => {
    expect((await post('control/printer/fault', { fault: 'paperOut' })).status).toBe(200);
    expect(printer.paper).toBe('out');
    const state = PrinterState.parse(await (await get('control/printer')).json());
    expect(state).toMatchObject({ paper: 'out', receipts: 0, last: null });
    await post('control/printer/fault', { fault: null });
    expect(printer.paper).toBe('ok');
  });

  it('refuses a bad body, and has no picture before the first receipt', async () => {
    expect((await post('control/printer/fault', { fault: 'onFire' })).status).toBe(400);
    expect((await get('control/printer/last.png')).status).toBe(404);
  });
});

describe('card route', () => {
  it('lays a card on the reader and takes it away', async () => {
    expect((await post('control/card', { uid: '04A1B2C3D4E5F6' })).status).toBe(200);
    expect(cards.card).toBe('04A1B2C3D4E5F6');
    expect((await post('control/card', { uid: null })).status).toBe(200);
    expect(cards.card).toBeNull();
    expect((await post('control/card', { uid: 'not hex' })).status).toBe(400);
  });
});
