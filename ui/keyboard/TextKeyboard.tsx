import { lazy, Suspense } from 'react';
import type { Locale } from '../../src/api/kiosk-api';
import type { KeyboardLayout } from './typing';

export interface TextKeyboardProps {
  lang: Locale;
  value: string;
  /** In characters as she sees them (a Chinese character is one). */
  maxLength: number;
  onChange(value: string): void;
  onDone(): void;
  /** Chinese by pinyin (the default), Latin capitals and digits, or an e-mail address. */
  layout?: KeyboardLayout;
  /** Pinyin already typed when it opens (the gallery shows the candidates so). */
  initialPinyin?: string;
}

// The keys and the pinyin lists load only when a screen first asks for text: most visits
// never do, and the kiosk starts without them (P6).
const KeyboardPanel = lazy(() => import('./KeyboardPanel'));

/**
 * The on-screen keyboard for the few text fields: what is typed, the pinyin's characters to
 * choose from (Chinese), the keys and 完成. The value is the caller's; the pinyin not yet made
 * a character is the keyboard's own.
 */
export function TextKeyboard(props: TextKeyboardProps) {
  return (
    <Suspense fallback={<div className="text-keyboard" aria-busy="true" data-loading />}>
      <KeyboardPanel {...props} />
    </Suspense>
  );
}
