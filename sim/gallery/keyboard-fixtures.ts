// The text keyboard (ui/keyboard/) on a field of the service point's forms, in each layout:
// no screen of the KioskApi holds it yet, so the gallery shows it on a stage of its own
// (`FieldStage.tsx`) inside the real frame, for the UX suite and the screenshots.
import type { Locale } from '../../src/api/kiosk-api';
import type { KeyboardLayout } from '../../ui/keyboard/typing';

/** A form's text field with the keyboard open on it. */
export interface FieldStage {
  /** The field's name, the screen's title. */
  label: Record<Locale, string>;
  layout: KeyboardLayout;
  value: string;
  maxLength: number;
  /** Pinyin typed but not yet a character: the candidates are on screen. */
  pinyin?: string;
}

const field = (id: string, title: string, stage: FieldStage) => ({ id, title, stage });

/** Shown over the service point's first screen, the frame as it is there. */
export const KEYBOARD_STAGES = [
  field('text-keyboard-chinese', 'Text keyboard: pinyin, the candidates up', {
    label: { 'zh-CN': '联系人姓名', en: 'Name of the contact' },
    layout: 'chinese',
    value: '王',
    pinyin: 'xiao',
    maxLength: 10,
  }),
  field('text-keyboard-latin', 'Text keyboard: capitals and digits', {
    label: { 'zh-CN': '车牌号码', en: 'Number plate' },
    layout: 'latin',
    value: 'A12',
    maxLength: 8,
  }),
  field('text-keyboard-email', 'Text keyboard: an e-mail address', {
    label: { 'zh-CN': '接收发票的电子邮箱', en: 'E-mail address for the invoice' },
    layout: 'email',
    value: 'wang.li@',
    maxLength: 60,
  }),
];
