// End to end in headless Chromium through the real host, in English: a resident who switches
// the language at the start pays by cash and by QR, stops short with cash, and calls staff.
// Every screen of the cash journey is also held to the age-friendly checks (R1–R4, R6, R10,
// R12, R13, axe). The error paths, in both languages, are in error-paths.test.ts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';
import { attractIn } from '../support/kiosk-locale';
import { formatViolations, runUxChecks } from '../support/ux-checks';
import { accountGroups } from '../../ui/screens/account-groups';

const env = useKioskInChromium();

/** A page on the attract screen, switched to English. Each test ends back on attract. */
async function openInEnglish(): Promise<Page> {
  // The host's CSP admits only its own scripts; axe-core is injected by the test.
  const page = await env.browser().newPage({
    viewport: { width: 1920, height: 1080 },
    bypassCSP: true,
  });
  await page.goto(env.kiosk().launchUrl());
  await attractIn(page, env.kiosk(), 'en');
  return page;
}

async function endOnAttract(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
  await page.close();
}

async function openKeypad(page: Page, biller: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: biller }).click();
  await page.getByRole('heading', { name: 'Enter your account number' }).waitFor();
}

/** Clears the keypad, types `account` (each digit echoed) and confirms it. */
async function submitAccount(page: Page, account: string): Promise<void> {
  await page.getByRole('button', { name: 'Clear' }).click();
  for (const digit of account) await page.getByRole('button', { name: digit, exact: true }).click();
  await expect
    .poll(() => page.getByLabel('Account number entered').textContent())
    .toBe(accountGroups(account).join(' '));
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
}

async function typeAccount(page: Page, biller: RegExp, account: string): Promise<void> {
  await openKeypad(page, biller);
  await submitAccount(page, account);
}

async function expectAgeFriendly(page: Page): Promise<void> {
  const found = await runUxChecks(page, { promptShown: false });
  expect(formatViolations(found)).toBe('');
}

describe('in English, through the real host', () => {
  it('cash: every screen in English and age-friendly, paid and written off', async () => {
    const page = await openInEnglish();
    await expectAgeFriendly(page);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('heading', { name: 'What would you like to pay?' }).waitFor();
    await expectAgeFriendly(page);
    await page.getByRole('button', { name: /Electricity/ }).click();
    await page.getByRole('heading', { name: 'Enter your account number' }).waitFor();
    await expectAgeFriendly(page);
    await submitAccount(page, '3100123456');
    await page.getByText('Total due').waitFor();
    await page
      .getByText(/Late fee/)
      .first()
      .waitFor();
    await page
      .getByText(/\d+ days overdue/)
      .first()
      .waitFor();
    await expectAgeFriendly(page);

    await page.getByRole('button', { name: 'Pay with cash' }).click();
    await page.getByRole('heading', { name: 'Please check your payment' }).waitFor();
    await expectAgeFriendly(page);
    // "Go back and change" returns to the bills; the amount is confirmed again.
    await page.getByRole('button', { name: 'Go back and change' }).click();
    await page.getByRole('button', { name: 'Pay with cash' }).click();
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.getByRole('heading', { name: 'Please insert banknotes' }).waitFor();
    await expectAgeFriendly(page);

    const screen = env.kiosk().host.latest().screen;
    const due = screen.name === 'insertCash' ? screen.amountDue : 0;
    expect(due).toBeGreaterThan(0);
    for (let inserted = 10_000; inserted - 10_000 < due; inserted += 10_000) {
      await insertNote(env.kiosk(), 10_000);
      if (inserted < due) await seeCollected(page, inserted);
    }
    await page.getByRole('status').filter({ hasText: 'Payment complete' }).waitFor({
      timeout: 15_000,
    });
    await page.getByText('Please take your printed receipt').waitFor();
    await expectAgeFriendly(page);
    const [paid] = env.kiosk().host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']);
    expect(paid).toMatchObject({ method: 'cash', account: '3100123456' });
    await endOnAttract(page, 'Done'); // and the next customer is greeted in Chinese
  }, 120_000);

  it('QR: the payment code held to the scanner pays the bill', async () => {
    const kiosk = env.kiosk();
    const page = await openInEnglish();
    kiosk.scanner.scan('SHGAS:50012345');
    await page.getByText('Total due').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Pay by QR code' }).click();
    await page.getByText('WeChat or Alipay QR code').waitFor();
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page
      .getByRole('heading', { name: 'Show your payment code' })
      .waitFor({ timeout: 10_000 });
    await page.getByText('to the scanner window below the screen', { exact: false }).waitFor();
    kiosk.scanner.scan('134567890123456780'); // WeChat, pays at once
    await page.getByRole('status').filter({ hasText: 'Payment complete' }).waitFor({
      timeout: 20_000,
    });
    await page.getByText('Paid by phone').waitFor();
    await endOnAttract(page, 'Done');
  }, 60_000);

  it('stopping short with cash: what happens to the money, then a refund slip', async () => {
    const page = await openInEnglish();
    await typeAccount(page, /Water/, '210012345'); // water takes no part payment
    await page.getByRole('button', { name: 'Pay with cash' }).click();
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.getByRole('heading', { name: 'Please insert banknotes' }).waitFor();
    await insertNote(env.kiosk(), 10_000);
    await seeCollected(page, 10_000);
    await page.getByRole('button', { name: 'Stop inserting' }).click();
    await page.getByRole('heading', { name: 'You have inserted 100.00 yuan' }).waitFor();
    await page.getByText(/print a refund slip and take it to staff to get your 100\.00/).waitFor();
    await expectAgeFriendly(page);
    await page.getByRole('button', { name: 'Print refund slip' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Please take the refund slip to staff' })
      .waitFor({ timeout: 15_000 });
    await endOnAttract(page, 'Done');
  }, 60_000);

  it('call staff from the bills: staff are told and the session goes on', async () => {
    const page = await openInEnglish();
    await typeAccount(page, /Telephone/, '13301234567');
    await page.getByText('Total due').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Call staff' }).click();
    await page
      .getByRole('heading', { name: 'Staff have your call and are on their way' })
      .waitFor();
    await page.getByText('Staff are on their way').first().waitFor();
    await expect.poll(() => env.kiosk().host.latest().helpCalled).toBe(true);
    await page.getByRole('button', { name: 'Carry on by myself', exact: true }).click();
    await page.getByText('Total due').waitFor();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { name: 'Enter your account number' }).waitFor();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await endOnAttract(page, 'Back');
  }, 60_000);
});
