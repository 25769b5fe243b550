// End to end in headless Chromium through the real host, by visible text, in both languages:
// what a resident is told about her money (issue 13, items 1, 2, 3 and 8).
// - An overdue and a current bill: each bill's due date, why the total holds both, and — where
//   the biller takes part payments — "pay the overdue bill only", through the journal, the
//   write-off, the receipt and the gateway's bills.
// - No change: said on the bills and confirm screens, and of the amount kept on the paid screen;
//   at a biller that takes no overpayment the notes refused are named first, and refused.
// - Walking away with money in: staff are called, the screen holds for them (no timeout, no
//   slip in the tray); the refund slip is printed when a member of staff asks, in her words.
// - English: the receipt (paper and screen) and the refund slip are bilingual; Chinese stays
//   Chinese.
// Each language has its own kiosk (and gateway store): the same accounts are paid in both.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale, Screen } from '../../src/api/kiosk-api';
import { PaymentResult, Quote } from '../../src/gateway/contract';
import { translator, type Translator } from '../../ui/i18n/messages';
import { signedFetch } from '../sim/signed-fetch';
import { useKioskInChromium, type TestKiosk } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, setPeoplePins, signIn } from '../support/staff-people';

type BillsScreen = Extract<Screen, { name: 'bills' }>;

/** The held screen must outlast this (the result screens' own return to attract). */
const DONE_SCREEN_MS = 6_000;
const PARTIAL_CASH_WAIT_MS = 10_000;

const yuan = (fen: number) => (fen / 100).toFixed(2);

