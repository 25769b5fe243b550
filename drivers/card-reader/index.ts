// The card reader's face: all that code outside drivers/card-reader/ may use: the UID reader
// (PC/SC; the seam for the in-process emulator) and the bank-card module interface. The APDU
// and PC/SC call details stay behind it (lint: kiosk/layer-imports); tests may still reach in.
// card-directory.ts is not here: it is moving out of drivers/.
export type { Card, CardReader, CardReaderDiagnosis, CardReadFailure } from './card-reader';
export { PcscCardReader, type PcscCardReaderOptions } from './pcsc-reader';
export {
  PcscUnavailableError,
  type PcscFactory,
  type PcscLike,
  type PcscReaderLike,
  type PcscReaderStatus,
} from './pcsc-seam';
export {
  BankCardCancelResult,
  BankCardOutcome,
  BankCardQueryResult,
  BankCardReference,
  type BankCardModule,
} from './bank-card-module';
export {
  BankCardClient,
  maskPan,
  type BankCardClientOptions,
  type BankCardPayResult,
  type BankCardResolution,
} from './bank-card-client';
