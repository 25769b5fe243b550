// What a tap on the staff keypad does to a field of digits: a digit appends (up to the field's
// length), delete takes the last one back, clear empties it. One rule for every staff field.
import type { Key } from '../api/kiosk-api';

export function typedDigits(value: string, key: Key, max: number): string {
  if (key === 'delete') return value.slice(0, -1);
  if (key === 'clear') return '';
  return value.length < max ? value + key : value;
}
