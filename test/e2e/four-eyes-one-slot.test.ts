// End to end in headless Chromium, by visible text, in both languages: four eyes on a reader
// with one slot. A member of staff opens the mode with her card, asks a same-day reversal, and
// takes her card out so the technician's can go in: the mode stays open and says her card is
// lent; the technician approves with card and PIN; the screen asks for her card back; it comes
// back, and from then taking it away locks the mode as always.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';
import { payInFull } from '../support/pay-in-full';
import { STAFF, TECH, setPeoplePins, devicesWithCardReader } from '../support/staff-people';

const STAFF_CARD = '04C0FFEE000011';
const TECH_CARD = '04C0FFEE000012';
const BILL: Record<Locale, { code: string; tail: string }> = {
  'zh-CN': { code: 'SGCC:3100123456', tail: '3456' },
  en: { code: 'SHWATER:210012345', tail: '2345' },
};

const env = useKioskInChromium({
  devices: devicesWithCardReader(),
  people: [
    { staffNumber: TECH.staffNumber, name: TECH.name, role: 'technician', cardUid: TECH_CARD },
    { staffNumber: STAFF.staffNumber, name: STAFF.name, role: 'staff', cardUid: STAFF_CARD },
  ],
});
beforeAll(() => setPeoplePins(env.kiosk()));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

describe.each<Locale>(['zh-CN', 'en'])('four eyes on a one-slot reader (%s)', (locale) => {
  it(
    'the opening card is lent for the approval, asked back, and locks the mode once back and out',
    { timeout: 180_000 },
    async () => {
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      const { host, cards } = env.kiosk();
      const serial = await payInFull(env.kiosk(), page, t, BILL[locale].code);

      // She opens the mode with her card and PIN.
      cards.set(STAFF_CARD);
      await page.getByText(t('staffSignInByCard')).waitFor();
      for (const d of STAFF.pin) await button(page, d).click();
      await button(page, t('staffOpenReversal')).click();
      for (const d of BILL[locale].tail) await button(page, d).click();
      await button(page, t('findSearch')).click();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reversalChoose') })
        .click();
      await button(page, t('reversalReasonWrongAccount')).click();
      await page.getByText(t('reversalApproveTitle')).waitFor();

      // Her card out, for the technician's: lent, not locked.
      cards.set(null);
      await page.getByText(t('staffCardLent')).waitFor();
      expect(host.latest().staff?.name).toBe('reversal');
      cards.set(TECH_CARD);
      await page.getByText(t('reversalApproverPin')).waitFor();
      for (const d of TECH.pin) await button(page, d).click();
      await page.getByText(t('reversalSlipPrinted')).waitFor({ timeout: 20_000 });
      cards.set(null); // the technician takes their card: the mode stays open
      await page.getByText(t('staffCardDue')).waitFor();
      expect(host.journal.bySerial(serial)?.state).toBe('MANUAL_REFUND');

      // Her card back: the notice goes; taking it away again locks at once.
      cards.set(STAFF_CARD);
      await expect
        .poll(() => page.getByText(t('staffCardDue')).count(), { timeout: 10_000 })
        .toBe(0);
      expect(host.latest().staff?.name).toBe('reversal');
      cards.set(null);
      await page.getByRole('button', { name: t('start'), exact: true }).waitFor();
      expect(host.latest().staff).toBeNull();

      const audit = host.service.audit.list({}).map((r) => r.action);
      expect(audit).toEqual(
        expect.arrayContaining(['mode.card_lent', 'mode.card_back', 'reversal.request']),
      );
      const approvals = host.service.audit
        .list({})
        .filter(
          (r) => r.action === 'reversal.request' && r.approver?.staffNumber === TECH.staffNumber,
        );
      expect(approvals.length).toBeGreaterThan(0);
      await page.close();
    },
  );
});
