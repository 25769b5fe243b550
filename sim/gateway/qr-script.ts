// 付款码 (payment codes) in the simulator: which wallet a code belongs to, from its prefix
// (shared/reference/protocols.md §3), and what the simulated customer does, scripted by the
// code's last digit so that tests and the demo pick an outcome deterministically. See README.md,
// "QR payments".
import type { QrWallet } from '../../src/gateway/contract';

/** Payment-code patterns per wallet, as in protocols.md §3 (the kiosk routes by prefix too). */
export const WALLET_PATTERNS: readonly { wallet: QrWallet; pattern: RegExp }[] = [
  // 18 digits starting 10–15.
  { wallet: 'wechat', pattern: /^1[0-5]\d{16}$/ },
  // 16 to 24 digits starting 25–30.
  { wallet: 'alipay', pattern: /^(?:2[5-9]|30)\d{14,22}$/ },
  // 19 digits starting 62.
  { wallet: 'unionpay', pattern: /^62\d{17}$/ },
];

/** The wallet of a payment code, or undefined when no prefix matches. */
export function walletOf(authCode: string): QrWallet | undefined {
  return WALLET_PATTERNS.find((w) => w.pattern.test(authCode))?.wallet;
}

/**
 * What the customer behind a payment code does:
 * - pays_at_once: success in the micropay answer;
 * - pays_after_confirming: user_paying, then success (see QR_CONFIRM_POLLS / QR_CONFIRM_MS);
 * - cancels_in_app: user_paying, then failed (the customer cancelled in the wallet);
 * - insufficient_funds: failed in the micropay answer;
 * - never_confirms: user_paying for ever, until the kiosk cancels it (after the confirm window).
 */
export type QrScript =
  | 'pays_at_once'
  | 'pays_after_confirming'
  | 'cancels_in_app'
  | 'insufficient_funds'
  | 'never_confirms';

/** By the code's last digit; 5–9 (and anything else) pay at once, as most real codes would. */
const SCRIPT_BY_LAST_DIGIT: Readonly<Record<string, QrScript>> = {
  '0': 'pays_at_once',
  '1': 'pays_after_confirming',
  '2': 'cancels_in_app',
  '3': 'insufficient_funds',
  '4': 'never_confirms',
};

export function scriptOf(authCode: string): QrScript {
  const last = authCode.slice(-1);
  return (
    (Object.hasOwn(SCRIPT_BY_LAST_DIGIT, last) && SCRIPT_BY_LAST_DIGIT[last]) || 'pays_at_once'
  );
}

/** A user_paying attempt of pays_after_confirming / cancels_in_app resolves on this GET poll… */
export const QR_CONFIRM_POLLS = 2;
/** …or at the first look this long after the micropay (simulator clock), whichever comes first. */
export const QR_CONFIRM_MS = 10_000;
/**
 * While an attempt is user_paying, a cancel is 409 user_paying for this long after the customer
 * started confirming (the micropay, or the scan of a Native code); after it, the wallet lets the
 * kiosk cancel. 45 s is WeChat's auto-revoke time for 付款码 (payments.md §4).
 */
export const QR_CONFIRM_WINDOW_MS = 45_000;
/** A Native code can be paid for this long; the order stays open until cancelled. */
export const QR_ORDER_TTL_MS = 5 * 60_000;
