// A certified bank-card payment module (a PIN pad with its own card reader and keys). The kiosk
// never sees a card number: it asks the module to take an amount under a reference and gets an
// outcome, with at most a masked PAN for the receipt. This is the contract a vendor's SDK is
// wrapped into; the module's answers are checked with these schemas (bank-card-client.ts).
import { z } from 'zod';

/** A reference the kiosk chooses per attempt (e.g. the payment's agent serial + attempt). */
export const BankCardReference = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const BankCardOutcome = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('approved'),
    authCode: z.string().min(1).max(32),
    /** As the module gives it; the client masks it again whatever it is. */
    maskedPan: z.string().max(32),
  }),
  z.object({ result: z.literal('declined'), reason: z.string().max(200) }),
  /** The module cannot say whether money moved (timeout, link lost): query before anything else. */
  z.object({ result: z.literal('unknown'), reason: z.string().max(200) }),
]);
export type BankCardOutcome = z.infer<typeof BankCardOutcome>;

export const BankCardQueryResult = z.union([
  BankCardOutcome,
  /** The module never took this reference: no money moved. */
  z.object({ result: z.literal('notFound') }),
]);
export type BankCardQueryResult = z.infer<typeof BankCardQueryResult>;

export const BankCardCancelResult = z.discriminatedUnion('result', [
  z.object({ result: z.literal('cancelled') }),
  z.object({ result: z.literal('notFound') }),
  z.object({ result: z.literal('refused'), reason: z.string().max(200) }),
  z.object({ result: z.literal('unknown'), reason: z.string().max(200) }),
]);
export type BankCardCancelResult = z.infer<typeof BankCardCancelResult>;

export interface BankCardModule {
  /** Takes `amountFen` from the customer's card (they insert it and enter the PIN). */
  pay(amountFen: number, reference: string): Promise<BankCardOutcome>;
  query(reference: string): Promise<BankCardQueryResult>;
  /** Reverses an approved payment (same day) or cancels one in progress. */
  cancel(reference: string): Promise<BankCardCancelResult>;
}
