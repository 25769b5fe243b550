// The service point's keypad (digits and Latin capitals, no Chinese typing): a key applied to
// the value typed so far. Shared by 查进度 and the VAT invoice's typed steps.
import type { ServiceKey } from '../../api/kiosk-api';

export function typed(value: string, key: ServiceKey, max: number, digitsOnly: boolean): string {
  if (key === 'delete') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (digitsOnly && !/^[0-9]$/.test(key)) return value;
  return value.length < max ? value + key : value;
}
