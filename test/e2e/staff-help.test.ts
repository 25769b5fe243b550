// End to end in headless Chromium, by visible text, in both languages: a resident with a note
// in calls for staff; a member of staff signs in at the same screen (staff number and PIN),
// sees what she sees and the money, and either cancels safely for her or hands the screen back
// at once, after which she finishes paying with staff beside her ("staff are helping"). And the
// help screen says what happens next and offers two choices: carry on by herself (the call
// stands) or cancel the call (staff, signing in, see no call).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, setPeoplePins } from '../support/staff-people';

const env = useKioskInChromium({
  people: PEOPLE,
});

beforeAll(() => setPeoplePins(env.kiosk()));

describe.each<Locale>(['zh-CN', 'en'])('a help call answered by staff (%s)', (locale) => {
  it('staff sign in over the call, cancel safely for the resident and hand back', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const t = await attractIn(page, env.kiosk(), locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    env.kiosk().scanner.scan('SHWATER:210012345');
    await page.getByText(t('totalDue')).first().waitFor();
    await button(t('payCash')).click();
    await button(t('confirmPay')).click();
    await insertNote(env.kiosk(), 1_000);
    await seeCollected(page, 1_000);

    await page
      .getByRole('button', { name: t('callStaff') })
      .first()
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: t('staffHelp') })
      .waitFor();

    // The member of staff, at the same screen.
    const staffT = translator(env.kiosk().host.latest().locale);
    await button(staffT('staffSignIn')).click();
    await page.getByRole('heading', { name: staffT('staffSignInByNumber') }).waitFor();
    for (const d of '1001') await button(d).click();
    await button(staffT('staffNext')).click();
    for (const d of STAFF.pin) await button(d).click();
    await page.getByRole('heading', { name: staffT('staffHome', { name: '王芳' }) }).waitFor();
    const call = page.getByRole('region', { name: staffT('staffHelpCall') });
    await call.getByText(staffT('staffCollected', { amount: '10.00' })).waitFor();
    await call.getByText(staffT('staffWaySettleCash')).waitFor();

    await button(staffT('staffCancelForCustomer')).click();
    await call
      .getByText(staffT('staffCustomerSees', { screen: staffT.screen('partialCash') }))
      .waitFor();
    await button(staffT('staffHandBack')).click();

    await page
      .getByRole('status')
      .filter({ hasText: t('staffIsHelping') })
      .waitFor();
    expect(env.kiosk().host.latest()).toMatchObject({
      staff: null,
      staffHelping: true,
      screen: { name: 'partialCash', collected: 1_000 },
    });
    // Settled as the part-payment screen says; the kiosk is ready for the next resident.
    const host = env.kiosk().host;
    host.send({ type: 'CONFIRM' });
    await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('refundSlip');
    host.send({ type: 'DONE' });
    await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
    expect(host.latest().staffHelping).toBe(false);
    await page.close();
  });

  it('staff answer, hand the screen back, and the resident finishes paying with them beside her', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const t = await attractIn(page, env.kiosk(), locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    const host = env.kiosk().host;
    env.kiosk().scanner.scan(locale === 'en' ? 'CTSH:13301234567' : 'SHGAS:50012345');
    await page.getByText(t('totalDue')).first().waitFor();
    await button(t('payCash')).click();
    await button(t('confirmPay')).click();
    await insertNote(env.kiosk(), 10_000);
    await seeCollected(page, 10_000);
    await page
      .getByRole('button', { name: t('callStaff') })
      .first()
      .click();

    const staffT = translator(host.latest().locale);
    await button(staffT('staffSignIn')).click();
    for (const d of STAFF.staffNumber) await button(d).click();
    await button(staffT('staffNext')).click();
    for (const d of STAFF.pin) await button(d).click();
    const call = page.getByRole('region', { name: staffT('staffHelpCall') });
    await call.getByText(staffT('staffCollected', { amount: '100.00' })).waitFor();
    await button(staffT('staffHandBack')).click();

    // Her screen again, saying staff are helping; she goes on with the notes and pays in full.
    await page
      .getByRole('status')
      .filter({ hasText: t('staffIsHelping') })
      .waitFor();
    while (host.latest().screen.name === 'insertCash') {
      await insertNote(env.kiosk(), 10_000);
      await new Promise((r) => setTimeout(r, 300));
    }
    await expect
      .poll(() => host.latest().screen.name, { timeout: 20_000 })
      .toMatch(/^(paid|pendingSync)$/);
    const paid = host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']).at(-1);
    expect(paid?.collected ?? 0).toBeGreaterThan(10_000);
    host.send({ type: 'DONE' });
    await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
    expect(host.latest().staffHelping).toBe(false);
    await page.close();
  });
});

describe.each<Locale>(['zh-CN', 'en'])(
  'the help screen offers two clear choices (%s)',
  (locale) => {
    it('says what happens next; carry on by herself keeps the call, cancel withdraws it for staff', async () => {
      const kiosk = env.kiosk();
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(kiosk.launchUrl());
      const t = await attractIn(page, kiosk, locale);
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      kiosk.scanner.scan('SGCC:3100000002'); // an account no other test here pays
      await page.getByText(t('totalDue')).first().waitFor();

      await page
        .getByRole('button', { name: t('callStaff') })
        .first()
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: t('staffHelp') })
        .waitFor();
      await page.getByText(t('staffHelpNext')).waitFor();
      expect(await button(t('back')).count()).toBe(0); // no "back" that reads as cancelling

      // Carry on by herself: her screen again; the call stands, and the frame says so.
      await button(t('continueAlone')).click();
      await page.getByText(t('totalDue')).first().waitFor();
      await page.getByText(t('helpComing')).waitFor();
      expect(kiosk.host.latest().helpCalled).toBe(true);

      // Cancel the call: gone for her and for staff.
      await page
        .getByRole('button', { name: t('callStaff') })
        .first()
        .click();
      await button(t('cancelCall')).click();
      await page.getByText(t('totalDue')).first().waitFor();
      await expect.poll(() => page.getByText(t('helpComing')).count()).toBe(0);
      expect(kiosk.host.latest().helpCalled).toBe(false);

      // A member of staff arriving anyway (their card) finds no call to answer.
      const staffT = translator(kiosk.host.latest().locale);
      kiosk.host.send({ type: 'STAFF_SIGN_IN' });
      for (const d of STAFF.staffNumber) await button(d).click();
      await button(staffT('staffNext')).click();
      for (const d of STAFF.pin) await button(d).click();
      await page
        .getByRole('status')
        .filter({ hasText: staffT('staffNoCall') })
        .waitFor();
      expect(await page.getByRole('region', { name: staffT('staffHelpCall') }).count()).toBe(0);
      await button(staffT('staffLeave')).click();
      await page.getByText(t('totalDue')).first().waitFor();
      kiosk.host.send({ type: 'CANCEL' });
      await page.locator('[data-screen="attract"]').waitFor();
      await page.close();
    });
  },
);
