// 付款码: the customer's wallet payment code, recognised by its prefix (protocols.md §3). A code
// spends money from the customer's wallet for about a minute, so it is never logged whole.
import type { QrWallet } from '../gateway/contract';

// ASCII digits only: `\d` without the `u` flag is [0-9], spelt out so no one adds the flag.
const WALLET_RULES: readonly { wallet: QrWallet; pattern: RegExp }[] = [
  { wallet: 'wechat', pattern: /^1[0-5][0-9]{16}$/ },
  { wallet: 'alipay', pattern: /^(?:2[5-9]|30)[0-9]{14,22}$/ },
  { wallet: 'unionpay', pattern: /^62[0-9]{17}$/ },
];

/** The wallet a payment code belongs to, or null when the text is not one. */
export function walletOfPaymentCode(text: string): QrWallet | null {
  return WALLET_RULES.find((r) => r.pattern.test(text))?.wallet ?? null;
}

/**
 * A payment code for logs: at most 4 characters kept at each end (fewer on short input, so
 * that at least half is always hidden), the rest as `*`. `1345678901234567890` → `1345***********7890`.
 */
export function maskPaymentCode(code: string): string {
  const keep = Math.min(4, Math.floor(code.length / 4));
  if (keep === 0) return '*'.repeat(code.length);
  return `${code.slice(0, keep)}${'*'.repeat(code.length - 2 * keep)}${code.slice(-keep)}`;
}
