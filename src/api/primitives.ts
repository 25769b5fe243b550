// The smallest shared schemas: money and the keypad. Browser-safe (zod/mini only).
import { z } from 'zod/mini';

/** Money is integer fen everywhere. */
export const Fen = z.int().check(z.nonnegative());

export const Key = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', 'clear']);
export type Key = z.infer<typeof Key>;

/** Every text a resident reads, in both languages of the kiosk. */
export const LocalizedText = z.object({ 'zh-CN': z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const BillerKind = z.enum(['electricity', 'water', 'gas', 'telecom', 'cabletv']);
export type BillerKind = z.infer<typeof BillerKind>;
