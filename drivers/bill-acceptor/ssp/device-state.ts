// What the driver believes the device has been told since it last synced or reset, and so what
// to send next. Each tick re-derives the command from this, so a lost frame is simply sent again.
import { Cmd } from './codes';
import { inhibitMask } from './channels';
import type { ChannelTable } from './channels';
import type { NoteCommand } from './note-tracker';

export interface DeviceState {
  synced: boolean;
  protocolSet: boolean;
  setupRead: boolean;
  /** The SET INHIBITS data the device accepted, or null (power-up: all inhibited). */
  inhibits: Buffer | null;
  enabled: boolean | null;
  /** Before the first POLL after a (re)connect, REJECT any note a previous host left in escrow. */
  orphanCheck: boolean;
  /** Commands the device refused outright (F2/F3/F4): not retried until the next start-up. */
  refused: Set<number>;
}

export const freshState = (orphanCheck: boolean): DeviceState => ({
  synced: false,
  protocolSet: false,
  setupRead: false,
  inhibits: null,
  enabled: null,
  orphanCheck,
  refused: new Set(),
});

export interface Step {
  cmd: number;
  data: Buffer;
  /** A new command, or the last POLL again (same SEQ) so the device repeats its events. */
  repeat: boolean;
  /** The REJECT sent to clear a note nobody is tracking. */
  orphan: boolean;
}

/** We speak protocol version 6: expanded channel values; validator events are unchanged. */
export const PROTOCOL_VERSION = 6;

const step = (cmd: number, data: number[] | Buffer = [], extra: Partial<Step> = {}): Step => ({
  cmd,
  data: Buffer.from(data),
  repeat: false,
  orphan: false,
  ...extra,
});

export interface Wants {
  table: ChannelTable | null;
  note: NoteCommand;
  inEscrow: boolean;
  repoll: boolean;
  /** Values (fen) to accept now; empty means disabled. */
  accept: readonly number[];
  rejectCode: boolean;
  job: number | null;
}

/** The next command, in start-up order; POLL when nothing else is owed. */
export function nextStep(s: DeviceState, w: Wants): Step {
  if (!s.synced) return step(Cmd.SYNC);
  if (w.repoll) return step(Cmd.POLL, [], { repeat: true });
  if (w.note === 'hold') return step(Cmd.HOLD);
  if (w.note === 'reject') return step(Cmd.REJECT);
  if (!s.protocolSet) return step(Cmd.HOST_PROTOCOL_VERSION, [PROTOCOL_VERSION]);
  if (!s.setupRead || !w.table) return step(Cmd.SETUP_REQUEST);
  // Settings wait while a note is in escrow: only HOLD, REJECT or the accepting POLL go then.
  if (w.inEscrow) return step(Cmd.POLL);
  if (s.orphanCheck) return step(Cmd.REJECT, [], { orphan: true });
  const mask = inhibitMask(w.table, w.accept);
  if (!s.refused.has(Cmd.SET_INHIBITS) && !s.inhibits?.equals(mask)) {
    return step(Cmd.SET_INHIBITS, mask);
  }
  const enable = w.accept.length > 0;
  const toggle = enable ? Cmd.ENABLE : Cmd.DISABLE;
  if (s.enabled !== enable && !s.refused.has(toggle)) return step(toggle);
  if (w.rejectCode) return step(Cmd.LAST_REJECT_CODE);
  if (w.job !== null) return step(w.job);
  return step(Cmd.POLL);
}
