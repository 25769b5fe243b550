import type { z } from 'zod';
import type {
  AcceptorFaultName,
  LineFaultsBody,
  PowerLossPoint,
} from '../control/acceptor-protocol';
import type { PrinterFaultName } from '../control/printer-protocol';
import { CONTROL_PREFIX, ControlReply, ControlState } from '../control/protocol';

async function post(path: string, body: unknown): Promise<ControlReply> {
  const res = await fetch(`${CONTROL_PREFIX}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ControlReply.parse(await res.json());
}

export const control = {
  insertNote: (value: number) => post('acceptor/insert-note', { value }),
  scan: (text: string) => post('scan', { text }),
  setNetwork: (online: boolean) => post('network', { online }),
  card: (uid: string | null) => post('card', { uid }),
  async state(): Promise<ControlState> {
    const res = await fetch(`${CONTROL_PREFIX}/state`);
    return ControlState.parse(await res.json());
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
