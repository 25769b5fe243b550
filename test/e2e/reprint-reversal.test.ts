// End to end in headless Chromium, by visible text, in both languages: staff reprint a paid
// receipt found by the account's last 4 digits (the screen's voice saying what was found), by
// its scanned serial and by its serial typed (a copy on paper, never above the payment, never a
// new write-off); staff reverse the same payment with a second person's approval on the spot
// (the same person is refused as their own approver), the reversal slip prints and the money
// goes back by a refund slip; a reversal whose answer is lost is said to be unknown and settled
// exactly once by asking again, also after the screen was left; a technician sets a staff
// member's PIN (a weak one refused in words), and that person then signs in with it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { CardReaderConfig } from '../../src/config/schema';
import { formatYuan } from '../../src/api/money';
import type { Translator } from '../../ui/i18n/messages';
import type { GatewaySim } from '../../sim/gateway/server';
import { spokenAmount } from '../../ui/voice/spoken-amount';
import { useKioskInChromium, type TestKiosk } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { testConfig } from '../support/kiosk-fixture';
import { attractIn } from '../support/kiosk-locale';
import { STAFF, TECH, setPeoplePins, signIn } from '../support/staff-people';

/** A new member of staff per language: the technician sets their PIN at the kiosk. */
const NEWCOMER: Record<Locale, { staffNumber: string; pin: string }> = {
  'zh-CN': { staffNumber: '3001', pin: '590372' },
  en: { staffNumber: '3002', pin: '618240' },
};
/** A bill per language, each paid once in this file: scan code and the account's last 4. */
const BILL: Record<Locale, { code: string; tail: string }> = {
  'zh-CN': { code: 'SGCC:3100123456', tail: '3456' },
  en: { code: 'SHWATER:210012345', tail: '2345' },
};

/** A bill per language whose reversal's answer is lost on the way back. */
const LOST: Record<Locale, { code: string; tail: string }> = {
  'zh-CN': { code: 'CTSH:13301234567', tail: '4567' },
  en: { code: 'SGCC:3100000002', tail: '0002' },
};

/** The technician's card: in English the approval is given with it (in Chinese by number). */
const TECH_CARD = '04C0FFEE000002';
const env = useKioskInChromium({
  devices: {
    ...testConfig('/tmp/unused').devices,
    cardReader: CardReaderConfig.parse({
      driver: 'pcsc',
      reader: 'sim://card-reader',
      retryMs: 200,
      cards: [],
    }),
  },
  people: [
    { staffNumber: TECH.staffNumber, name: '李工', role: 'technician', cardUid: TECH_CARD },
    { staffNumber: STAFF.staffNumber, name: '王芳', role: 'staff' },
    { staffNumber: NEWCOMER['zh-CN'].staffNumber, name: '赵敏', role: 'staff' },
    { staffNumber: NEWCOMER.en.staffNumber, name: '钱进', role: 'staff' },
  ],
});

beforeAll(() => setPeoplePins(env.kiosk()));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The gateway simulator this kiosk talks to. */
function gatewayOf(kiosk: TestKiosk): GatewaySim {
  if (!kiosk.gateway) throw new Error('no gateway simulator');
  return kiosk.gateway;
}

/** What staff type for a serial: its business day and number (SH-…-20261206-000012 → 14 digits). */
const typedSerial = (serial: string) => serial.split('-').slice(-2).join('');

/** Every line the kiosk's voice has said in this page (ui/voice/voice-trace.ts). */
const spoken = (page: Page) =>
  page.evaluate(() =>
    ((globalThis as unknown as { __kioskVoice?: { text: string }[] }).__kioskVoice ?? []).map(
      (l) => l.text,
    ),
  );

/** Every amount of money printed (123.45), in fen. */
const amountsOn = (text: string) =>
  [...text.matchAll(/(\d+)\.(\d{2})(?!\d)/g)].map((m) => Number(m[1]) * 100 + Number(m[2]));

