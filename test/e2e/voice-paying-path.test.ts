// End to end in headless Chromium through the real host, in both languages: what the voice says
// on the paying path. Every line is caught as the renderer speaks it, with the screen and the
// buttons on display at that moment: the billers are named once they are on the screen (never
// an empty list), the bills' amounts and the total are said in words, the paid screen says the
// amount received (and, paying cash over the amount, the amount kept) — "received", never
// "inserted", for a wallet payment — and no line holds an amount in digits or the account.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BillerKind, Locale, Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { Translator } from '../../ui/i18n/messages';
import { spokenAmount } from '../../ui/voice/spoken-amount';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';

const env = useKioskInChromium();

/** A line as the renderer spoke it, with what was on the screen then. */
interface Heard {
  text: string;
  lang: string;
  screen: string;
  buttons: string[];
}

/**
 * Before the renderer loads: its voice trace (window.__kioskVoice, voice-trace.ts) is an array
 * whose push also notes the screen and its buttons at the moment each line is spoken.
 */
function interceptSpeech(): void {
  // The page's DOM, as much of it as is used (this project has no DOM types).
  interface Main {
    dataset: { screen?: string };
    querySelectorAll(selector: string): Iterable<{ innerText: string }>;
  }
  const page = globalThis as unknown as {
    document: { querySelector(selector: string): Main | null };
  };
  const heard: Heard[] = [];
  const lines: { text: string; lang: string }[] = [];
  lines.push = (...items) => {
    for (const item of items) {
      const main = page.document.querySelector('main.frame-main');
      heard.push({
        ...item,
        screen: main?.dataset.screen ?? '',
        buttons: [...(main?.querySelectorAll('button') ?? [])].map((b) => b.innerText.trim()),
      });
    }
    return Array.prototype.push.apply(lines, items);
  };
  Object.assign(globalThis, { __heard: heard, __kioskVoice: lines });
}

const heard = (page: Page): Promise<Heard[]> =>
  page.evaluate(() => (globalThis as unknown as { __heard?: Heard[] }).__heard ?? []);

