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
  insertNote: (value: number) => post('insert-note', { value }),
  scan: (text: string) => post('scan', { text }),
  setNetwork: (online: boolean) => post('network', { online }),
  async state(): Promise<ControlState> {
    const res = await fetch(`${CONTROL_PREFIX}/state`);
    return ControlState.parse(await res.json());
  },
};
