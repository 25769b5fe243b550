// End to end in headless Chromium, by visible text, in both languages: committee staff resolve
// a refund slip (its serial typed), see payments waiting for the gateway and try them now, read
// the day summary; a technician exchanges the cash box with a short count and then a long one,
// prints the settlement slips, and staff explain the differences recorded as open items.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import type { Translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, TECH, setPeoplePins, signIn } from '../support/staff-people';
import { TERMINAL_ID } from '../support/kiosk-fixture';

const env = useKioskInChromium({
  people: PEOPLE,
});

beforeAll(() => setPeoplePins(env.kiosk()));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** A resident stops after one 10-yuan note at a biller without part payment: a refund slip. */
async function refundSlipVisit(page: Page, t: Translator): Promise<void> {
  env.kiosk().scanner.scan('SGCC:3100123456');
  await page.getByText(t('totalDue')).first().waitFor();
  await button(page, t('payCash')).click();
  await button(page, t('confirmPay')).click();
  await insertNote(env.kiosk(), 1_000);
  await seeCollected(page, 1_000);
  const host = env.kiosk().host;
  host.send({ type: 'CANCEL' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('partialCash');
  host.send({ type: 'CONFIRM' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('refundSlip');
  host.send({ type: 'DONE' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
  // Each visit starts in Chinese: the next one in this run's language again.
  await attractIn(page, env.kiosk(), t.locale);
}

describe.each<Locale>(['zh-CN', 'en'])(
  'assisted and service mode on the journal (%s)',
  (locale) => {
    it(
      'staff pay out a refund slip, try waiting payments now, and read the day',
      { timeout: 180_000 },
      async () => {
        const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
        await page.goto(env.kiosk().launchUrl());
        const t = await attractIn(page, env.kiosk(), locale);
        await refundSlipVisit(page, t);
        const journal = env.kiosk().host.journal;
        const slip = journal.inStates(['MANUAL_REFUND']).at(-1);
        expect(slip).toBeDefined();
        const serial = slip?.agentSerial ?? '';

        await signIn(page, t, STAFF);
        await button(page, t('staffOpenOpenItems')).click();
        const item = page.getByRole('listitem', { name: t('itemKindRefundSlip') }).filter({
          hasText: serial,
        });
        await item.getByRole('button', { name: t('itemPayOut') }).click();
        await page.getByText(t('itemEnterSerial')).waitFor();
        // A wrong serial is refused, in words; the slip's own is taken.
        for (const d of '20000101000001') await button(page, d).click();
        await button(page, t('itemConfirmSerial')).click();
        await page.getByText(t.refusal('wrong_serial') ?? 'no words for wrong_serial').waitFor();
        for (const d of serial.slice(TERMINAL_ID.length + 1).replace('-', ''))
          await button(page, d).click();
        await button(page, t('itemConfirmSerial')).click();
        await page.getByText(t('deskDone')).waitFor();
        await expect.poll(() => item.count()).toBe(0);

        // A payment that cannot reach the gateway waits; "try all now" asks the worker.
        await button(page, t('staffLeave')).click();
        await insertCashFor(page, t, { offline: true, bill: locale === 'en' ? GAS : WATER });
        const host = env.kiosk().host;
        expect(host.latest().service.pendingSync.count).toBeGreaterThan(0);

        await signIn(page, t, STAFF);
        await button(page, t('staffOpenSyncQueue')).click();
        await page.getByRole('listitem').first().waitFor();
        env.kiosk().network.online = true;
        await button(page, t('syncTryAll')).click();
        await page.getByText(t('deskDone')).waitFor();
        await expect
          .poll(() => host.latest().service.pendingSync.count, { timeout: 20_000 })
          .toBe(0);

        await button(page, t('staffBackHome')).click();
        await button(page, t('staffOpenDaySummary')).click();
        await page
          .getByRole('heading', { name: /summary|汇总/i })
          .first()
          .waitFor();
        const writtenOff = await page.getByRole('heading', { level: 2 }).first().textContent();
        expect(writtenOff).toMatch(/[1-9]/);
        await button(page, t('staffLeave')).click();

        const actions = host.service.audit.list({}).map((r) => r.action);
        expect(actions).toEqual(
          expect.arrayContaining(['open_items.resolve', 'sync.try_now', 'day_summary.view']),
        );
        await page.close();
      },
    );

    it(
      'a technician exchanges the box short, then long; the differences become open items',
      { timeout: 240_000 },
      async () => {
        const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
        await page.goto(env.kiosk().launchUrl());
        const t = await attractIn(page, env.kiosk(), locale);
        const host = env.kiosk().host;

        for (const count of ['short', 'long'] as const) {
          await refundSlipVisit(page, t); // a 10-yuan note into the box
          const expected = host.service.exchange.expected();
          expect(expected.total).toBeGreaterThan(0);
          await signIn(page, t, TECH);
          await button(page, t('staffOpenCashExchange')).click();
          await page.getByRole('button', { name: new RegExp(`^${t('exchangeBox')}`) }).click();
          await button(page, count === 'short' ? '7' : '8').click();
          await page.getByRole('button', { name: new RegExp(`^${t('exchangeSeal')}`) }).click();
          for (const d of '5501') await button(page, d).click();
          await button(page, t('exchangeBegin')).click();
          await page.getByText(t('deskDone')).waitFor();
          expect(host.latest().staff?.name).toBe('cashExchange');
          // Residents are told the box is being counted, and no cash is taken meanwhile.
          expect(host.latest().screen).toEqual({ name: 'outOfService', reason: 'cashBoxExchange' });

          // Type the counts: every expected note, one note of the first kind less (short) or
          // more (long) than the ledger expects.
          const values = Object.entries(expected.byValue)
            .map(([v, n]) => [Number(v), n] as const)
            .filter(([, n]) => n > 0);
          const miscounted = values[0]?.[0] ?? 0;
          for (const [v, n] of values) {
            const counted = v === miscounted ? (count === 'short' ? n - 1 : n + 1) : n;
            await page
              .getByRole('button', {
                name: new RegExp(`^${t('exchangeNote', { value: String(v / 100) })} `),
              })
              .click();
            for (const d of String(counted)) await button(page, d).click();
          }
          const printed = env.kiosk().printer.receipts.length;
          await button(page, t('exchangeFinish')).click();
          await page
            .getByText(
              t(count === 'short' ? 'exchangeShort' : 'exchangeLong', {
                amount: (miscounted / 100).toFixed(2),
              }),
            )
            .waitFor();
          await page.getByText(t('exchangeSlipPrinted')).waitFor();
          expect(env.kiosk().printer.receipts.length).toBe(printed + 1);
          expect(env.kiosk().printer.receipts.at(-1)?.lines.join('\n')).toContain('清机结算单');
          expect(host.service.exchange.expected().total).toBe(0);
          expect(host.latest().staff?.name).toBe('cashExchange');

          // The difference is an open item; staff explain it.
          await button(page, t('staffBackHome')).click();
          await button(page, t('staffOpenOpenItems')).click();
          const item = page.getByRole('listitem', { name: t('itemKindDiscrepancy') }).first();
          await item
            .getByRole('button', {
              name: t('itemExplain', { reason: t('discrepancyCountingError') }),
            })
            .click();
          await page.getByText(t('deskDone')).waitFor();
          await button(page, t('staffLeave')).click();
          await page.getByRole('button', { name: t('start'), exact: true }).waitFor();
        }
        await page.close();
      },
    );
  },
);

const WATER = 'SHWATER:210012345';
const GAS = 'SHGAS:50012345';

/** A resident pays a bill in full with 100-yuan notes (each bill can be paid once). */
async function insertCashFor(
  page: Page,
  t: Translator,
  o: { offline?: boolean; bill: string },
): Promise<void> {
  const host = env.kiosk().host;
  env.kiosk().scanner.scan(o.bill);
  await page.getByText(t('totalDue')).first().waitFor();
  await button(page, t('payCash')).click();
  await button(page, t('confirmPay')).click();
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('insertCash');
  // The network pulled once cash is being taken: the write-off waits for it.
  if (o.offline) env.kiosk().network.online = false;
  while (host.latest().screen.name === 'insertCash') {
    await insertNote(env.kiosk(), 10_000);
    await new Promise((r) => setTimeout(r, 300));
  }
  await expect
    .poll(() => host.latest().screen.name, { timeout: 20_000 })
    .toMatch(/pendingSync|paid/);
  host.send({ type: 'DONE' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
  // Each visit starts in Chinese: the next one in this run's language again.
  await attractIn(page, env.kiosk(), t.locale);
}