/** A resident pays a bill in full with 100-yuan notes; the payment's serial. */
async function payInFull(page: Page, t: Translator, code: string): Promise<string> {
  const host = env.kiosk().host;
  env.kiosk().scanner.scan(code);
  await page.getByText(t('totalDue')).first().waitFor();
  await button(page, t('payCash')).click();
  await button(page, t('confirmPay')).click();
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('insertCash');
  while (host.latest().screen.name === 'insertCash') {
    await insertNote(env.kiosk(), 10_000);
    await new Promise((r) => setTimeout(r, 300));
  }
  await expect.poll(() => host.latest().screen.name, { timeout: 20_000 }).toBe('paid');
  host.send({ type: 'DONE' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
  // Each visit starts in Chinese: the next one in this run's language again.
  await attractIn(page, env.kiosk(), t.locale);
  const paid = host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']).at(-1);
  if (!paid) throw new Error('no payment written off');
  return paid.agentSerial;
}

describe.each<Locale>(['zh-CN', 'en'])('reprint, reversal and PINs (%s)', (locale) => {
  it(
    'staff reprint a receipt as a copy, then reverse the payment with a second approval',
    { timeout: 240_000 },
    async () => {
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      const kiosk = env.kiosk();
      const host = kiosk.host;
      const serial = await payInFull(page, t, BILL[locale].code);
      const stateBefore = host.journal.bySerial(serial)?.state;
      const pendingBefore = host.latest().service.pendingSync.count;

      // Reprint by the account's last 4 digits.
      await signIn(page, t, STAFF);
      await button(page, t('staffOpenReprint')).click();
      for (const d of BILL[locale].tail) await button(page, d).click();
      await button(page, t('findSearch')).click();
      const row = page.getByRole('listitem', { name: serial, exact: true });
      await row.waitFor();
      // The screen's voice, heard in the browser: what was found (the serial's last 4 digits one
      // by one, the amount as the resident's voice says it) and the choice; never the serial.
      const tail = serial.slice(-4).split('').join(' ');
      await expect
        .poll(async () => (await spoken(page)).filter((l) => l.includes(tail)), { timeout: 10_000 })
        .toHaveLength(1);
      const heard = (await spoken(page)).find((l) => l.includes(tail)) ?? '';
      expect(heard.startsWith(t('reprintTitle'))).toBe(true);
      expect(heard).toContain(spokenAmount(host.journal.bySerial(serial)?.collected ?? 0, locale));
      expect(heard).toContain(t('reprintPrint'));
      expect(heard).not.toContain(serial);
      expect(heard).not.toContain(typedSerial(serial).slice(-6));
      const printedBefore = kiosk.printer.receipts.length;
      await row.getByRole('button', { name: t('reprintPrint') }).click();
      await page.getByText(t('reprintPrinted', { copy: 1 })).waitFor();
      expect(kiosk.printer.receipts.length).toBe(printedBefore + 1);
      const copy = (kiosk.printer.receipts.at(-1)?.lines ?? [])
        .map((l) => l.trim())
        .filter(Boolean);
      expect(copy[0]).toBe('重印 / 副本 COPY');
      // Paper, not a payment: the write-off is as it was and nothing new waits to sync.
      expect(host.journal.bySerial(serial)?.state).toBe(stateBefore);
      expect(host.latest().service.pendingSync.count).toBe(pendingBefore);
      // Again by the receipt's serial, scanned from its barcode: the second copy.
      kiosk.scanner.scan(serial);
      await page.getByRole('listitem', { name: serial, exact: true }).waitFor();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reprintPrint') })
        .click();
      await page.getByText(t('reprintPrinted', { copy: 2 })).waitFor();
      expect(host.journal.bySerial(serial)?.state).toBe(stateBefore);
      // And by the serial typed on the keypad (its business day and number, 14 digits): the
      // third copy, marked as a copy, no figure above what the payment took, no new write-off.
      const writeOffsBefore = gatewayOf(kiosk).stats().requests.byRoute['POST /v1/payments'];
      await button(page, t('findBySerial')).click();
      for (const d of typedSerial(serial)) await button(page, d).click();
      await button(page, t('findSearch')).click();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reprintPrint') })
        .click();
      await page.getByText(t('reprintPrinted', { copy: 3 })).waitFor();
      const third = kiosk.printer.receipts.at(-1)?.lines.join('\n') ?? '';
      expect(third.split('\n')[0]?.trim()).toBe('重印 / 副本 COPY');
      expect(third).toContain(serial);
      const collected = host.journal.bySerial(serial)?.collected ?? 0;
      expect(third).toContain(formatYuan(collected));
      expect(Math.max(...amountsOn(third))).toBeLessThanOrEqual(collected);
      expect(gatewayOf(kiosk).stats().requests.byRoute['POST /v1/payments']).toBe(writeOffsBefore);
      expect(gatewayOf(kiosk).stats().payments[serial]?.commits).toBe(1);
      expect(host.journal.bySerial(serial)?.state).toBe(stateBefore);
      expect(host.latest().service.pendingSync.count).toBe(pendingBefore);

      // Same-day reversal of the same payment.
      await button(page, t('staffBackHome')).click();
      await button(page, t('staffOpenReversal')).click();
      for (const d of BILL[locale].tail) await button(page, d).click();
      await button(page, t('findSearch')).click();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reversalChoose') })
        .click();
      await button(page, t('reversalReasonWrongAccount')).click();
      await page.getByText(t('reversalApproveTitle')).waitFor();

      // The person asking cannot approve: refused, said so.
      await button(page, t('reversalApproveByNumber')).click();
      for (const d of STAFF.staffNumber) await button(page, d).click();
      await button(page, t('staffNext')).click();
      for (const d of STAFF.pin) await button(page, d).click();
      await page.getByText(t('reversalSamePerson')).waitFor();
      // Never the digits on screen: dots only.
      expect(await page.locator('body').textContent()).not.toContain(STAFF.pin);

      // The technician beside them approves: with their card (English run) or their number.
      const printedBeforeSlip = kiosk.printer.receipts.length;
      if (locale === 'en') {
        kiosk.cards.set(TECH_CARD);
      } else {
        await button(page, t('reversalApproveByNumber')).click();
        for (const d of TECH.staffNumber) await button(page, d).click();
        await button(page, t('staffNext')).click();
      }
      await page.getByText(t('reversalApproverPin')).waitFor();
      for (const d of TECH.pin) await button(page, d).click();
      await page.getByText(t('reversalSlipPrinted')).waitFor({ timeout: 20_000 });
      const amount = formatYuan(host.journal.bySerial(serial)?.collected ?? 0);
      await page.getByText(t('reversalReversed', { amount })).waitFor();
      expect(kiosk.printer.receipts.length).toBe(printedBeforeSlip + 1);
      expect(kiosk.printer.receipts.at(-1)?.lines.join('\n')).toContain('冲正');
      expect(host.journal.bySerial(serial)?.state).toBe('MANUAL_REFUND');

      // The money goes back by the refund-slip path: an open item against this serial.
      await button(page, t('staffBackHome')).click();
      await button(page, t('staffOpenOpenItems')).click();
      await page
        .getByRole('listitem', { name: t('itemKindRefundSlip') })
        .filter({ hasText: serial })
        .waitFor();
      await button(page, t('staffLeave')).click();
      await page.getByRole('button', { name: t('start'), exact: true }).waitFor();

      const audit = host.service.audit.list({});
      const reversal = audit.filter((r) => r.action === 'reversal.request');
      expect(reversal.some((r) => r.approver?.staffNumber === TECH.staffNumber)).toBe(true);
      await page.close();
    },
  );

  it(
    'a reversal whose answer is lost is said to be unknown; "ask again" settles it exactly once',
    { timeout: 240_000 },
    async () => {
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      const kiosk = env.kiosk();
      const host = kiosk.host;
      const gateway = gatewayOf(kiosk);
      const serial = await payInFull(page, t, LOST[locale].code);
      const paid = host.journal.bySerial(serial);
      if (!paid) throw new Error('the payment is not in the journal');
      const amount = formatYuan(paid.collected);

      await signIn(page, t, STAFF);
      await button(page, t('staffOpenReversal')).click();
      for (const d of LOST[locale].tail) await button(page, d).click();
      await button(page, t('findSearch')).click();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reversalChoose') })
        .click();
      await button(page, t('reversalReasonDuplicatePayment')).click();
      await button(page, t('reversalApproveByNumber')).click();
      for (const d of TECH.staffNumber) await button(page, d).click();
      await button(page, t('staffNext')).click();

      // The gateway reverses the payment, but its answer never comes back: the kiosk gives up
      // after its timeout and cannot tell what happened.
      const route = 'POST /v1/payments/:serial/reversal';
      gateway.setFaults([{ route, kind: 'timeout', when: 'after_commit', times: 1 }]);
      const printedBefore = kiosk.printer.receipts.length;
      for (const d of TECH.pin) await button(page, d).click();
      await page.getByText(t('reversalUnknown')).waitFor({ timeout: 20_000 });
      // Not known is not reversed: no slip, no refund, the payment stays written off here.
      expect(gateway.stats().payments[serial]?.stored).toBe('reversed');
      expect(kiosk.printer.receipts.length).toBe(printedBefore);
      expect(host.journal.bySerial(serial)?.state).toBe(paid.state);
      expect(await page.getByText(t('reversalReversed', { amount })).count()).toBe(0);

      // Asked again while the gateway's answer to the question is lost too: it is asking, said
      // in words, and then still not known.
      gateway.setFaults([{ route: 'GET /v1/payments/:serial', kind: 'timeout', times: 1 }]);
      await button(page, t('reversalAskAgain')).click();
      await page.getByText(t('reversalAsking')).waitFor();
      await page.getByText(t('reversalUnknown')).waitFor({ timeout: 20_000 });
      expect(kiosk.printer.receipts.length).toBe(printedBefore);

      // Staff leave the screen; back on it, the payment found again is not asked for anew (no
      // reason, no approval): its outcome is said to be unknown, and the choice is to ask again.
      await button(page, t('staffBackHome')).click();
      await button(page, t('staffOpenReversal')).click();
      for (const d of LOST[locale].tail) await button(page, d).click();
      await button(page, t('findSearch')).click();
      await page
        .getByRole('listitem', { name: serial, exact: true })
        .getByRole('button', { name: t('reversalChoose') })
        .click();
      await page.getByText(t('reversalUnknown')).waitFor();
      expect(await page.getByText(t('reversalReasonTitle')).count()).toBe(0);

      // Ask again, tapped twice in one go: the gateway is asked first, says reversed, and the
      // reversal is settled once, without being sent again.
      await button(page, t('reversalAskAgain')).evaluate((b) => {
        const tap = b as unknown as { click(): void };
        tap.click();
        tap.click();
      });
      await page.getByText(t('reversalReversed', { amount })).waitFor({ timeout: 20_000 });
      await page.getByText(t('reversalSlipPrinted')).waitFor();
      expect(await button(page, t('reversalAskAgain')).count()).toBe(0);
      // Whatever else may still be on its way settles nothing twice.
      await new Promise((r) => setTimeout(r, 1_000));

      const sent = gateway.requests({ serial, route });
      expect(sent.reduce((n, r) => n + r.performed, 0)).toBe(1);
      expect(gateway.stats().payments[serial]?.stored).toBe('reversed');
      expect(host.journal.bySerial(serial)?.state).toBe('MANUAL_REFUND');
      expect(host.journal.events(paid.id).filter((e) => e.type === 'reversed')).toHaveLength(1);
      const slips = kiosk.printer.receipts
        .slice(printedBefore)
        .filter((r) => r.lines.join('\n').includes('冲正'));
      expect(slips).toHaveLength(1);
      expect(kiosk.printer.receipts.length).toBe(printedBefore + 1);
      expect(slips[0]?.lines.join('\n')).toContain(serial);

      // The money goes back by one refund slip.
      await button(page, t('staffBackHome')).click();
      await button(page, t('staffOpenOpenItems')).click();
      const refund = page
        .getByRole('listitem', { name: t('itemKindRefundSlip') })
        .filter({ hasText: serial });
      await refund.first().waitFor();
      expect(await refund.count()).toBe(1);
      await button(page, t('staffLeave')).click();
      await page.getByRole('button', { name: t('start'), exact: true }).waitFor();

      const outcomes = host.service.audit
        .list({ action: 'reversal.request', subject: `payment:${serial}` })
        .map(
          (r) => (r.detail as { step?: string; outcome?: string; answer?: string } | null) ?? {},
        );
      expect(outcomes.filter((d) => d.step === 'outcome').map((d) => d.outcome)).toEqual([
        'unknown',
        'unknown',
        'reversed',
      ]);
      expect(outcomes.filter((d) => d.step === 'query').map((d) => d.answer)).toEqual([
        'unknown',
        'reversed',
      ]);
      await page.close();
    },
  );

  it(
    "a technician sets a staff member's PIN (a weak one refused); they sign in with it and change it",
    { timeout: 120_000 },
    async () => {
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      const who = NEWCOMER[locale];

      await signIn(page, t, TECH);
      await button(page, t('staffOpenPins')).click();
      await page
        .getByRole('button', {
          name: new RegExp(`（工号 ${who.staffNumber}）|\\(staff number ${who.staffNumber}\\)`),
        })
        .click();
      await page.getByRole('heading', { level: 2 }).filter({ hasText: who.staffNumber }).waitFor();
      // 111111 is refused, with the reason in words.
      for (const d of '111111111111') await button(page, d).click();
      await page.getByText(t('pinWeakSameDigit')).waitFor();
      // Two different PINs are refused too.
      for (const d of who.pin + '000000') await button(page, d).click();
      await page.getByText(t('pinDiffer')).waitFor();
      for (const d of who.pin + who.pin) await button(page, d).click();
      await page.getByText(t('deskDone')).waitFor();
      expect(await page.locator('body').textContent()).not.toContain(who.pin);
      await button(page, t('staffLeave')).click();

      // The new member of staff enters with the PIN the technician set.
      await signIn(page, t, who);
      await expect
        .poll(() => env.kiosk().host.latest().staff?.name, { timeout: 10_000 })
        .toBe('staffHome');
      await page.getByText(t('staffHome', { name: locale === 'en' ? '钱进' : '赵敏' })).waitFor();

      // They change it themselves: the current PIN, then the new one twice; the new one opens.
      const changed = { ...who, pin: locale === 'en' ? '740396' : '852063' };
      await button(page, t('staffOpenMyPin')).click();
      await page.getByRole('heading', { name: t('myPinTitle') }).waitFor();
      for (const d of who.pin + changed.pin + changed.pin) await button(page, d).click();
      await page.getByText(t('deskDone')).waitFor();
      expect(await page.locator('body').textContent()).not.toContain(changed.pin);
      await button(page, t('staffLeave')).click();
      await signIn(page, t, changed);
      await expect
        .poll(() => env.kiosk().host.latest().staff?.name, { timeout: 10_000 })
        .toBe('staffHome');
      await button(page, t('staffLeave')).click();
      await page.getByRole('button', { name: t('start'), exact: true }).waitFor();
      await page.close();
    },
  );
});
