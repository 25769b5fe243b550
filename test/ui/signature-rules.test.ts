// What counts as a signature: refused when empty or a single dot (a tap, a tiny scribble);
// a name of a few strokes is one, however short its strokes.
import { describe, expect, it } from 'vitest';
import {
  MIN_EXTENT_PX,
  MIN_INK_PX,
  signatureProblem,
  type Stroke,
} from '../../ui/signature/signature-source';

const line = (points: [number, number][]): Stroke => points.map(([x, y], t) => ({ x, y, t }));

describe('signatureProblem', () => {
  it('nothing drawn is empty', () => {
    expect(signatureProblem([])).toBe('empty');
    expect(signatureProblem([[]])).toBe('empty');
  });

  it('a tap, several taps on one spot, or a tiny scribble is a dot', () => {
    expect(signatureProblem([line([[100, 100]])])).toBe('dot');
    expect(signatureProblem([line([[100, 100]]), line([[101, 100]]), line([[100, 102]])])).toBe(
      'dot',
    );
    expect(
      signatureProblem([
        line([
          [100, 100],
          [104, 103],
          [100, 106],
          [105, 109],
        ]),
      ]),
    ).toBe('dot');
  });

  it('long ink inside a tiny box is still a dot (scribbling on one spot)', () => {
    const scribble = line(
      Array.from({ length: 40 }, (_, i): [number, number] => [100 + (i % 2) * 10, 100]),
    );
    expect(signatureProblem([scribble])).toBe('dot');
  });

  it('a name is a signature: enough ink over enough room', () => {
    const name = [
      line([
        [0, 40],
        [20, 0],
        [40, 40],
      ]),
      line([
        [60, 0],
        [60, 40],
      ]),
    ];
    expect(signatureProblem(name)).toBeNull();
    // The thresholds the rule names: just at them is enough.
    expect(
      signatureProblem([
        line([
          [0, 0],
          [MIN_EXTENT_PX, 0],
          [MIN_EXTENT_PX, MIN_INK_PX - MIN_EXTENT_PX],
        ]),
      ]),
    ).toBeNull();
  });
});
