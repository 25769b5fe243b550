// End to end in headless Chromium through the real host, by visible text in both languages:
// the printer is out of paper, so the paid screen shows the receipt as a QR to save on a phone;
// a resident without a smartphone asks staff for a printed copy instead. Staff are called with
// that reason (the screen says they will print her a copy, and the result waits for them);
// staff signing in read that she wants a printed copy and the account's last 4 digits, put in a
// new roll, reprint her receipt as a copy and hand the screen back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, setPeoplePins, signIn } from '../support/staff-people';

const env = useKioskInChromium({ people: PEOPLE });
beforeAll(() => setPeoplePins(env.kiosk()));

/** A bill per language, each paid once here: its scan code, a note that pays it, its tail. */
const BILL: Record<Locale, { code: string; note: number; tail: string }> = {
  'zh-CN': { code: 'SGCC:3100000002', note: 2_000, tail: '0002' },
  en: { code: 'SHWATER:210012345', note: 10_000, tail: '2345' },
};

describe.each<Locale>(['zh-CN', 'en'])('paper out: a printed copy from staff (%s)', (locale) => {
  it('she asks staff for a printed copy; staff are told why, reprint it and hand back', async () => {
    const kiosk = env.kiosk();
    const host = kiosk.host;
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.launchUrl());
    const t = await attractIn(page, kiosk, locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    kiosk.printer.inject('paperOut');
    await expect.poll(() => host.latest().service.receipts, { timeout: 10_000 }).toBe('screen');

    const bill = BILL[locale];
    kiosk.scanner.scan(bill.code);
    await page.getByText(t('totalDue')).first().waitFor({ timeout: 10_000 });
    await button(t('payCash')).click();
    await button(t('confirmPay')).click();
    await page.getByRole('heading', { name: t('insertCash') }).waitFor();
    // On the way: the notes it takes, listed the way the language lists them (可收纸币：1、5、
    // 10、20、50、100 元 — full-width punctuation in Chinese).
    const notes = { 'zh-CN': '1、5、10、20、50、100', en: '1, 5, 10, 20, 50, 100' }[locale];
    await page.getByText(t('acceptedNotes', { notes }), { exact: true }).waitFor();
    while (host.latest().screen.name === 'insertCash') {
      await insertNote(kiosk, bill.note);
      await page.waitForTimeout(300);
    }
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    // The receipt as a QR to save on a phone, and a printed copy from staff for who has none.
    await page.getByRole('img', { name: t('eReceipt') }).waitFor();
    await button(t('askPrintedCopy')).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('staffHelp') })
      .waitFor();
    await page.getByText(t('staffHelpCopy')).waitFor();
    expect(host.latest()).toMatchObject({ helpCalled: true, screen: { reason: 'printedCopy' } });

    // She waits on her result, which says staff are asked (and no longer ends by itself).
    await button(t('continueAlone')).click();
    await page.getByText(t('copyAsked')).waitFor();
    expect(await button(t('askPrintedCopy')).count()).toBe(0);

    // Staff arrive: they read why she called, and what to look her receipt up by.
    await page
      .getByRole('button', { name: t('callStaff') })
      .first()
      .click();
    const staffT = translator(host.latest().locale);
    await signIn(page, staffT, STAFF);
    const call = page.getByRole('region', { name: staffT('staffHelpCall') });
    await call.getByText(staffT('staffHelpReasonPrintedCopy')).waitFor();
    await call.getByText(staffT('staffAccountTail', { tail: bill.tail })).waitFor();
    await call.getByText(staffT('staffWayPaid')).waitFor();

    // A new roll, and her receipt reprinted as a copy.
    kiosk.printer.repair();
    await expect.poll(() => host.latest().service.printer, { timeout: 10_000 }).toBe('ok');
    const printed = kiosk.printer.receipts.length;
    await button(staffT('staffOpenReprint')).click();
    for (const d of bill.tail) await button(d).click();
    await button(staffT('findSearch')).click();
    const [paid] = host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']).slice(-1);
    const row = page.getByRole('listitem', { name: paid?.agentSerial ?? '', exact: true });
    await row.getByRole('button', { name: staffT('reprintPrint') }).click();
    await page.getByText(staffT('reprintPrinted', { copy: 1 })).waitFor({ timeout: 10_000 });
    expect(kiosk.printer.receipts.length).toBe(printed + 1);
    expect(kiosk.printer.receipts.at(-1)?.lines.map((l) => l.trim())[0]).toBe('重印 / 副本 COPY');

    // Back to her: staff beside her; she is done.
    await button(staffT('staffBackHome')).click();
    await button(staffT('staffHandBack')).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('staffIsHelping') })
      .waitFor();
    await button(t('done')).click();
    await page.locator('[data-screen="attract"]').waitFor();
    expect(host.latest().helpCalled).toBe(false);
    await page.close();
  }, 90_000);
});
