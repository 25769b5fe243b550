// The bill acceptor's face: all that code outside drivers/bill-acceptor/ may use. The protocols'
// insides (frames, codes, links, note trackers) stay behind it; the host goes through here
// (lint: kiosk/layer-imports), while tests and emulators may still reach in.
export type {
  BillAcceptor,
  BillAcceptorDiagnosis,
  BillAcceptorHandlers,
  BillAcceptorStatus,
  CashBoxCounters,
  EscrowDecision,
  StackerStatus,
  StrayNote,
  TestNote,
} from './bill-acceptor';
export type { DriverLogger } from './common/driver-logger';
export type { AcceptorOptions } from './common/driver-options';
export { Id003BillAcceptor, type Id003Options } from './id003/id003-driver';
export { SspBillAcceptor, type SspOptions } from './ssp/ssp-driver';
