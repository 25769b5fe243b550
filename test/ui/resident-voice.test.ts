// What the voice says over every gallery fixture, in both languages. Each resident screen is
// rendered as the renderer draws it: every button she can tap is named in the screen's line, in
// the order it stands, and every amount shown is said in words (spoken-amount.ts). Over every
// line of every fixture, staff screens too: each sentence starts with a capital, and no line
// holds an amount in digits, a code in snake_case, a placeholder or a whole account number.
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ACCOUNT } from '../../sim/gallery/fixture-data';
import { FIXTURES, STAFF_FIXTURES } from '../../sim/gallery/fixtures';
import type { ReceiptDelivery, Locale, Screen, Snapshot } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import type { ScreenProps } from '../../ui/screens/types';
import { spellDigits } from '../../ui/voice/screen-voice';
import { spokenAmount } from '../../ui/voice/spoken-amount';
import { newVoiceMemory, voiceCues } from '../../ui/voice/voice-cues';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const NOW = 1_000_000;
const staffIds = new Set(STAFF_FIXTURES.map((f) => f.id));
const residentFixtures = FIXTURES.filter((f) => !staffIds.has(f.id));

/** Every line said when the fixture's snapshot is the first one (a new screen, a new visit). */
function linesOf(s: Snapshot): string[] {
  return voiceCues(null, s, translator(s.locale), NOW, newVoiceMemory());
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();

// The renderer's screens, loaded when the test runs: this (Node) project type-checks tests
// without JSX, so the .tsx module is not imported by name.
const SCREEN_VIEW = '../../ui/screens/ScreenView.tsx';
const { ScreenView } = (await import(/* @vite-ignore */ SCREEN_VIEW)) as {
  ScreenView: FunctionComponent<
    ScreenProps & { screen: Screen; receipts: ReceiptDelivery; textScale: number }
  >;
};

/** The resident's screen as the renderer draws it (without the frame), less the receipt copy. */
function rendered(s: Snapshot): string {
  const t = translator(s.locale);
  const html = renderToStaticMarkup(
    createElement(ScreenView, {
      screen: s.screen,
      receipts: s.service.receipts,
      textScale: s.prefs.textScale,
      t,
      send: () => undefined,
    }),
  );
  // The receipt is a copy of the paper beside the screen, not the screen's own words.
  return html.replace(/<figure class="receipt"[\s\S]*?<\/figure>/g, '');
}

const AMOUNT = /(\d+)\.(\d\d) ?(?:元|yuan)/gu;
const toFen = (yuan: string, fen: string) => Number(yuan) * 100 + Number(fen);

/** A label as the voice says it: an amount in it in words. */
const spokenLabel = (label: string, locale: Locale) =>
  label.replace(AMOUNT, (_, y: string, f: string) => spokenAmount(toFen(y, f), locale));

/**
 * The enabled buttons' labels in the order the voice says them: the main ways on first (the
 * body's tiles and the action bar's primary button, ui/design/), then the others, each group in
 * the order it stands. A tile is said by its name (its big text), not its detail.
 */
function buttons(html: string): string[] {
  const all = [...html.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)]
    .filter((m) => !/\sdisabled=""/.test(m[1] ?? ''))
    .map((m) => {
      const inner = m[2] ?? '';
      const label = /<span class="tile-label">([\s\S]*?)<\/span>/.exec(inner);
      const main = /\b(tile|action-primary)\b/.test(m[1] ?? '');
      return { main, label: decode(label ? (label[1] ?? '') : inner.replace(/<[^>]+>/g, '')) };
    })
    // The keypad's digits (and the service point's Latin capitals) are echoed as typed, not
    // read out as choices.
    .filter((b) => !/^[\dA-Z]$/.test(b.label));
  return [...all.filter((b) => b.main), ...all.filter((b) => !b.main)].map((b) => b.label);
}

/** Where the voice names the choices in another order than main-then-other. */
const SAID_ORDER: Readonly<Record<string, (labels: string[]) => string[]>> = {
  // The keypads: the way on (确认 / 下一步) is said in the first sentence, not among the choices.
  enterAccount: (labels) => labels.slice(1),
  progressEntry: (labels) => labels.slice(1),
  invoiceEntry: (labels) => labels.slice(1),
};

describe.each(LOCALES)('the resident’s screens say their choices and amounts (%s)', (locale) => {
  it.each(residentFixtures.map((f) => f.id))('%s', (id) => {
    const fixture = residentFixtures.find((f) => f.id === id);
    if (!fixture) throw new Error(id);
    const s = fixture.snapshot(locale);
    const [line = ''] = linesOf(s);
    const html = rendered(s);
    // Its choices, in order.
    const labels = buttons(html).map((l) => spokenLabel(l, locale));
    const order = SAID_ORDER[s.screen.name] ?? ((l: string[]) => l);
    let from = 0;
    for (const label of order(labels)) {
      const at = line.toLowerCase().indexOf(label.toLowerCase(), from);
      expect(at, `${id}: "${label}" in order in: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + label.length;
    }
    // Its amounts (other than nothing inserted yet), in words.
    for (const m of decode(html).matchAll(AMOUNT)) {
      const fen = toFen(m[1] ?? '', m[2] ?? '');
      // (A sentence may begin with it: "Four hundred and seventeen yuan ninety fen to pay".)
      if (fen > 0) {
        expect(line.toLowerCase(), `${id}: ${m[0]}`).toContain(spokenAmount(fen, locale));
      }
    }
  });

  it('says the notes the acceptor takes, in words', () => {
    const fixture = residentFixtures.find((f) => f.id === 'insert-cash');
    const [line = ''] = linesOf(fixture?.snapshot(locale) ?? ({} as Snapshot));
    for (const fen of [1_000, 2_000, 5_000, 10_000]) {
      expect(line.toLowerCase()).toContain(spokenAmount(fen, locale));
    }
  });
});

describe.each(LOCALES)('every voice line of every gallery fixture (%s)', (locale) => {
  const all = FIXTURES.map((f) => ({ id: f.id, lines: linesOf(f.snapshot(locale)) }));

  it('says something on every screen', () => {
    for (const { id, lines } of all) expect(lines.join('').trim(), id).not.toBe('');
  });

  it('starts every sentence with a capital letter', () => {
    for (const { id, lines } of all) {
      for (const line of lines) {
        for (const sentence of line.split(/(?<=[.!?。！？])\s+/u)) {
          expect(sentence, `${id}: ${line}`).not.toMatch(/^[a-z]/);
        }
      }
    }
  });

  it('never says an amount in digits, a code, a placeholder or a whole account number', () => {
    for (const { id, lines } of all) {
      for (const line of lines) {
        expect(line, id).not.toMatch(/\d\.\d\d/);
        expect(line, id).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        expect(line, id).not.toMatch(/\{\w+\}|undefined|null|NaN|\[object/);
        expect(line, id).not.toContain(ACCOUNT);
        expect(line, id).not.toContain(spellDigits(ACCOUNT));
      }
    }
  });
});
