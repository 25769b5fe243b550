// The committee's people for tests that sign staff in: a technician and a member of staff with
// PINs set as on a terminal (the technician's at the console, the other's by the technician).
import type { Page } from 'playwright-core';
import type { PeopleConfig } from '../../src/service/people';
import type { Translator } from '../../ui/i18n/messages';
import type { TestKiosk } from './e2e-fixture';

export const TECH = { staffNumber: '2001', name: '李工', pin: '482913' } as const;
export const STAFF = { staffNumber: '1001', name: '王芳', pin: '731604' } as const;

export const PEOPLE: PeopleConfig = [
  { staffNumber: TECH.staffNumber, name: TECH.name, role: 'technician' },
  { staffNumber: STAFF.staffNumber, name: STAFF.name, role: 'staff' },
];

export async function setPeoplePins(kiosk: TestKiosk): Promise<void> {
  const { auth } = kiosk.host.service;
  const setup = await auth.setupPinAtConsole(TECH.staffNumber, TECH.pin);
  if (!setup.ok) throw new Error(`the technician's PIN was not set (${setup.reason})`);
  const tech = await auth.authenticate({ staffNumber: TECH.staffNumber }, TECH.pin);
  if (!tech.ok) throw new Error('the technician could not sign in');
  const set = await auth.setPin(tech.person, STAFF.staffNumber, STAFF.pin);
  if (!set.ok) throw new Error(`the staff PIN was not set (${set.reason})`);
}

/** Signs a person in at the kiosk's screen by staff number and PIN, until their mode is open. */
export async function signIn(
  page: Page,
  t: Translator,
  who: { staffNumber: string; pin: string },
): Promise<void> {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await button(t('staffSignIn')).click();
  for (const d of who.staffNumber) await button(d).click();
  await button(t('staffNext')).click();
  for (const d of who.pin) await button(d).click();
  await button(t('staffLeave')).waitFor();
}

/** Signs a person in (STAFF unless told) and opens the open-items screen. */
export async function openOpenItems(
  page: Page,
  t: Translator,
  who: { staffNumber: string; pin: string } = STAFF,
): Promise<void> {
  await signIn(page, t, who);
  await page.getByRole('button', { name: t('staffOpenOpenItems'), exact: true }).click();
  await page.getByRole('heading', { name: t('itemsTitle') }).waitFor();
}
