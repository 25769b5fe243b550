// Which notes a payment can take, as pure functions of fen: the cash-in actor enables only
// these, so a biller that takes no overpayment is never handed more than it is owed.
import type { CashChange } from '../api/kiosk-api';

/** Notes (fen) to enable when `remaining` is still due. With overpayment allowed, any note. */
export function acceptableNotes(
  denominations: readonly number[],
  remaining: number,
  acceptsOverpayment: boolean,
): number[] {
  if (remaining <= 0) return [];
  const values = [...new Set(denominations)].sort((a, b) => a - b);
  return acceptsOverpayment ? values : values.filter((v) => v <= remaining);
}

/** True when `amount` is a sum of these notes (any number of each). */
export function payableExactly(amount: number, denominations: readonly number[]): boolean {
  if (amount <= 0) return true;
  const values = denominations.filter((v) => v > 0);
  if (values.length === 0) return false;
  // Any amount that is a multiple of the notes' greatest common divisor is reachable once it
  // is large enough; amounts stay small (fen of one bill), so check reachability directly.
  const step = values.reduce(gcd);
  if (amount % step !== 0) return false;
  const target = amount / step;
  const coins = values.map((v) => v / step);
  if (target > 1_000_000) return true; // beyond any bill; the gcd test is the answer there
  const reachable = new Uint8Array(target + 1);
  reachable[0] = 1;
  for (let i = 1; i <= target; i++) {
    for (const c of coins) {
      if (c <= i && reachable[i - c] === 1) {
        reachable[i] = 1;
        break;
      }
    }
  }
  return reachable[target] === 1;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * What cash above `amount` does, as she is told before she inserts any (the kiosk gives no
 * change): kept on her account, or — at a biller that takes no overpayment — the notes larger
 * than the amount are refused (the cash-in actor enables only the others), and whether the
 * acceptor's notes can make the amount at all. Unknown notes (the acceptor has not reported
 * them yet) name none.
 */
export function cashChange(
  amount: number,
  acceptsOverpayment: boolean,
  denominations: readonly number[],
): CashChange {
  if (acceptsOverpayment) return { overpayment: 'kept', refusedNotes: [], notesCanPay: true };
  const values = [...new Set(denominations)].sort((a, b) => a - b);
  return {
    overpayment: 'returned',
    refusedNotes: values.filter((v) => v > amount),
    notesCanPay: values.length === 0 || payableExactly(amount, values),
  };
}
