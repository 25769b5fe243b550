import { useEffect, useRef, useState } from 'react';
import Keyboard from 'simple-keyboard/build/index.modern.esm.js';
import { translator } from '../i18n/messages';
import { useSay } from '../voice/voice-context';
import { ROWS } from './layouts';
import type { TextKeyboardProps } from './TextKeyboard';
import {
  BACKSPACE,
  CANDIDATES_PER_PAGE,
  DONE,
  SPACE,
  candidatePage,
  candidatesFor,
  choose,
  length,
  press,
  type Typing,
} from './typing';
import './keyboard.css';

/** The keyboard itself, loaded on first use by `TextKeyboard`. */
export default function KeyboardPanel({
  lang,
  value,
  maxLength,
  onChange,
  onDone,
  layout = 'chinese',
  initialPinyin = '',
}: TextKeyboardProps) {
  const t = translator(lang);
  const say = useSay();
  const [pinyin, setPinyin] = useState(initialPinyin);
  const [page, setPage] = useState(0);
  const keys = useRef<HTMLDivElement>(null);

  const apply = (next: Typing) => {
    if (next.value !== value) onChange(next.value);
    if (next.pinyin !== pinyin) {
      setPinyin(next.pinyin);
      setPage(0);
    }
  };
  const onKey = (key: string) => {
    if (key === DONE) {
      onDone();
      return;
    }
    apply(press({ value, pinyin }, key, layout, maxLength));
    const words: Record<string, string> = { [BACKSPACE]: t('delete'), [SPACE]: t('keyboardSpace') };
    say(words[key] ?? key.toUpperCase());
  };
  const pick = (char: string) => {
    apply(choose({ value, pinyin }, char, maxLength));
    say(char);
  };

  // simple-keyboard keeps the callback it was made with: it reaches the latest one through here.
  const latestKey = useRef(onKey);
  useEffect(() => {
    latestKey.current = onKey;
  });
  useEffect(() => {
    const host = keys.current;
    if (!host) return;
    const keyboard = new Keyboard(host, {
      layout: { default: [...ROWS[layout]] },
      display: {
        [BACKSPACE]: t('delete'),
        [SPACE]: t('keyboardSpace'),
        [DONE]: t('keyboardDone'),
      },
      buttonTheme: [
        { class: 'key-function', buttons: `${BACKSPACE} ${SPACE}` },
        { class: 'key-done', buttons: DONE },
      ],
      theme: 'text-keys',
      useButtonTag: true,
      // One tap, one key: holding a key never repeats it (R11).
      disableButtonHold: true,
      onKeyPress: (button: string) => latestKey.current(button),
    });
    return () => keyboard.destroy();
    // The keys change with the layout and the language only (`t` follows `lang`).
  }, [layout, lang]);

  const count = length(value);
  const full = count >= maxLength;
  const { chars } = candidatesFor(pinyin);
  const note = full
    ? t('keyboardFull')
    : pinyin && chars.length === 0
      ? t('keyboardNoMatch')
      : layout === 'chinese' && !pinyin
        ? t('keyboardPinyinHint')
        : null;
  return (
    <div className="text-keyboard" data-layout={layout}>
      <div className="keyboard-field">
        <output className="keyboard-text" aria-label={t('keyboardTyped')}>
          {value}
          {pinyin && <span className="keyboard-pinyin">{pinyin}</span>}
          <span className="keyboard-caret" aria-hidden="true" />
        </output>
        <p className="keyboard-count">{t('keyboardCount', { count, max: maxLength })}</p>
      </div>
      <div
        className="keyboard-candidates"
        {...(layout === 'chinese' && { role: 'group', 'aria-label': t('keyboardCandidates') })}
      >
        {note ? (
          <p className="keyboard-note">{note}</p>
        ) : (
          candidatePage(chars, page).map((char) => (
            <button key={char} className="button candidate" onClick={() => pick(char)}>
              {char}
            </button>
          ))
        )}
        {!note && chars.length > CANDIDATES_PER_PAGE && (
          <button className="button secondary candidate-more" onClick={() => setPage(page + 1)}>
            {t('keyboardMore')}
          </button>
        )}
      </div>
      <div ref={keys} className="simple-keyboard" />
    </div>
  );
}
