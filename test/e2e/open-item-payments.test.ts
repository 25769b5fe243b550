// End to end in headless Chromium, by visible text, in both languages: a payment that needs
// staff is resolved at the screen. A resident pays cash a minute before midnight; the gateway
// commits the write-off but the answer is lost, and it cannot be asked about until midnight has
// passed: the write-off's outcome is unknown past the day cut (AWAIT_RECON), an open item for
// staff. Once the gateway answers again, staff ask it again from the open-items screen: the
// sync worker asks before it sends anything, finds the write-off made, and the payment is
// written off, once at the gateway, the money neither lost nor sent twice.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, openOpenItems, setPeoplePins } from '../support/staff-people';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The host's and the gateway's clock: real time, moved forward by `shift`. */
let shift = 0;
const clock = () => Date.now() + shift;

const env = useKioskInChromium({ people: PEOPLE }, { clock });
beforeAll(() => setPeoplePins(env.kiosk()));

/** Moves the clock forward to `ms` before the next midnight in Shanghai (the business day's end). */
function toBeforeMidnight(ms: number): void {
  const now = clock();
  const midnight = (Math.floor((now + ms + SHANGHAI_MS) / DAY_MS) + 1) * DAY_MS - SHANGHAI_MS;
  shift += midnight - ms - now;
}

const BILL: Record<Locale, string> = { 'zh-CN': 'SHWATER:210012345', en: 'SHGAS:50012345' };

describe.each<Locale>(['zh-CN', 'en'])('payments needing staff (%s)', (locale) => {
  it(
    'a write-off of unknown outcome past the day cut is asked again by staff: written off once',
    { timeout: 240_000 },
    async () => {
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      let t = await attractIn(page, env.kiosk(), locale);
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      const kiosk = env.kiosk();
      const { host } = kiosk;
      const gateway = kiosk.gateway;
      if (!gateway) throw new Error('the gateway simulator is not running');
      const committedBefore = gateway.stats().committed.count;
      const staffItemsBefore = host.money.staff.openItems();

      toBeforeMidnight(90_000);
      // The gateway commits the write-off and the answer is lost; then it answers no question.
      gateway.setFaults([
        { route: 'POST /v1/payments', kind: 'drop_after_commit', times: 1 },
        { route: 'GET /v1/payments/:serial', kind: '503' },
      ]);
      let serial = '';
      try {
        kiosk.scanner.scan(BILL[locale]);
        await page.getByText(t('totalDue')).first().waitFor();
        await button(t('payCash')).click();
        await button(t('confirmPay')).click();
        await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('insertCash');
        const payment = host.journal.inStates(['COLLECTING']).at(-1);
        if (!payment) throw new Error('no payment is collecting');
        serial = payment.agentSerial;
        const screen = host.latest().screen;
        const due = screen.name === 'insertCash' ? screen.amountDue : 0;
        for (let paid = 0; paid < due; paid += 10_000) await insertNote(kiosk, 10_000);
        await page.getByText(t('pendingSync')).first().waitFor({ timeout: 20_000 });
        await expect
          .poll(() => host.journal.bySerial(serial)?.state, { timeout: 20_000 })
          .toBe('WRITEOFF_UNKNOWN');
        await button(t('done')).click();
        t = await attractIn(page, kiosk, locale);

        // Midnight passes with the outcome still unknown: the payment waits for staff. The
        // worker finds it at its next try, which a wall-clock step does not hasten: on a slow
        // machine the questions asked before midnight may have grown its wait to the third
        // backoff (32–64 s), so the wait here covers that.
        shift += 3 * 60_000;
        await expect
          .poll(() => host.journal.bySerial(serial)?.state, { timeout: 90_000 })
          .toBe('AWAIT_RECON');
        // The worker's own next try is far off: what settles it below is staff asking.
        const paymentId = host.journal.bySerial(serial)?.id ?? -1;
        await expect
          .poll(() => (host.money.outbox.openRowFor(paymentId)?.nextAttemptAt ?? 0) - clock(), {
            timeout: 30_000,
          })
          .toBeGreaterThan(25_000);
      } catch (err) {
        gateway.clearFaults();
        throw err;
      }
      const collected = host.journal.bySerial(serial)?.collected ?? 0;
      expect(collected).toBeGreaterThan(0);

      await openOpenItems(page, t);
      const item = page
        .getByRole('listitem', { name: t('itemKindPayment') })
        .filter({ hasText: serial });
      await expect.poll(() => item.count()).toBe(1);
      // The gateway answers again; staff ask it.
      gateway.clearFaults();
      await item.getByRole('button', { name: t('itemAskAgain') }).click();
      await page.getByText(t('deskDone')).waitFor();
      await expect
        .poll(() => host.journal.bySerial(serial)?.state, { timeout: 20_000 })
        .toBe('WRITTEN_OFF');
      await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
      await button(t('staffLeave')).click();

      // Recorded: who asked, about which payment, in what state.
      const asked = host.service.audit
        .list({})
        .filter((r) => r.action === 'open_items.resolve' && r.subject === `payment:${serial}`);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({
        actor: { staffNumber: STAFF.staffNumber, role: 'staff' },
        amountBefore: collected,
        amountAfter: collected,
        detail: { kind: 'payment', outcome: 'asked_again', state: 'AWAIT_RECON' },
      });
      // Neither lost nor sent twice: the gateway holds one write-off of the amount collected,
      // from the one POST whose answer was lost; the kiosk asked, and sent nothing again.
      expect(gateway.stats().payments[serial]).toMatchObject({
        commits: 1,
        stored: 'written_off',
        amount: collected,
      });
      expect(gateway.stats().committed.count).toBe(committedBefore + 1);
      const posts = gateway.requests({ serial, route: 'POST /v1/payments' });
      expect(posts).toHaveLength(1);
      // Nothing else was left for staff: no refund, no note under review, no stray.
      expect(host.money.staff.openItems()).toEqual(staffItemsBefore);
      await page.close();
    },
  );
});
