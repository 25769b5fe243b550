// The step indicator of the paying path ("第 2 步，共 4 步"): which step each screen is, by a
// typed map over every screen of the KioskApi, so a new screen without an entry fails the
// typecheck. Screens off the paying path (idle, help, results, problems) show no step.
import type { ScreenName } from '../../src/api/kiosk-api';

export const PAY_STEPS = 4;
export type PayStep = 1 | 2 | 3 | 4;

export const STEP_OF_SCREEN: { readonly [N in ScreenName]: PayStep | null } = {
  attract: null,
  outOfService: null,
  info: null,
  staffHelp: null,
  problem: null,
  /** The service point's screens are not on the paying path. */
  serviceHome: null,
  progressEntry: null,
  progressLookingUp: null,
  progress: null,
  /** Applying for a service: its own steps ("第 2 项，共 5 项" on the form's screens). */
  applicationCatalogue: null,
  applicationNeeds: null,
  applicationWorking: null,
  applicationAccount: null,
  applicationAccountConfirm: null,
  applicationField: null,
  applicationDocument: null,
  applicationSignature: null,
  applicationConsent: null,
  applicationReview: null,
  applicationReceipt: null,
  applicationRejected: null,
  /** 1: what to pay. */
  chooseBiller: 1,
  /** 2: whose account. */
  enterAccount: 2,
  lookingUp: 2,
  /** 3: the bills, checked. */
  bills: 3,
  confirm: 3,
  /** 4: paying. */
  qrPay: 4,
  insertCash: 4,
  partialCash: 4,
  writingOff: 4,
  /** Held for staff after a part payment: help, not a step. */
  awaitingStaff: null,
  /** Done: the result says so. */
  refundSlip: null,
  paid: null,
  pendingSync: null,
};
