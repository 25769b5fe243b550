// The script commands of an emulated bill acceptor, over the control API: the developer panel,
// the pty runner (sim/devices/run-emulator.ts) and the tests send the same bodies to the same
// routes, whichever protocol the emulator speaks. Browser-safe. The enums mirror
// sim/devices/acceptor-emulator.ts (sim/acceptor-control.ts checks that they agree).
import { z } from 'zod';

export const ACCEPTOR_PREFIX = '/control/acceptor';

export const ACCEPTOR_FAULTS = [
  'jamInAcceptor',
  'jamInStacker',
  'stackerFull',
  'stackerOpen',
  'cheated',
  'failure',
] as const;
export const AcceptorFaultName = z.enum(ACCEPTOR_FAULTS);

export const POWER_LOSS_POINTS = ['now', 'inEscrow', 'whileStacking'] as const;
export const PowerLossPoint = z.enum(POWER_LOSS_POINTS);

export const InsertNoteBody = z.object({ value: z.number().int().positive() }).strict();
export const RejectNextBody = z
  .object({ reason: z.number().int().min(0).max(255).optional() })
  .strict();
export const FaultBody = z.object({ fault: AcceptorFaultName.nullable() }).strict();
export const PowerLossBody = z.object({ at: PowerLossPoint }).strict();
export const PowerOnBody = z.object({}).strict();

export const LineFaultsState = z.object({
  silent: z.boolean(),
  badCrcFrames: z.number().int().min(0),
  splitFrames: z.boolean(),
  mergeFrames: z.boolean(),
});
/** A change to the line faults: only the keys given change. */
export const LineFaultsBody = z
  .object({
    silent: z.boolean(),
    badCrcFrames: z.number().int().min(0).max(1000),
    splitFrames: z.boolean(),
    mergeFrames: z.boolean(),
  })
  .partial()
  .strict();

const Fen = z.number().int().positive();

export const AcceptorState = z.object({
  protocol: z.enum(['id003', 'ssp']),
  /** The emulator's own word for where it is (idling, escrow, stacking, …). */
  state: z.string(),
  denominations: z.array(Fen),
  /** The fault last set through the control API (null: none). */
  fault: AcceptorFaultName.nullable(),
  /** Where the last power loss was set to land, until power is restored. */
  powerLoss: PowerLossPoint.nullable(),
  line: LineFaultsState,
  counters: z.object({
    stacked: z.number().int().min(0),
    byValue: z.record(z.string(), z.number()),
  }),
  /** Every note event since the emulator started, in order. */
  log: z.object({ stacked: z.array(Fen), returned: z.array(Fen), credited: z.array(Fen) }),
});
export type AcceptorState = z.infer<typeof AcceptorState>;
