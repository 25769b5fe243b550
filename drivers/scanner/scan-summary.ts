// What may be said of a scan outside the host's own handling: its length and the class of its
// characters, never the text (it may be a wallet payment code or an account number).

export type ScanClass = 'digits' | 'letters and digits' | 'ASCII text' | 'non-ASCII text';

export function scanClass(text: string): ScanClass {
  if (/^[0-9]+$/.test(text)) return 'digits';
  if (/^[0-9A-Za-z]+$/.test(text)) return 'letters and digits';
  if (/^\p{ASCII}*$/u.test(text)) return 'ASCII text';
  return 'non-ASCII text';
}

/** e.g. "18 characters, digits". */
export function describeScan(text: string): string {
  const length = [...text].length;
  return `${length} character${length === 1 ? '' : 's'}, ${scanClass(text)}`;
}
