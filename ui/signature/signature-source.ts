// Where a signature comes from. Today the touch screen (touch-signature.ts); a HID signature
// pad (签名板) can be added later as another SignatureSource — `HidSignatureSource`, fed by
// the host over the KioskApi — and the pad's screen (SignaturePad.tsx) stays as it is.
// Also the rule for what counts as a signature (refused: empty, or a single dot).

/** A point of a stroke: CSS pixels in the pad's box, and milliseconds since the stroke began. */
export interface SignaturePoint {
  x: number;
  y: number;
  t: number;
}

/** One stroke: the pen down, moved, and lifted. */
export type Stroke = readonly SignaturePoint[];

export interface SignatureSource {
  /** Starts taking strokes; `onChange` hears every change. Returns the way to stop. */
  start(onChange: (strokes: readonly Stroke[]) => void): () => void;
  /** Clears the pad for signing again. */
  clear(): void;
  strokes(): readonly Stroke[];
  /** The signature as a PNG (dark ink on white), or null when it cannot be drawn. */
  exportPng(): Promise<Blob | null>;
}

/** Less ink than this (CSS px of line) within a box this small is a dot or a tap, not a name. */
export const MIN_INK_PX = 40;
export const MIN_EXTENT_PX = 24;

export type SignatureProblem = 'empty' | 'dot';

/** Why these strokes are not a signature, or null when they are. */
export function signatureProblem(strokes: readonly Stroke[]): SignatureProblem | null {
  const points = strokes.flat();
  if (points.length === 0) return 'empty';
  let ink = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i += 1) {
      const a = stroke[i - 1];
      const b = stroke[i];
      if (a && b) ink += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  return ink < MIN_INK_PX || extent < MIN_EXTENT_PX ? 'dot' : null;
}
