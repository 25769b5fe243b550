// Masking for receipts: enough for the customer to recognise the account, not to reuse it.
// Names are masked too, and a character the printer's GBK font lacks is never printed.
import { isGbk } from '../../drivers/printer';

/** 3100123456 → 3100****56. */
export function maskAccount(account: string): string {
  if (account.length <= 6) return account;
  return account.slice(0, 4) + '*'.repeat(account.length - 6) + account.slice(-2);
}

/** 张三明 → 张*明, 李四 → 李*, 欧阳娜娜 → 欧**娜; a kept character outside GBK becomes *. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const keep = (ch: string | undefined): string => (ch && isGbk(ch) ? ch : '*');
  if (chars.length === 0) return '';
  if (chars.length === 1) return keep(chars[0]);
  if (chars.length === 2) return `${keep(chars[0])}*`;
  return keep(chars[0]) + '*'.repeat(chars.length - 2) + keep(chars.at(-1));
}

/** 武康路100弄5号 → 武康路***弄*号: house and room numbers hidden, the street kept. */
export function maskAddress(address: string): string {
  return address.replace(/[0-9０-９]/g, '*');
}
