// The attract screen in a given language: each customer starts in Chinese, and the language
// switch on the frame is one tap.
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { translator, type Translator } from '../../ui/i18n/messages';
import type { TestKiosk } from './e2e-fixture';

/** Waits for the attract screen, switches it to `locale` if needed; its words in that language. */
export async function attractIn(page: Page, kiosk: TestKiosk, locale: Locale): Promise<Translator> {
  const t = translator(locale);
  await page.locator('[data-screen="attract"]').waitFor();
  if (kiosk.host.latest().locale !== locale) {
    const other = translator(locale === 'en' ? 'zh-CN' : 'en');
    await page.getByRole('button', { name: other('switchLanguage') }).click();
  }
  await page.getByRole('button', { name: t('start'), exact: true }).waitFor();
  return t;
}
