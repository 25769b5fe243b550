/**
 * Whether the result's copy of the receipt sits behind "查看凭证 / Show the receipt": on a wide
 * screen at her larger text sizes. There the copy (at body size, some 400 px tall whatever its
 * width) and the amount, what to take and the e-receipt's QR do not fit one screen together, and
 * the QR and the amount matter more: the paper or the QR carries the receipt anyway. On a tall
 * screen, or at ×1, everything fits and the copy stays in view.
 */
/** The page's media query, where there is a page (the voice's tests run without one). */
const page = globalThis as { matchMedia?: (query: string) => { matches: boolean } };

export function receiptFolds(textScale: number): boolean {
  return textScale > 1 && page.matchMedia?.('(orientation: landscape)').matches === true;
}