describe.each<Locale>(['zh-CN', 'en'])("the resident's money (%s)", (locale) => {
  const env = useKioskInChromium({
    people: PEOPLE,
    session: {
      writeOffWaitMs: 3_000,
      doneScreenMs: DONE_SCREEN_MS,
      partialCashWaitMs: PARTIAL_CASH_WAIT_MS,
      inactivityMs: 90_000,
      moreTimeAnswerMs: 30_000,
      qrPollMs: 3_000,
      qrGiveUpMs: 60_000,
    },
  });
  beforeAll(() => setPeoplePins(env.kiosk()));

  async function open(): Promise<{ page: Page; t: Translator; kiosk: TestKiosk }> {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const t = await attractIn(page, env.kiosk(), locale);
    return { page, t, kiosk: env.kiosk() };
  }

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  /** Scans a bill and waits for its bills screen; the screen as the host sent it. */
  async function billsOf(page: Page, t: Translator, scan: string): Promise<BillsScreen> {
    env.kiosk().scanner.scan(scan);
    await page.getByText(t('totalDue')).first().waitFor({ timeout: 10_000 });
    const screen = env.kiosk().host.latest().screen;
    if (screen.name !== 'bills') throw new Error(`not the bills: ${screen.name}`);
    return screen;
  }

  /** Each bill's due date, as she reads it. */
  async function seeDueDates(page: Page, t: Translator, screen: BillsScreen): Promise<void> {
    for (const b of screen.quote.bills)
      await page.getByText(t('dueDate', { date: t.day(b.dueDate) })).waitFor();
  }

  /** Ends on the attract screen (Done, if the result screen has not gone back by itself). */
  async function finish(page: Page, t: Translator): Promise<void> {
    const done = button(page, t('done'));
    if (await done.isVisible()) await done.click();
    await page.locator('[data-screen="attract"]').waitFor({ timeout: 15_000 });
    await page.close();
  }

  /** The gateway's write-off of the latest written-off payment of this account. */
  async function writeOffOf(kiosk: TestKiosk, account: string) {
    const paid = kiosk.host.journal
      .inStates(['WRITTEN_OFF', 'RECEIPTED'])
      .filter((p) => p.account === account)
      .at(-1);
    if (!paid) throw new Error(`no written-off payment of ${account}`);
    const res = await signedFetch(
      kiosk.gateway?.url ?? '',
      'GET',
      `/v1/payments/${paid.agentSerial}`,
    );
    return { paid, result: PaymentResult.parse(res.body) };
  }

  it('overdue and current: due dates, why the total holds both, no change said before and after', async () => {
    const { page, t, kiosk } = await open();
    const bills = await billsOf(page, t, 'SGCC:3100123456');
    await seeDueDates(page, t, bills);
    // Electricity takes only everything due at once: said, and nothing else offered.
    await page.getByText(t('billsWhyAll')).waitFor();
    expect(await button(page, t('payOverdueOnly')).count()).toBe(0);
    await page.getByText(t('changeKept')).waitFor();

    await button(page, t('payCash')).click();
    await page.getByRole('heading', { name: t('confirmTitle') }).waitFor();
    await page.getByText(t('changeKept')).waitFor();
    await button(page, t('confirmPay')).click();
    const due = bills.quote.totalDue;
    let inserted = 0;
    while (inserted < due) {
      await insertNote(kiosk, 10_000);
      inserted += 10_000;
      if (inserted < due) await seeCollected(page, inserted);
    }
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    const { result } = await writeOffOf(kiosk, '3100123456');
    expect(result.prepaidCredited).toBe(inserted - due);
    // The amount actually kept, in the words she was told before paying.
    await page.getByText(t('prepaid', { amount: yuan(result.prepaidCredited) })).waitFor();

    // The receipt: bilingual in English, on screen and on paper; Chinese only in Chinese.
    const onScreen = (await page.getByRole('figure', { name: t('receipt') }).textContent()) ?? '';
    await expect.poll(() => kiosk.printer.receipts.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const paper = kiosk.printer.receipts.at(-1)?.lines.join('\n') ?? '';
    for (const text of [onScreen, paper]) {
      expect(text).toContain('缴费凭证');
      expect(text).toContain('转入预存');
      if (locale === 'en') {
        expect(text).toContain('Payment receipt');
        expect(text).toContain('Kept on account');
        expect(text).toContain('State Grid Shanghai');
      } else {
        expect(text).not.toMatch(/Payment receipt|Kept on account|Received/);
      }
    }
    await finish(page, t);
  }, 90_000);

  it('pays the overdue bill only where the biller takes part payments: journal, write-off, receipt, gateway', async () => {
    const { page, t, kiosk } = await open();
    const bills = await billsOf(page, t, 'CTSH:13301234567');
    await seeDueDates(page, t, bills);
    const [overdue, current] = bills.quote.bills;
    if (!overdue || !current || bills.overdueOnly === null) throw new Error('no overdue bill');
    expect(overdue.daysOverdue).toBeGreaterThan(0);
    await page.getByText(t('billsWhyChoice')).waitFor();

    await button(page, t('payOverdueOnly')).click();
    const overdueDue = overdue.principal + overdue.lateFee;
    await expect
      .poll(() => page.getByTestId('amount-to-pay').textContent())
      .toContain(yuan(overdueDue));
    await page.getByText(t('payNowOverdue')).waitFor();
    await button(page, t('payAllBills')).waitFor();

    await button(page, t('payCash')).click();
    await page.getByText(t('confirmOverdueOnly')).waitFor();
    expect(await page.getByTestId('confirm-amount').textContent()).toContain(yuan(overdueDue));
    await page.getByText(t('changeKept')).waitFor();
    await button(page, t('confirmPay')).click();
    await insertNote(kiosk, 10_000);
    await seeCollected(page, 10_000);
    await insertNote(kiosk, 5_000);
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });

    // The journal asked for the overdue bill only; the gateway wrote off that bill alone.
    const { paid, result } = await writeOffOf(kiosk, '13301234567');
    expect(paid).toMatchObject({ amountDue: overdueDue, collected: 15_000, method: 'cash' });
    expect(result).toMatchObject({
      appliedToBills: [overdue.billId],
      principalCharged: overdue.principal,
      lateFeeCharged: overdue.lateFee,
      prepaidCredited: 15_000 - overdueDue,
    });
    await page.getByText(t('prepaid', { amount: yuan(15_000 - overdueDue) })).waitFor();
    // The receipt lists the bill paid, not the one still due.
    await expect.poll(() => kiosk.printer.receipts.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const paper = kiosk.printer.receipts.at(-1)?.lines ?? [];
    expect(paper.some((l) => l.startsWith(`账期 ${overdue.period}`))).toBe(true);
    expect(paper.some((l) => l.startsWith(`账期 ${current.period}`))).toBe(false);
    if (locale === 'en')
      expect(paper).toContain(`Period ${overdue.period}, ${overdue.daysOverdue} days overdue`);
    // The current bill is still due at the biller.
    const again = await signedFetch(kiosk.gateway?.url ?? '', 'POST', '/v1/bills/query', {
      billerId: 'sh-telecom',
      account: '13301234567',
    });
    expect(Quote.parse(again.body).bills.map((b) => b.billId)).toEqual([current.billId]);
    await finish(page, t);
  }, 90_000);

  it('a biller that takes no overpayment: the notes it refuses are named first, and refused', async () => {
    const { page, t, kiosk } = await open();
    await billsOf(page, t, 'OCN:880000000002'); // 30.00 due, no late fee
    const refused = t('changeRefusedNow', { notes: t.list(['50', '100']) });
    await page.getByText(t('changeRefused')).waitFor();
    await page.getByText(refused).waitFor();
    await button(page, t('payCash')).click();
    await page.getByRole('heading', { name: t('confirmTitle') }).waitFor();
    await page.getByText(refused).waitFor();
    await button(page, t('confirmPay')).click();

    const returned: number[] = [];
    kiosk.acceptor.events.on('returned', (v) => returned.push(v));
    /** A note above what is still due never counts: not taken in, or handed back from escrow. */
    const refusedNote = async (note: number) => {
      await expect.poll(() => kiosk.acceptor.state, { timeout: 10_000 }).toBe('idling');
      if (kiosk.acceptor.insertNote(note))
        await expect.poll(() => returned.includes(note), { timeout: 10_000 }).toBe(true);
    };
    // 50 and 100 are refused before any money: never enabled.
    await expect.poll(() => kiosk.acceptor.state, { timeout: 10_000 }).toBe('idling');
    for (const note of [10_000, 5_000]) expect(kiosk.acceptor.insertNote(note)).toBe(false);
    await insertNote(kiosk, 2_000);
    await seeCollected(page, 2_000);
    // 10.00 still due: 20 yuan is refused now too.
    for (const note of [10_000, 5_000, 2_000]) await refusedNote(note);
    expect(kiosk.host.journal.inStates(['COLLECTING'])[0]?.collected).toBe(2_000);
    await insertNote(kiosk, 1_000);
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    const { paid, result } = await writeOffOf(kiosk, '880000000002');
    expect(paid.collected).toBe(3_000);
    expect(result.prepaidCredited).toBe(0);
    expect(await page.getByText(t('prepaid', { amount: '0.00' })).count()).toBe(0);
    await finish(page, t);
  }, 90_000);

  it('walking away with money in: staff are called, the screen holds, the slip when staff ask', async () => {
    const { page, t, kiosk } = await open();
    await billsOf(page, t, 'SHWATER:210012345'); // water takes no part payment
    await button(page, t('payCash')).click();
    await button(page, t('confirmPay')).click();
    await insertNote(kiosk, 1_000);
    await seeCollected(page, 1_000);
    await button(page, t('stopInserting')).click();
    await page.getByRole('heading', { name: t('partialCash', { amount: '10.00' }) }).waitFor();
    // Going on is the main choice; the slip only on her word; a person offered here too.
    // (The action bar: the primary action in its place, the others smaller beside it.)
    expect(await page.locator('.action-bar .action-primary').allTextContents()).toEqual([
      t('continueInserting'),
    ]);
    expect(await page.locator('.action-bar .action-secondary button').allTextContents()).toEqual([
      t('confirmRefundSlip'),
      t('callStaff'),
    ]);

    // She walks away: the kiosk calls staff itself and holds a screen that is no one else's.
    const slipsBefore = kiosk.printer.receipts.length;
    await page
      .getByRole('status')
      .filter({ hasText: t('awaitingStaff') })
      .waitFor({ timeout: PARTIAL_CASH_WAIT_MS + 10_000 });
    await page.getByText(t('awaitingStaffLead', { amount: '10.00' })).waitFor();
    await page.getByText(t('helpComing')).first().waitFor();
    expect(kiosk.host.latest().helpCalled).toBe(true);
    expect(await button(page, t('confirmRefundSlip')).count()).toBe(0);
    expect(await button(page, t('continueInserting')).count()).toBe(0);
    // No way back to attract while the money is unresolved, and nothing in the tray.
    await page.waitForTimeout(DONE_SCREEN_MS + 2_000);
    expect(kiosk.host.latest().screen.name).toBe('awaitingStaff');
    expect(kiosk.printer.receipts.length).toBe(slipsBefore);
    const held = kiosk.host.journal.inStates(['COLLECTING']);
    expect(held.map((p) => [p.account, p.collected])).toEqual([['210012345', 1_000]]);

    // A member of staff signs in: the call, why, and her decision screen under theirs.
    const staffT = translator(kiosk.host.latest().locale);
    await signIn(page, staffT, STAFF);
    const call = page.getByRole('region', { name: staffT('staffHelpCall') });
    await call.getByText(staffT('staffHelpReasonTimeout')).waitFor();
    await call.getByText(staffT('staffCollected', { amount: '10.00' })).waitFor();
    await call
      .getByText(staffT('staffCustomerSees', { screen: staffT.screen('partialCash') }))
      .waitFor();
    // Staff cancel for her: settled as her screen said, the slip printed now.
    await button(page, staffT('staffCancelForCustomer')).click();
    await expect
      .poll(() => kiosk.printer.receipts.length, { timeout: 15_000 })
      .toBe(slipsBefore + 1);
    await button(page, staffT('staffLeave')).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('refundSlip') })
      .waitFor();

    // The slip, on paper and on screen, in her words: never a reason code.
    const paper = kiosk.printer.receipts.at(-1)?.lines.join('\n') ?? '';
    const onScreen = (await page.getByRole('figure', { name: t('receipt') }).textContent()) ?? '';
    for (const text of [paper, onScreen]) {
      expect(text).toContain('退款审核单');
      expect(text).toContain('这项缴费需要一次缴足');
      expect(text).not.toMatch(/partial_payment_not_allowed|[a-z]+_[a-z]+_[a-z]+/);
      if (locale === 'en') {
        expect(text).toContain('Refund slip');
        expect(text).toContain('This bill must be paid in full at once');
      } else {
        expect(text).not.toContain('Refund slip');
      }
    }
    expect(kiosk.host.journal.inStates(['MANUAL_REFUND']).map((p) => p.account)).toEqual([
      '210012345',
    ]);
    await finish(page, t);
  }, 120_000);
});
