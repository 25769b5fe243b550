// The simulator control API of a crash host: banknotes into its emulated acceptor, and the
// first loop's wallet (100-yuan notes only, each of which must be credited).
import { ControlReply, ControlState } from '../../sim/control/protocol';
import { controlInit } from '../support/control-call';
import type { Wallet } from './customer';
import { HostGone, StuckError } from './kiosk-client';

export const NOTE = 10_000;

/** The first loop's customer: 100-yuan notes into the host's own emulator until paid. */
export function hundredYuanNotes(control: ControlClient): Wallet {
  return {
    pickNote: () => NOTE,
    tryInsertNote: (value) => control.tryInsertNote(value),
    acceptorState: async () => (await control.state()).billAcceptor.state,
    retryMs: 25,
  };
}

export class ControlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call(method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(`control/${route}`, this.baseUrl), {
        ...controlInit(this.token, method === 'POST' ? (body ?? {}) : undefined),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (err) {
      // Refused or reset: the host is gone (the loop decides whether that was expected).
      throw new HostGone(`control ${route}: ${(err as Error).message}`);
    }
    const text = await res.text().catch((err: Error) => {
      throw new HostGone(`control ${route}: ${err.message}`);
    });
    if (res.status !== 200) throw new StuckError(`control ${route}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as unknown;
  }

  async state(): Promise<ControlState> {
    return ControlState.parse(await this.call('GET', 'state'));
  }

  /** One note; false while the acceptor will not take it (not idling yet, or disabled). */
  async tryInsertNote(value: number): Promise<boolean> {
    return ControlReply.parse(await this.call('POST', 'insert-note', { value })).ok;
  }
}
