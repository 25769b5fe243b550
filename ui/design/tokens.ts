// The design tokens of the resident's screens: colour, type, space, radii and target sizes, in
// one place. `tokens.css` is generated from this module (`tokensCss()`; test/ui/tokens.test.ts
// fails when the two differ and rewrites the file with UPDATE_TOKENS=1), so a stylesheet names
// a token (`var(--text-title)`), never a number of its own.
//
// Sizes are in rem on a root of 16 px × --text-scale (1, 1.25, 1.5: the resident's text size),
// so one multiplier scales them all (R12). The numbers below are at ×1.

/**
 * The palette. Every text pair is ≥ 7:1 and every icon or border pair ≥ 4.5:1 (R3); the pairs
 * in use are listed and checked in test/ui/contrast.test.ts.
 */
export const COLOURS = {
  /** Text and icons. */
  ink: '#111111',
  paper: '#ffffff',
  /** The one action colour: primary buttons (white on it), outlines and links. */
  accent: '#0b3d91',
  'accent-ink': '#ffffff',
  /** The frame's band and rail, and quiet dividers. */
  band: '#e8edf5',
  /** Cards and tiles stand on it. */
  surface: '#f4f6fa',
  /** An information notice, the step under way, the highlighted part of the terminal. */
  'info-bg': '#dde7f7',
  /** Failure and errors: text, icon and edge together (colour is never the only cue, R5). */
  alert: '#8a1010',
  'alert-bg': '#fdf0f0',
  /** Something to take care of (a note under review, a refund slip). */
  warning: '#7a4100',
  'warning-bg': '#fff3d6',
  /** Paid; money safe. */
  success: '#0a5c2b',
  'success-bg': '#e7f4ec',
  /** Disabled buttons: ink on the fill, and a dashed edge. */
  'disabled-bg': '#d0d0d0',
  'disabled-edge': '#595959',
} as const;
export type Colour = keyof typeof COLOURS;

/**
 * Type sizes. A number is rem: it grows with her text size (×1, ×1.25, ×1.5). A pair is
 * `max(px, rem)`: text that is large already (titles, amounts) starts at `px` and grows more
 * slowly, so at ×1.5 the small text has caught up and the screen still holds it all. R1: nothing
 * below 24 px, body 28 px, headings and amounts ≥ 40 px at every size. The large-type elder
 * modes of the big payment apps likewise set amounts and titles far above body text.
 */
export type TypeSize = number | { px: number; rem: number };
export const TYPE = {
  /** The frame's status line (chrome: ≥ 24 px). */
  chrome: 1.5,
  body: 1.75,
  lead: 2,
  button: 2,
  /** The step indicator's line. */
  step: 1.75,
  /** The frame's controls: learnt once, the same on every screen; they grow more slowly. */
  control: { px: 28, rem: 1.5 },
  title: { px: 48, rem: 2.5 },
  /** The main words of a result ("缴费成功"). */
  banner: { px: 56, rem: 3 },
  amount: { px: 40, rem: 2 },
  'amount-large': { px: 56, rem: 2.75 },
  'amount-huge': { px: 80, rem: 3.5 },
} as const satisfies Record<string, TypeSize>;

/** A type size in px at a text scale (1 rem = 16 px × scale). */
export function typePx(size: TypeSize, scale = 1): number {
  return typeof size === 'number' ? size * 16 * scale : Math.max(size.px, size.rem * 16 * scale);
}

/**
 * Pictures do not grow with her text size (it is her text that needs the help), so they keep
 * their room for the words at ×1.5 (px).
 */
export const PICTURES = {
  /** Beside a screen's title and in a tile. */
  icon: 72,
  /** A state's pictogram in its title (paid, failed…). */
  pictogram: 112,
} as const;

/** R2: line-height ≥ 1.5 × the font size; a paragraph ends with 0.75 em more. */
export const LINE_HEIGHT = 1.5;

/** Spacing (rem). R4: ≥ 1 rem (16 px) between two targets. */
export const SPACE = { xs: 0.5, s: 1, m: 1.5, l: 2, xl: 3 } as const;

/** Corner radii (rem). */
export const RADII = { s: 0.75, m: 1, l: 1.5 } as const;

/**
 * Targets (rem). R4: every button ≥ 80 × 80 px, the primary action ≥ 120 px tall; the primary
 * action's slot is as wide in every screen of an orientation, so it never moves.
 */
export const TARGETS = {
  min: 5,
  primary: 7.5,
  'primary-width': 30,
  tile: 8.75,
} as const;

/** The landscape rail of frame controls: its width grows with its words, more slowly. */
export const FRAME = { rail: { px: 272, rem: 15 } } as const satisfies Record<string, TypeSize>;

const rem = (n: number) => `${n}rem`;

/** The tokens as CSS custom properties: the text of tokens.css. */
export function tokensCss(): string {
  const lines = [
    '/* Generated from ui/design/tokens.ts by test/ui/tokens.test.ts (UPDATE_TOKENS=1): do not edit. */',
    ':root {',
    ...Object.entries(COLOURS).map(([k, v]) => `  --${k}: ${v};`),
    ...Object.entries(TYPE).map(
      ([k, v]: [string, TypeSize]) =>
        `  --text-${k}: ${typeof v === 'number' ? rem(v) : `max(${v.px}px, ${rem(v.rem)})`};`,
    ),
    `  --line-height: ${LINE_HEIGHT};`,
    ...Object.entries(SPACE).map(([k, v]) => `  --space-${k}: ${rem(v)};`),
    ...Object.entries(RADII).map(([k, v]) => `  --radius-${k}: ${rem(v)};`),
    ...Object.entries(TARGETS).map(([k, v]) => `  --target-${k}: ${rem(v)};`),
    ...Object.entries(FRAME).map(([k, v]) => `  --frame-${k}: max(${v.px}px, ${rem(v.rem)});`),
    ...Object.entries(PICTURES).map(([k, v]) => `  --picture-${k}: ${v}px;`),
    '}',
    '',
  ];
  return lines.join('\n');
}