/** The first line said on `screen` that passes `test`, waited for. */
async function lineOn(page: Page, screen: string, test: (text: string) => boolean) {
  let found: Heard | undefined;
  await expect
    .poll(
      async () => {
        found = (await heard(page)).find((h) => h.screen === screen && test(h.text));
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found as Heard;
}

const said = (locale: Locale, fen: number) => spokenAmount(fen, locale);
/** Contains the words, also where they begin a sentence with a capital. */
const has = (text: string, words: string) => text.toLowerCase().includes(words.toLowerCase());

async function open(locale: Locale): Promise<{ page: Page; t: Translator }> {
  const page = await env.browser().newPage({
    viewport: { width: 1920, height: 1080 },
    bypassCSP: true,
  });
  await page.addInitScript(interceptSpeech);
  await page.goto(env.kiosk().launchUrl());
  return { page, t: await attractIn(page, env.kiosk(), locale) };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

function latest<N extends Screen['name']>(name: N): Extract<Screen, { name: N }> {
  const screen = env.kiosk().host.latest().screen;
  if (screen.name !== name) throw new Error(`on ${screen.name}, not ${name}`);
  return screen as Extract<Screen, { name: N }>;
}

/** No amount in digits, no account number, in anything said on this page. */
async function noDigitsSaid(page: Page, account: string): Promise<void> {
  for (const h of await heard(page)) {
    expect(h.text).not.toMatch(/\d\.\d\d/);
    expect(h.text).not.toContain(account);
  }
}

/** The bills: every amount on them said in words, then the choices. */
async function hearBills(page: Page, t: Translator, locale: Locale): Promise<number> {
  await page.getByTestId('total-due').waitFor({ timeout: 10_000 });
  const { quote } = latest('bills');
  const line = await lineOn(page, 'bills', (text) => has(text, said(locale, quote.totalDue)));
  for (const b of quote.bills) {
    expect(has(line.text, said(locale, b.principal)), line.text).toBe(true);
    if (b.lateFee > 0) expect(has(line.text, said(locale, b.lateFee)), line.text).toBe(true);
  }
  expect(line.text).not.toContain(formatYuan(quote.totalDue));
  expect(line.text).toContain(t('payCash'));
  expect(line.text).toContain(t('payQr'));
  return quote.totalDue;
}

describe.each<{
  locale: Locale;
  keyed: { kind: BillerKind; account: string; wallet: string };
  scanned: { code: string; account: string };
}>([
  {
    locale: 'zh-CN',
    keyed: { kind: 'electricity', account: '3100123456', wallet: '134567890123456780' },
    scanned: { code: 'SHGAS:50012345', account: '50012345' },
  },
  {
    locale: 'en',
    keyed: { kind: 'telecom', account: '13301234567', wallet: '134567890123456790' },
    scanned: { code: 'SHWATER:210012345', account: '210012345' },
  },
])('the voice on the paying path in $locale', ({ locale, keyed, scanned }) => {
  it('billers named once listed, the bills in words, a wallet payment "received"', async () => {
    const { page, t } = await open(locale);
    await button(page, t('start')).click();
    await page.getByRole('button', { name: new RegExp(`^${t.kind(keyed.kind)}`) }).waitFor();
    // The billers: said with the list on the screen, each open one by name, then 返回.
    const listed = latest('chooseBiller')
      .billers.filter((b) => !b.paused)
      .map((b) => t.kind(b.kind));
    const list = await lineOn(page, 'chooseBiller', (text) =>
      listed.every((k) => text.includes(k)),
    );
    expect(list.text).toContain(t('back'));
    for (const h of (await heard(page)).filter((x) => x.screen === 'chooseBiller')) {
      for (const kind of listed) expect(h.buttons.join(' '), h.text).toContain(kind);
    }
    // The account, typed; the bills heard in words.
    await page.getByRole('button', { name: new RegExp(`^${t.kind(keyed.kind)}`) }).click();
    for (const d of keyed.account) await button(page, d).click();
    await button(page, t('confirm')).click();
    const due = await hearBills(page, t, locale);
    // Confirm: the amount in words, the account by its last 4 digits only.
    await button(page, t('payQr')).click();
    const confirm = await lineOn(page, 'confirm', (text) => has(text, said(locale, due)));
    expect(confirm.text).toContain(keyed.account.slice(-4).split('').join(' '));
    expect(confirm.text).toContain(t('confirmPay'));
    await button(page, t('confirmPay')).click();
    await lineOn(page, 'qrPay', (text) => has(text, said(locale, due)));
    // The wallet pays at once: the amount received, and nothing "inserted".
    env.kiosk().scanner.scan(keyed.wallet);
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    const { collected } = latest('paid');
    const paid = await lineOn(page, 'paid', (text) => text.startsWith(t('paid')));
    expect(has(paid.text, said(locale, collected)), paid.text).toBe(true);
    expect(paid.text).not.toContain(t('collected'));
    expect(paid.text).not.toMatch(/insert|放入/i);
    expect(paid.text).toContain(t('done'));
    await noDigitsSaid(page, keyed.account);
    await button(page, t('done')).click();
    await page.locator('[data-screen="attract"]').waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);

  it('cash over the amount: each note counted in words, the amount kept said', async () => {
    const { page, t } = await open(locale);
    const kiosk = env.kiosk();
    kiosk.scanner.scan(scanned.code);
    const due = await hearBills(page, t, locale);
    await button(page, t('payCash')).click();
    await button(page, t('confirmPay')).click();
    await lineOn(page, 'insertCash', (text) => has(text, said(locale, due)));
    await insertNote(kiosk, 10_000);
    await lineOn(
      page,
      'insertCash',
      (text) => has(text, said(locale, 10_000)) && has(text, said(locale, due - 10_000)),
    );
    while (kiosk.host.latest().screen.name === 'insertCash') {
      await insertNote(kiosk, 10_000);
      await new Promise((r) => setTimeout(r, 300));
    }
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    const { collected, prepaidCredited } = latest('paid');
    expect(prepaidCredited).toBeGreaterThan(0);
    const paid = await lineOn(page, 'paid', (text) => text.startsWith(t('paid')));
    expect(has(paid.text, said(locale, collected)), paid.text).toBe(true);
    expect(has(paid.text, said(locale, prepaidCredited)), paid.text).toBe(true);
    await noDigitsSaid(page, scanned.account);
    await button(page, t('done')).click();
    await page.locator('[data-screen="attract"]').waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);
});
