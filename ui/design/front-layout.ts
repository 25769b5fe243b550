// The geometry of the terminal's front, computed from the config's layout (which part is on
// which side of the screen, in order): the cabinet, the screen, and one box per part. Pure, so
// the picture is the data and a test can hold it to the layout (test/ui/front-layout.test.ts).
import {
  FRONT_SIDES,
  type FrontPanel,
  type FrontPart,
  type FrontSide,
} from '../../src/api/kiosk-api';
import type { MessageKey, Translator } from '../i18n/messages';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PartBox extends Box {
  part: FrontPart;
  side: FrontSide;
  /** Its place on its side (0 = top beside the screen, left below it) of `of`. */
  index: number;
  of: number;
}

export interface FrontLayout {
  width: number;
  height: number;
  cabinet: Box;
  screen: Box;
  parts: PartBox[];
}

/** In the SVG's user units. */
const SCREEN = { w: 200, h: 150 };
const COLUMN = 84;
const SHELF = 84;
const GAP = 14;
const PAD = 16;
/** Half the cabinet's stroke, so the outline is not cut at the picture's edge. */
const EDGE = 2;

export function frontLayout(panel: FrontPanel): FrontLayout {
  const has = (side: FrontSide) => panel[side].length > 0;
  const screenX = PAD + (has('left') ? COLUMN + GAP : 0);
  const width = screenX + SCREEN.w + (has('right') ? GAP + COLUMN : 0) + PAD;
  const height = PAD + SCREEN.h + (has('below') ? GAP + SHELF : 0) + PAD;
  const screen = { x: screenX, y: PAD, w: SCREEN.w, h: SCREEN.h };
  const parts: PartBox[] = [];
  for (const side of FRONT_SIDES) {
    const list = panel[side];
    const n = list.length;
    list.forEach((part, index) => {
      if (side === 'below') {
        const inner = width - 2 * PAD;
        const w = (inner - (n - 1) * GAP) / n;
        const y = PAD + SCREEN.h + GAP;
        parts.push({ part, side, index, of: n, x: PAD + index * (w + GAP), y, w, h: SHELF });
      } else {
        const h = (SCREEN.h - (n - 1) * GAP) / n;
        const x = side === 'left' ? PAD : screenX + SCREEN.w + GAP;
        parts.push({ part, side, index, of: n, x, y: PAD + index * (h + GAP), w: COLUMN, h });
      }
    });
  }
  // The cabinet's outline is drawn inside the picture, its stroke included.
  const cabinet = { x: EDGE, y: EDGE, w: width - 2 * EDGE, h: height - 2 * EDGE };
  return { width, height, cabinet, screen, parts };
}

/** Where on its side a part is, when it shares the side: first, middle or last. */
export function positionOf(p: Pick<PartBox, 'index' | 'of'>): 'first' | 'middle' | 'last' | null {
  if (p.of < 2) return null;
  if (p.index === 0) return 'first';
  return p.index === p.of - 1 ? 'last' : 'middle';
}

const PART_WORD: Record<FrontPart, MessageKey> = {
  notes: 'frontPartNotes',
  scanner: 'frontPartScanner',
  receipt: 'frontPartReceipt',
};
const SIDE_WORD: Record<FrontSide, MessageKey> = {
  left: 'frontSideLeft',
  right: 'frontSideRight',
  below: 'frontSideBelow',
};

/** "纸币口在屏幕右边，上面一个": where a part is, in words. */
export function whereIs(t: Translator, p: PartBox): string {
  const part = t(PART_WORD[p.part]);
  const side = t(SIDE_WORD[p.side]);
  const position = positionOf(p);
  if (!position) return t('frontWhere', { part, side });
  const key: MessageKey =
    position === 'middle'
      ? 'frontPosMiddle'
      : p.side === 'below'
        ? position === 'first'
          ? 'frontPosLeft'
          : 'frontPosRight'
        : position === 'first'
          ? 'frontPosUpper'
          : 'frontPosLower';
  return t('frontWhereOf', { part, side, position: t(key) });
}
