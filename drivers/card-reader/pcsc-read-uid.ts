// One UID read on a PC/SC reader: connect (shared), GET DATA `FF CA 00 00 00`, disconnect
// leaving the card as it is. Each native call has a time limit, since one may never come back.
import { type PcscReaderLike, SCARD_LEAVE_CARD, SCARD_SHARE_SHARED } from './pcsc-seam';
import { GET_UID_APDU, GET_UID_RESPONSE_MAX, parseUidResponse } from './uid-apdu';

export type UidRead = { uid: string } | { reason: string };

export async function readCardUid(reader: PcscReaderLike, timeoutMs: number): Promise<UidRead> {
  const call = <T>(
    what: string,
    run: (cb: (err: Error | null | undefined, v: T) => void) => void,
  ) => withTimeout(what, run, timeoutMs);
  let outcome: UidRead;
  let connected = false;
  try {
    const protocol = await call<number>('connect', (cb) =>
      reader.connect({ share_mode: SCARD_SHARE_SHARED }, cb),
    );
    connected = true;
    const response = await call<Buffer>('transmit', (cb) =>
      reader.transmit(GET_UID_APDU, GET_UID_RESPONSE_MAX, protocol, cb),
    );
    const parsed = parseUidResponse(response);
    outcome = parsed.ok ? { uid: parsed.uid } : { reason: parsed.reason };
  } catch (err) {
    outcome = { reason: (err as Error).message };
  }
  if (connected)
    await call<undefined>('disconnect', (cb) =>
      reader.disconnect(SCARD_LEAVE_CARD, (err) => cb(err, undefined)),
    ).catch(() => undefined); // the card may already be gone; the reader is released either way
  return outcome;
}

function withTimeout<T>(
  what: string,
  run: (cb: (err: Error | null | undefined, value: T) => void) => void,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer`)), timeoutMs);
    try {
      run((err, value) => {
        clearTimeout(timer);
        if (err) reject(new Error(`${what}: ${err.message}`));
        else resolve(value);
      });
    } catch (err) {
      clearTimeout(timer);
      reject(new Error(`${what}: ${(err as Error).message}`));
    }
  });
}
