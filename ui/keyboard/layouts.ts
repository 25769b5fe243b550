// The keys of the three layouts, as simple-keyboard takes them (one string a row, keys apart by
// spaces, `{name}` for a function key). Ten keys a row at most, so that each stays ≥ 80 px wide
// with 16 px between them on the 1080 px width of a tall screen (R4); one tap each, no shift.
import { BACKSPACE, DONE, SPACE, type KeyboardLayout } from './typing';

const DIGITS = '1 2 3 4 5 6 7 8 9 0';
const TOP = 'q w e r t y u i o p';
const MIDDLE = 'a s d f g h j k l';
const BOTTOM = 'z x c v b n m';

export const ROWS: Record<KeyboardLayout, readonly string[]> = {
  // Letters spell pinyin; digits for house numbers ("3号楼").
  chinese: [DIGITS, TOP, MIDDLE, `${BOTTOM} ${BACKSPACE}`, `${SPACE} ${DONE}`],
  // Codes, plates and tax numbers: capitals and digits only.
  latin: [
    DIGITS,
    TOP.toUpperCase(),
    MIDDLE.toUpperCase(),
    `${BOTTOM.toUpperCase()} ${BACKSPACE}`,
    `- ${SPACE} ${DONE}`,
  ],
  // An e-mail address: lower case and the marks addresses use.
  email: [DIGITS, TOP, MIDDLE, `${BOTTOM} ${BACKSPACE}`, `@ . - _ ${DONE}`],
};
