// The seam between the card-reader driver and PC/SC: the part of the npm `pcsclite` API it uses
// (a context that announces readers; readers that report status, connect, transmit,
// disconnect). The real module is native and optional, so it is loaded only when first needed;
// a machine without it, or without pcscd, still starts.
import { createRequire } from 'node:module';

export interface PcscReaderStatus {
  state: number;
  atr?: Buffer;
}

type Callback<T> = (err: Error | null | undefined, value: T) => void;

export interface PcscReaderLike {
  readonly name: string;
  on(event: 'status', listener: (status: PcscReaderStatus) => void): unknown;
  /** The reader was unplugged, or pcscd went away. */
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  connect(options: { share_mode: number }, callback: Callback<number>): void;
  transmit(data: Buffer, resLen: number, protocol: number, callback: Callback<Buffer>): void;
  disconnect(disposition: number, callback: (err: Error | null | undefined) => void): void;
  close(): void;
}

export interface PcscLike {
  on(event: 'reader', listener: (reader: PcscReaderLike) => void): unknown;
  /** pcscd went away (the readers end too). */
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

/** Opens a PC/SC context. Throws when pcscd is not running. */
export type PcscFactory = () => PcscLike;

/** pcsclite is missing or its native part cannot load: retrying will not help. */
export class PcscUnavailableError extends Error {
  override readonly name = 'PcscUnavailableError';
}

// PC/SC constants (pcsc-lite's pcsclite.h; the same values on Windows' winscard).
export const SCARD_STATE_PRESENT = 0x20;
export const SCARD_STATE_MUTE = 0x200;
export const SCARD_SHARE_SHARED = 2;
export const SCARD_LEAVE_CARD = 0;

/** The npm `pcsclite` module as a factory; throws PcscUnavailableError when it cannot load. */
export function loadPcsclite(
  load: () => unknown = () => createRequire(import.meta.url)('pcsclite'),
): PcscFactory {
  let factory: unknown;
  try {
    factory = load();
  } catch (err) {
    throw new PcscUnavailableError(`pcsclite cannot load: ${(err as Error).message}`);
  }
  if (typeof factory !== 'function') throw new PcscUnavailableError('pcsclite is not a function');
  return () => (factory as () => PcscLike)();
}
