// A resident pays a scanned bill in full with 100-yuan notes and leaves; the kiosk is back on
// its attract screen in the run's language. For tests that need a written-off payment to work on.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Translator } from '../../ui/i18n/messages';
import type { TestKiosk } from './e2e-fixture';
import { insertNote } from './insert-note';
import { attractIn } from './kiosk-locale';

/** The payment's serial, once written off. */
export async function payInFull(
  kiosk: TestKiosk,
  page: Page,
  t: Translator,
  code: string,
): Promise<string> {
  const { host, scanner } = kiosk;
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  scanner.scan(code);
  await page.getByText(t('totalDue')).first().waitFor();
  await button(t('payCash')).click();
  await button(t('confirmPay')).click();
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('insertCash');
  while (host.latest().screen.name === 'insertCash') {
    await insertNote(kiosk, 10_000);
    await new Promise((r) => setTimeout(r, 300));
  }
  await expect.poll(() => host.latest().screen.name, { timeout: 20_000 }).toBe('paid');
  host.send({ type: 'DONE' });
  await expect.poll(() => host.latest().screen.name, { timeout: 10_000 }).toBe('attract');
  // Each visit starts in Chinese: the next one in this run's language again.
  await attractIn(page, kiosk, t.locale);
  const paid = host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']).at(-1);
  if (!paid) throw new Error('no payment written off');
  return paid.agentSerial;
}
