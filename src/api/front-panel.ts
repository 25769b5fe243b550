// Where the resident's hands go on this model of terminal: the note slot, the scanner window and
// the receipt slot, each on a side of the screen. The host reads it from config
// (`frontPanel`, src/config/schema.ts) and sends it in every snapshot; the renderer draws the
// terminal's front from it (ui/design/TerminalFront.tsx). Browser-safe (zod/mini only).
import { z } from 'zod/mini';

/** The parts a resident is sent to: notes in, a code shown, the receipt out. */
export const FRONT_PARTS = ['notes', 'scanner', 'receipt'] as const;
export const FrontPart = z.enum(FRONT_PARTS);
export type FrontPart = z.infer<typeof FrontPart>;

/** The sides of the screen a part can sit on. */
export const FRONT_SIDES = ['left', 'right', 'below'] as const;
export type FrontSide = (typeof FRONT_SIDES)[number];

/**
 * Each side lists its parts in order: top to bottom beside the screen, left to right below it.
 * Every part is on exactly one side (`frontPanelProblem`).
 */
export const FrontPanel = z
  .object({ left: z.array(FrontPart), right: z.array(FrontPart), below: z.array(FrontPart) })
  .check(
    z.refine((p) => frontPanelProblem(p) === null, {
      message: 'every part (notes, scanner, receipt) on exactly one side',
    }),
  );
export type FrontPanel = z.infer<typeof FrontPanel>;

/** The common layout of the State Grid community terminals: notes and receipt to the right of the screen, the scanner window on the shelf below it. */
export const DEFAULT_FRONT_PANEL: FrontPanel = {
  left: [],
  right: ['notes', 'receipt'],
  below: ['scanner'],
};

/** Why a layout cannot be drawn (a part missing or on two sides), or null when it can. */
export function frontPanelProblem(panel: Record<FrontSide, readonly string[]>): string | null {
  for (const part of FRONT_PARTS) {
    const count = FRONT_SIDES.reduce(
      (n, side) => n + panel[side].filter((p) => p === part).length,
      0,
    );
    if (count === 0) return `${part} is on no side`;
    if (count > 1) return `${part} is on more than one side`;
  }
  return null;
}

/** The side a part is on. */
export function sideOf(panel: FrontPanel, part: FrontPart): FrontSide {
  return FRONT_SIDES.find((side) => panel[side].includes(part)) ?? 'below';
}
