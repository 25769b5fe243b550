import type { z } from 'zod';
import type {
  AcceptorFaultName,
  LineFaultsBody,
  PowerLossPoint,
} from '../control/acceptor-protocol';
import type { PrinterFaultName } from '../control/printer-protocol';
import {
  CONTROL_PREFIX,
  ControlReply,
  ControlState,
  LaunchReply,
  type CameraShot,
} from '../control/protocol';

// The control token comes in the panel's address fragment (npm start prints it), which is never
// sent to a server; every control call carries it.
const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
const auth = { authorization: `Bearer ${token}` };

async function post(path: string, body: unknown): Promise<ControlReply> {
  const res = await fetch(`${CONTROL_PREFIX}/${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ControlReply.parse(await res.json());
}

/** The last receipt as an image address for <img> (the route needs the token, so a blob). */
export async function lastReceiptImage(): Promise<string | null> {
  const res = await fetch(`${CONTROL_PREFIX}/printer/last.png`, { headers: auth });
  return res.ok ? URL.createObjectURL(await res.blob()) : null;
}

export const control = {
  insertNote: (value: number) => post('acceptor/insert-note', { value }),
  scan: (text: string) => post('scan', { text }),
  setNetwork: (online: boolean) => post('network', { online }),
  card: (uid: string | null) => post('card', { uid }),
  camera: (shot: CameraShot) => post('camera', { shot }),
  async state(): Promise<ControlState> {
    const res = await fetch(`${CONTROL_PREFIX}/state`, { headers: auth });
    return ControlState.parse(await res.json());
  },
  /** A one-time address of the kiosk page: the panel's frame becomes the kiosk's screen. */
  async launchKiosk(): Promise<string> {
    const res = await fetch(`${CONTROL_PREFIX}/kiosk/launch`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    return LaunchReply.parse(await res.json()).url;
  },
};

/** The emulated printer's faults (sim/control/printer-protocol.ts). */
export const printerControl = {
  setFault: (fault: z.infer<typeof PrinterFaultName> | null, afterRows?: number) =>
    post('printer/fault', afterRows ? { fault, afterRows } : { fault }),
};

/** The emulated acceptor's script commands (sim/control/acceptor-protocol.ts). */
export const acceptorControl = {
  rejectNext: () => post('acceptor/reject-next', {}),
  setFault: (fault: z.infer<typeof AcceptorFaultName> | null) => post('acceptor/fault', { fault }),
  powerLoss: (at: z.infer<typeof PowerLossPoint>) => post('acceptor/power-loss', { at }),
  powerOn: () => post('acceptor/power-on', {}),
  setLine: (patch: z.infer<typeof LineFaultsBody>) => post('acceptor/line', patch),
};
