// End to end in headless Chromium, by visible text, in both languages: the technician's tests
// that take no money. The acceptor in its test mode hands every note back (the emulator's
// stacked count and the journal's cash box unchanged); a bill code and a wallet code scanned
// show only their kinds; a card shows its last 4 digits; the voice test speaks; the touch grid
// lights up to "all corners reached".
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import type { KioskConfig } from '../../src/config/schema';
import type { Translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';

const TECH = { staffNumber: '2001', pin: '482913' };
const WATER = 'SHWATER:210012345';
/** A WeChat Pay payment code's shape (18 digits from 10–15). */
const WALLET = '134567890123456789';
const ACCOUNT_CARD = '04A1B2C3D4E5F6';

const env = useKioskInChromium({
  devices: {
    billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
    scanner: { driver: 'serial-line', port: 'sim://scanner' },
    printer: { driver: 'escpos', port: 'sim://printer', paper: 80, pollIntervalMs: 1000 },
    cardReader: {
      driver: 'pcsc',
      reader: 'sim://card-reader',
      retryMs: 200,
      cards: [{ uid: ACCOUNT_CARD, kind: 'account', billerId: 'sh-power', account: '3100123456' }],
    },
  },
  people: [{ staffNumber: TECH.staffNumber, name: '李工', role: 'technician' }],
} as Partial<KioskConfig>);

beforeAll(async () => {
  await env.kiosk().host.service.auth.setupPinAtConsole(TECH.staffNumber, TECH.pin);
});

async function openDiagnostics(page: Page, t: Translator) {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await button(t('staffSignIn')).click();
  for (const d of TECH.staffNumber) await button(d).click();
  await button(t('staffNext')).click();
  for (const d of TECH.pin) await button(d).click();
  await page.getByRole('heading', { name: t('staffHome', { name: '李工' }) }).waitFor();
  await button(t('staffOpenDiagnostics')).click();
  await page.getByRole('heading', { name: t('diagnosticsTitle') }).waitFor();
}

describe.each<Locale>(['zh-CN', 'en'])('diagnostics tests (%s)', (locale) => {
  it('acceptor, scanner, card, voice and touch: no money taken, no payment, no full text', async () => {
    const kiosk = env.kiosk();
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.launchUrl());
    const t = await attractIn(page, kiosk, locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    await openDiagnostics(page, t);

    // The acceptor: a note validated and handed back, nothing stacked, nothing journalled.
    const stacked = kiosk.acceptor.counters().stacked;
    const box = kiosk.host.money.cashBox.contents().total;
    await button(t('diagTestAcceptor')).click();
    await page.getByText(t('diagTestAcceptorOn')).waitFor();
    await expect.poll(() => kiosk.acceptor.insertNote(2000), { timeout: 5000 }).toBe(true);
    await page.getByText(t('diagTestNoteReturned', { amount: '20.00' })).waitFor();
    expect(kiosk.acceptor.counters().stacked).toBe(stacked);
    expect(kiosk.host.money.cashBox.contents().total).toBe(box);
    await button(t('diagTestStop')).click();
    await button(t('diagTestAcceptor')).waitFor();

    // The scanner: classes and lengths only; the wallet code starts no payment.
    await button(t('diagTestScanner')).click();
    await page.getByText(t('diagTestScannerOn')).waitFor();
    kiosk.scanner.scan(WATER);
    await page.getByText(t('diagTestScanBill', { length: WATER.length })).waitFor();
    kiosk.scanner.scan(WALLET);
    await page.getByText(t('diagTestScanPaymentCode', { length: WALLET.length })).waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('210012345');
    expect(body).not.toContain(WALLET);
    expect(kiosk.host.latest().screen.name).toBe('attract');
    await button(t('diagTestStop')).click();

    // The card: its last 4 digits and kind; no sign-in, no bills.
    await button(t('diagTestCard')).click();
    await page.getByText(t('diagTestCardOn')).waitFor();
    kiosk.cards.set(ACCOUNT_CARD);
    await page
      .getByText(t('diagTestCardRead', { last4: 'E5F6', kind: t('diagTestCardAccount') }))
      .waitFor();
    expect(await page.locator('body').innerText()).not.toContain('A1B2C3');
    kiosk.cards.set(null);
    expect(kiosk.host.latest().screen.name).toBe('attract');
    await page.getByRole('heading', { name: t('diagnosticsTitle') }).waitFor();

    // The voice: the fixed sentence, in the screen's language.
    await button(t('diagTestVoice')).click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          ((globalThis as unknown as { __kioskVoice?: { text: string }[] }).__kioskVoice ?? []).map(
            (l) => l.text,
          ),
        ),
      )
      .toContain(t('diagTestVoiceSentence'));

    // The touch grid: every corner lights up.
    await button(t('diagTestTouch')).click();
    for (const n of ['1', '4', '9', '12']) await button(n).click();
    await page.getByText(t('diagTestTouchDone')).waitFor();
    await button(t('diagTestStop')).click();

    // Each test audited by name only.
    const records = kiosk.host.service.audit.list().filter((r) => r.action === 'diagnostics.test');
    expect(new Set(records.map((r) => r.detail?.['test']))).toEqual(
      new Set(['acceptor', 'scanner', 'card', 'voice', 'touch']),
    );
    const audit = JSON.stringify(records);
    expect(audit).not.toContain('210012345');
    expect(audit).not.toContain(ACCOUNT_CARD);
    await button(t('staffLeave')).click();
    await page.close();
  });
});
