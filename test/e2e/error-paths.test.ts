// End to end in headless Chromium through the real host: every error path of a resident's
// visit, in Chinese and in English — accounts that cannot be paid, a scan that is no bill, the
// payment system out of reach, a quote from before midnight, a biller paused while write-offs
// wait, "need more time?", and time running out while a wallet is still confirming. The words
// looked for come from the message files, so both languages are held to the same screens.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BillerKind, Locale } from '../../src/api/kiosk-api';
import type { Translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { SERVICE_HALL, testConfig } from '../support/kiosk-fixture';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The host's and the gateway's clock: real time moved by `shift` (to just before midnight). */
let shift = 0;
const clock = () => Date.now() + shift;

const defaults = testConfig('/tmp/unused');
const env = useKioskInChromium(
  {
    // One payment waiting for the gateway pauses its biller; "need more time?" after 5 s.
    queue: { ...defaults.queue, maxPendingCount: 1 },
    // The wallet is given 50 s, so time runs out (5 s + 30 s) while it is still confirming; by
    // then the simulated wallet (45 s confirm window) lets the kiosk cancel the attempt.
    session: {
      ...defaults.session,
      inactivityMs: 5_000,
      moreTimeAnswerMs: 30_000,
      qrPollMs: 1_000,
      qrGiveUpMs: 50_000,
    },
  },
  { clock },
);

/** The attract screen in `locale` (each customer starts in Chinese). */
const inLocale = (page: Page, locale: Locale) => attractIn(page, env.kiosk(), locale);

async function open(locale: Locale): Promise<{ page: Page; t: Translator }> {
  const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(env.kiosk().launchUrl());
  return { page, t: await inLocale(page, locale) };
}

async function chooseBiller(page: Page, t: Translator, kind: BillerKind): Promise<void> {
  await page.getByRole('button', { name: t('start'), exact: true }).click();
  await page.getByRole('heading', { name: t('chooseBiller') }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${t.kind(kind)}`) }).click();
  await page.getByRole('heading', { name: t('enterAccount') }).waitFor();
}

/** Every group of an account number's digits on the screen sits on one line. */
function digitGroupsOnOneLine(page: Page): Promise<boolean> {
  return page
    .locator('.digit-group')
    .evaluateAll((groups) =>
      groups.every(
        (g) =>
          (g as unknown as { getClientRects(): ArrayLike<unknown> }).getClientRects().length === 1,
      ),
    );
}

async function submitAccount(page: Page, t: Translator, account: string): Promise<void> {
  await page.getByRole('button', { name: t('clear') }).click();
  for (const digit of account) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: t('confirm'), exact: true }).click();
}

async function totalDue(page: Page): Promise<string> {
  return (await page.getByTestId('total-due').textContent()) ?? '';
}

/**
 * After each test, whatever it left: the kiosk is walked back to the attract screen as a
 * customer would leave it (cancel, done), so one failure does not fail the next test.
 */
async function backToAttract(): Promise<void> {
  const host = env.kiosk().host;
  for (let i = 0; i < 20 && host.latest().screen.name !== 'attract'; i++) {
    const screen = host.latest().screen;
    const leave =
      screen.name === 'staffHelp'
        ? 'CONTINUE_ALONE'
        : ['paid', 'pendingSync', 'refundSlip', 'problem'].includes(screen.name)
          ? 'DONE'
          : 'CANCEL';
    host.send({ type: leave });
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(host.latest().screen.name).toBe('attract');
}

/** Leaves with `button`, back on the attract screen for the next test. */
async function endOnAttract(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('[data-screen="attract"]').waitFor({ timeout: 10_000 });
  await page.close();
}

describe.each<{ locale: Locale; pay: { kind: BillerKind; account: string } }>([
  { locale: 'zh-CN', pay: { kind: 'gas', account: '50012345' } },
  { locale: 'en', pay: { kind: 'telecom', account: '13301234567' } },
])('error paths in $locale', ({ locale, pay }) => {
  afterEach(async () => {
    shift = 0;
    env.kiosk().network.online = true;
    env.kiosk().gateway?.clearFaults();
    for (const page of env
      .browser()
      .contexts()
      .flatMap((c) => c.pages()))
      await page.close();
    await backToAttract();
  });

  it('an unknown account, one with nothing due and a locked one: each said plainly, with the way on', async () => {
    const { page, t } = await open(locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    await chooseBiller(page, t, 'electricity');
    // A typing mistake: the keypad says so, the number in groups as typed.
    await submitAccount(page, t, '3100777777');
    await page
      .getByRole('alert')
      .filter({ hasText: t.problem('account_not_found') })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByLabel(t('accountEntered')).textContent()).toBe('3100 7777 77');
    expect(await digitGroupsOnOneLine(page)).toBe(true);

    // An account the kiosk cannot take: why, which, where to go, and help at hand.
    const hall = SERVICE_HALL;
    const deadEnds = [
      ['3100000001', '3100 0000 01', 'nothing_due', 'problemTitleNothingDue', 'hallLeadNothingDue'],
      ['3100999999', '3100 9999 99', 'account_locked', 'problemTitleLocked', 'hallLeadLocked'],
    ] as const;
    for (const [account, grouped, problem, title, next] of deadEnds) {
      await submitAccount(page, t, account);
      await page.getByRole('heading', { name: t(title) }).waitFor({ timeout: 10_000 });
      await page
        .getByRole('alert')
        .filter({ hasText: t.problem(problem) })
        .waitFor();
      await page.getByText(t(next), { exact: true }).waitFor();
      const where = { name: hall.name[locale], address: hall.address[locale] };
      await page.getByText(t('hallWhere', where), { exact: true }).waitFor();
      await page.getByText(t('hallHours', { hours: hall.hours[locale] })).waitFor();
      await page.getByText(grouped, { exact: true }).waitFor();
      expect(await digitGroupsOnOneLine(page)).toBe(true);
      // Call staff is offered on the screen itself (beside the frame's): staff are told.
      await page
        .getByRole('button', { name: t('callStaff') })
        .last()
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: t('staffHelp') })
        .waitFor();
      await button(t('cancelCall')).click();
      await page.getByRole('heading', { name: t(title) }).waitFor();
      // Or another account: the keypad again, the number there to correct.
      await button(t('retypeAccount')).click();
      await page.getByRole('heading', { name: t('enterAccount') }).waitFor();
      expect(await page.getByLabel(t('accountEntered')).textContent()).toBe(grouped);
    }
    await button(t('back')).click();
    await endOnAttract(page, t('back'));
  }, 60_000);

  it('a scan that is no bill, and a payment code where a bill is expected', async () => {
    const { page, t } = await open(locale);
    env.kiosk().scanner.scan('HELLO-WORLD');
    await page
      .getByRole('alert')
      .filter({ hasText: t.problem('unrecognised_scan') })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: t('home'), exact: true }).click();
    await inLocale(page, locale);
    env.kiosk().scanner.scan('134567890123456780');
    await page
      .getByRole('alert')
      .filter({ hasText: t.problem('payment_code_scanned') })
      .waitFor({ timeout: 10_000 });
    await endOnAttract(page, t('home'));
  }, 60_000);

  it('the payment system out of reach: said plainly, nothing taken', async () => {
    const { page, t } = await open(locale);
    env.kiosk().network.online = false;
    try {
      await page.getByRole('button', { name: t('start'), exact: true }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: t.problem('gateway_unavailable') })
        .waitFor({ timeout: 15_000 });
    } finally {
      env.kiosk().network.online = true;
    }
    expect(env.kiosk().host.journal.inStates(['CREATED', 'COLLECTING'])).toEqual([]);
    await endOnAttract(page, t('home'));
  }, 60_000);

  it('bills quoted before midnight are asked again at confirm, and the new amount shown', async () => {
    // A minute before the next midnight in Shanghai (the gateway's business day).
    const now = Date.now();
    const nextMidnight = Math.ceil((now + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
    shift = nextMidnight - 60_000 - now;
    try {
      const { page, t } = await open(locale);
      await chooseBiller(page, t, 'electricity');
      await submitAccount(page, t, '3100123456');
      await page.getByText(t('totalDue')).waitFor({ timeout: 10_000 });
      const before = await totalDue(page);
      await page.getByRole('button', { name: t('payCash') }).click();
      await page.getByRole('heading', { name: t('confirmTitle') }).waitFor();
      shift += 2 * 60_000; // midnight passes while the customer reads
      await page.getByRole('button', { name: t('confirmPay') }).click();
      await page.getByText(t('requoted')).waitFor({ timeout: 10_000 });
      const after = await totalDue(page);
      // One more day overdue: the late fee, and so the total, went up.
      expect(after).not.toBe(before);
      const fen = (s: string) => Number(/(\d+)\.(\d{2})/.exec(s)?.slice(1).join('') ?? NaN);
      expect(fen(after)).toBeGreaterThan(fen(before));
      expect(env.kiosk().host.journal.inStates(['COLLECTING'])).toEqual([]);
      await page.getByRole('button', { name: t('back'), exact: true }).click();
      await page.getByRole('heading', { name: t('enterAccount') }).waitFor();
    } finally {
      shift = 0;
    }
  }, 60_000);

  it('a biller is paused while a payment to it waits for the gateway', async () => {
    const kiosk = env.kiosk();
    const { page, t } = await open(locale);
    await chooseBiller(page, t, pay.kind);
    await submitAccount(page, t, pay.account);
    await page.getByText(t('totalDue')).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: t('payCash') }).click();
    await page.getByRole('button', { name: t('confirmPay') }).click();
    await page.getByRole('heading', { name: t('insertCash') }).waitFor();
    kiosk.gateway?.setFaults([{ route: 'POST /v1/payments', kind: '503' }]);
    try {
      const screen = kiosk.host.latest().screen;
      const due = screen.name === 'insertCash' ? screen.amountDue : 0;
      for (let paid = 0; paid < due; paid += 10_000) await insertNote(kiosk, 10_000);
      await page
        .getByRole('status')
        .filter({ hasText: t('pendingSync') })
        .waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: t('done'), exact: true }).click();
      await inLocale(page, locale);
      await page.getByRole('button', { name: t('start'), exact: true }).click();
      const paused = page.getByRole('button', { name: new RegExp(`^${t.kind(pay.kind)}`) });
      await expect.poll(() => paused.textContent()).toContain(t('billerPaused'));
      expect(await paused.isDisabled()).toBe(true);
    } finally {
      kiosk.gateway?.clearFaults();
    }
    await endOnAttract(page, t('back'));
  }, 90_000);

  it('"need more time?" after a quiet spell: spoken, counted down, one tap to go on', async () => {
    const { page, t } = await open(locale);
    await chooseBiller(page, t, 'water');
    const dialog = page.getByRole('dialog', { name: t('moreTimeTitle') });
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.getByText(/\d+/).first().waitFor();
    await expect
      .poll(() => page.locator('body').getAttribute('data-voice'))
      .toContain(t('moreTimeTitle').replace(/[?？]$/, ''));
    await dialog.getByRole('button', { name: t('moreTimeContinue') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: t('enterAccount') }).waitFor();
    await page.getByRole('button', { name: t('back'), exact: true }).click();
    await endOnAttract(page, t('back'));
  }, 60_000);

  it('time runs out while the wallet is still confirming: staff help, the money safe', async () => {
    const kiosk = env.kiosk();
    const { page, t } = await open(locale);
    kiosk.scanner.scan('SHWATER:210012345');
    await page.getByText(t('totalDue')).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: t('payQr') }).click();
    await page.getByRole('button', { name: t('confirmPay') }).click();
    await page.getByRole('heading', { name: t('qrShowYourCode') }).waitFor({ timeout: 10_000 });
    kiosk.scanner.scan('134567890123456784'); // a customer who never confirms in the wallet
    await page.getByText(t('qrConfirming')).first().waitFor({ timeout: 10_000 });
    const [attempt] = kiosk.host.money.qr.allOpen();
    expect(attempt).toBeDefined();
    // 5 s quiet, then 30 s to answer "need more time?"; no answer with money in flight.
    await page
      .getByRole('status')
      .filter({ hasText: t('staffHelp') })
      .waitFor({ timeout: 45_000 });
    await page.getByText(t('moneySafe')).waitFor();
    expect(kiosk.host.latest().screen).toMatchObject({ name: 'staffHelp', moneyInFlight: true });
    // The kiosk gives the wallet up and cancels the attempt: it ends, never left open, and
    // nothing is taken. Staff help may then be closed; the QR screen says the payment did not
    // go through, and the visit can end.
    await expect
      .poll(() => kiosk.host.money.qr.allOpen().length, { timeout: 30_000, interval: 500 })
      .toBe(0);
    let toldNotPaid = false;
    for (let i = 0; i < 40 && kiosk.host.latest().screen.name !== 'attract'; i++) {
      const { screen, prompt } = kiosk.host.latest();
      const tap = (name: string) =>
        page
          .getByRole('button', { name, exact: true })
          .click({ timeout: 2_000 })
          .catch(() => {});
      if (prompt) await tap(t('moreTimeContinue'));
      else if (screen.name === 'staffHelp' && screen.canLeave) await tap(t('continueAlone'));
      else if (screen.name === 'qrPay' && screen.refused) {
        const alert = page.getByRole('alert').filter({ hasText: t('qrRefused') });
        toldNotPaid ||= await alert.isVisible();
        await tap(t('cancelPayment'));
      }
      await page.waitForTimeout(250);
    }
    expect(toldNotPaid).toBe(true);
    await page.locator('[data-screen="attract"]').waitFor({ timeout: 15_000 });
    // Nothing taken: the attempt cancelled at the wallet, the payment closed.
    expect(kiosk.host.money.qr.get(attempt?.qrPaymentId ?? '').state).toBe('cancelled');
    expect(kiosk.host.journal.get(attempt?.paymentId ?? 0)).toMatchObject({
      state: 'ABANDONED',
      collected: 0,
    });
  }, 120_000);
});
