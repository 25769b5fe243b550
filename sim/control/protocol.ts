// The simulator control protocol: what the developer panel (and tests) may ask of the
// simulated world. Browser-safe: shared by sim/control-server.ts and sim/dev-panel/.
import { z } from 'zod';
import { AcceptorState } from './acceptor-protocol';
import { PrinterState } from './printer-protocol';

export const CONTROL_PREFIX = '/control';

export const InsertNote = z.object({ value: z.number().int().positive() }).strict();
export const Scan = z.object({ text: z.string().min(1).max(512) }).strict();
export const Network = z.object({ online: z.boolean() }).strict();
export const EmptyBody = z.object({}).strict();
/** POST /control/kiosk/launch: a one-time address of the kiosk page for the panel's frame. */
export const LaunchReply = z.object({ ok: z.boolean(), message: z.string(), url: z.string() });
/** A card laid on the emulated reader (hex UID), or null to take it away. */
export const CardBody = z
  .object({
    uid: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,20}$/, 'hex UID')
      .nullable(),
  })
  .strict();

/** The pages the fake document camera can show (sim/fake-camera/documents.ts draws them). */
export const CAMERA_SHOTS = [
  'household-register',
  'id-card-front',
  'id-card-back',
  'property-certificate',
  'blurred',
  'dark',
  'empty',
] as const;
export const CameraShot = z.enum(CAMERA_SHOTS);
export type CameraShot = z.infer<typeof CameraShot>;
/** POST /control/camera: what the camera shows from its next start (the next page or retake). */
export const CameraBody = z.object({ shot: CameraShot }).strict();

export const ControlState = z.object({
  kioskUrl: z.string(),
  gatewayUrl: z.string().nullable(),
  network: z.object({ online: z.boolean() }),
  billAcceptor: z.object({ state: z.string(), denominations: z.array(z.number()) }),
  stackedNotes: z.array(z.number()),
  /** The emulated acceptor in full; null when the config's port is a real path (not sim://). */
  acceptor: AcceptorState.nullable(),
  /** The emulated receipt printer; null when the printer is real or not configured. */
  printer: PrinterState.nullable(),
  /** The cards of the config (accounts, staff, technicians), to lay on the emulated reader. */
  cards: z.array(z.object({ label: z.string(), uid: z.string() })),
  /** The fake document camera's page; null when the kiosk has none (no Chromium to draw it). */
  camera: z.object({ shown: CameraShot }).nullable().default(null),
});
export type ControlState = z.infer<typeof ControlState>;

export const ControlReply = z.object({ ok: z.boolean(), message: z.string() });
export type ControlReply = z.infer<typeof ControlReply>;
