// Amounts as printed: yuan with the 元 suffix (never ¥, which is outside GBK).
import { formatYuan } from '../api/money';

/** 18650 → "186.50元". */
export const yuan = (fen: number): string => `${formatYuan(fen)}元`;

/** A banknote's face value: 10000 → "100元", 50 → "0.50元". */
export const noteValue = (fen: number): string =>
  fen % 100 === 0 ? `${fen / 100}元` : `${formatYuan(fen)}元`;
