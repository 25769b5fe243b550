// What the pty runner (run-emulator.ts) prints on stdout for the process that started it: one
// ready line naming the port and the control server, and with --trace, the acceptor's state
// changes and note events as they happen.
import { z } from 'zod';

export const READY_PREFIX = 'EMULATOR-READY ';
export const STATE_PREFIX = 'EMULATOR-STATE ';
export const EVENT_PREFIX = 'EMULATOR-EVENT ';

export const EmulatorReady = z.object({
  device: z.enum(['id003', 'ssp', 'scanner']),
  /** The pty end the kiosk opens. */
  port: z.string(),
  controlUrl: z.url(),
  /** Every control route needs it: `authorization: Bearer TOKEN`. */
  controlToken: z.string().min(16),
  pid: z.number().int(),
  socatPid: z.number().int(),
});
export type EmulatorReady = z.infer<typeof EmulatorReady>;

export const NoteEvent = z.object({
  kind: z.enum(['stacked', 'returned', 'credited']),
  value: z.number().int().positive(),
});
export type NoteEvent = z.infer<typeof NoteEvent>;

/** The ready line's content, or undefined for any other line. */
export function parseReady(line: string): EmulatorReady | undefined {
  if (!line.startsWith(READY_PREFIX)) return undefined;
  return EmulatorReady.parse(JSON.parse(line.slice(READY_PREFIX.length)));
}

/** A --trace event line (`EMULATOR-EVENT stacked 10000`), or undefined. */
export function parseNoteEvent(line: string): NoteEvent | undefined {
  if (!line.startsWith(EVENT_PREFIX)) return undefined;
  const [kind, value] = line.slice(EVENT_PREFIX.length).split(' ');
  return NoteEvent.parse({ kind, value: Number(value) });
}
