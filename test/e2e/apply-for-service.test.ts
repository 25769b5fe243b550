// End to end in headless Chromium through the real host, the simulated gateway and the fake
// document camera, by visible text in both languages: a resident applies for each of the six
// services of the catalogue (社区服务 → 办理业务). One service per language walks every screen —
// a number refused, the account typed or a bill scanned, a blurred photo refused and retaken, a
// signature drawn with the pointer, a part changed from the review — the others take the
// shortest route. Each receipt's QR, held to the scanner, shows the application's progress.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CameraShot } from '../../sim/control/protocol';
import { DEMO_COMMUNITY, DEMO_SERVICES } from '../../sim/gateway/community-seed';
import type { Locale, Screen } from '../../src/api/kiosk-api';
import type { Service } from '../../src/community';
import type { Translator } from '../../ui/i18n/messages';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';

const env = useKioskInChromium(
  { community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 10_000 } },
  { fakeCamera: true },
);

const BILL = 'SGCC:3100123456';

const service = (id: string): Service => {
  const s = DEMO_SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};
const screen = (): Screen => env.kiosk().host.latest().screen;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const show = (shot: CameraShot) => env.kiosk().camera?.show(shot);

/** A screen a step leads to: by name, and (for the form) by what it asks. */
const at = (name: Screen['name'], id?: string) =>
  expect
    .poll(
      () => {
        const s = screen();
        if (s.name !== name) return s.name;
        if (id === undefined) return name;
        const part =
          s.name === 'applicationField'
            ? s.field.id
            : s.name === 'applicationDocument'
              ? s.document.id
              : '';
        return part === id ? name : `${name}:${part}`;
      },
      { timeout: 15_000 },
    )
    .toBe(name);

/** The screen moved on from `s` (a step taken; the host may be busy on a loaded machine). */
const changed = (s: Screen) =>
  expect.poll(() => JSON.stringify(screen()), { timeout: 15_000 }).not.toBe(JSON.stringify(s));

async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await button(page, d).click();
}

async function open(locale: Locale): Promise<{ page: Page; t: Translator }> {
  const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(env.kiosk().launchUrl());
  const t = await attractIn(page, env.kiosk(), locale);
  return { page, t };
}

/** From the idle screen to the service's account screen. */
async function chooseService(page: Page, t: Translator, s: Service): Promise<void> {
  await page.getByRole('button', { name: t('communityServices') }).click();
  await page.getByRole('button', { name: t('applyService') }).click();
  await page.getByRole('heading', { name: t('applyCatalogueTitle') }).waitFor();
  await button(page, s.name[t.locale]).click();
  await page.getByRole('heading', { name: s.name[t.locale] }).waitFor();
  await button(page, t('applyStart')).click();
  await page.getByRole('heading', { name: t('applyAccountTitle') }).waitFor();
}

/** The bill held to the scanner: its holder confirmed. */
async function scanBill(page: Page, t: Translator): Promise<void> {
  env.kiosk().scanner.scan(BILL);
  await page.getByRole('heading', { name: t('applyConfirmTitle') }).waitFor({ timeout: 10_000 });
  await page.getByText('张*明').waitFor();
  await button(page, t('confirm')).click();
}

/** Every page a document needs, photographed (the fake camera shows a register page). */
async function photograph(page: Page, t: Translator, min: number): Promise<void> {
  for (let i = 0; i < min; i++) {
    const take = button(page, t('cameraTake'));
    await expect.poll(() => take.isEnabled(), { timeout: 15_000 }).toBe(true);
    await take.click();
    await page
      .getByText(i + 1 < min ? t('cameraPageOf', { page: i + 2, pages: min }) : t('cameraDone'))
      .first()
      .waitFor({ timeout: 15_000 });
  }
  await button(page, t('cameraDone')).click();
}

async function sign(page: Page, t: Translator): Promise<void> {
  const pad = page.getByLabel(t('signPad'));
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  const strokes: [number, number][][] = [
    [
      [100, 200],
      [160, 120],
      [220, 210],
      [280, 130],
    ],
    [
      [330, 140],
      [420, 140],
      [380, 230],
    ],
  ];
  for (const [start, ...rest] of strokes) {
    if (!start) continue;
    await page.mouse.move(box.x + start[0], box.y + start[1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  }
  await button(page, t('signConfirm')).click();
}

/** Each step of the form by the shortest route: the first option, the least number, the pages. */
async function fillForm(page: Page, t: Translator): Promise<void> {
  for (let step = 0; step < 20; step++) {
    await expect
      .poll(() => screen().name.startsWith('applicationWorking'), { timeout: 15_000 })
      .toBe(false);
    const s = screen();
    if (s.name === 'applicationReview') return;
    if (s.name === 'applicationField') {
      const f = s.field;
      await page.getByRole('heading', { name: f.label[t.locale] }).waitFor();
      if (f.kind === 'choice') {
        await button(page, f.options[0]?.label[t.locale] ?? '').click();
      } else if (f.kind === 'text') {
        if (f.optional) await button(page, t('applySkip')).click();
        else {
          await page.locator('.hg-button').first().waitFor();
          await typeDigits(page, '117');
          await button(page, t('nextStep')).click();
        }
      } else {
        const value =
          f.kind === 'integer'
            ? String(f.min ?? 1)
            : f.kind === 'date'
              ? '20261220'
              : '13800138000';
        await typeDigits(page, value);
        await button(page, t('nextStep')).click();
      }
      await changed(s);
    } else if (s.name === 'applicationDocument') {
      await page.getByRole('heading', { name: s.document.label[t.locale] }).waitFor();
      await photograph(page, t, s.document.pages.min);
      await changed(s);
    } else if (s.name === 'applicationSignature') {
      await sign(page, t);
      await at('applicationConsent');
    } else if (s.name === 'applicationConsent') {
      await button(page, t('applyConsentYes')).click();
      await at('applicationReview');
    } else {
      throw new Error(`unexpected screen ${s.name}`);
    }
  }
}

/** Submitted from the review: the receipt with its tracking code; its QR's text. */
async function submit(page: Page, t: Translator): Promise<string> {
  await page.getByRole('heading', { name: t('applyReviewTitle') }).waitFor();
  await button(page, t('applySubmit')).click();
  await page.getByRole('heading', { name: t('applyReceiptTitle') }).waitFor({ timeout: 30_000 });
  const s = screen();
  if (s.name !== 'applicationReceipt') throw new Error(s.name);
  expect(s.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByText(t('applyReceiptCode', { code: s.trackingCode ?? '' })).waitFor();
  // Printed on the receipt printer (its tracking code and QR on the paper).
  expect(s.printed).toBe(true);
  await page.getByText(t('applyReceiptPrinted')).first().waitFor();
  await button(page, t('done')).click();
  // The next visit starts on the idle screen in Chinese: this run's language again.
  await attractIn(page, env.kiosk(), t.locale);
  return s.qr;
}

/** The receipt's QR held to the scanner at the service point: its progress. */
async function progressByReceipt(page: Page, t: Translator, qr: string): Promise<void> {
  await page.getByRole('button', { name: t('communityServices') }).click();
  env.kiosk().scanner.scan(qr);
  await page.getByRole('heading', { name: t('progressTitle') }).waitFor({ timeout: 10_000 });
  await page.getByText(t('statusReceived')).first().waitFor();
  await button(page, t('done')).click();
  await attractIn(page, env.kiosk(), t.locale);
}

const atGateway = (qr: string) => {
  const serial = qr.replace(/^KIOSK-APP:/, '');
  return env
    .kiosk()
    .gateway?.community()
    .applications.find((a) => a.serial === serial);
};

describe('办理业务: applying for a service at the kiosk', () => {
  it('in Chinese, every screen: a number refused, a blurred photo retaken, signed, changed from the review', async () => {
    const { page, t } = await open('zh-CN');
    const s = service('multi-person-household');
    await chooseService(page, t, s);
    await scanBill(page, t);

    // 户籍人数 5–20: 3 is refused in words on the field, 6 goes on.
    await at('applicationField', 'persons');
    await typeDigits(page, '3');
    await button(page, t('nextStep')).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('applyProblemTooSmall') })
      .waitFor();
    await button(page, t('clear')).click();
    await typeDigits(page, '6');
    await button(page, t('nextStep')).click();
    await at('applicationField', 'phone');
    await typeDigits(page, '13800138000');
    await button(page, t('nextStep')).click();

    // The household register: a blurred photo refused with its reason, then taken again.
    await at('applicationDocument', 'household-register');
    show('blurred');
    await page.getByRole('heading', { name: s.documents[0]?.label['zh-CN'] ?? '' }).waitFor();
    const take = button(page, t('cameraTake'));
    await expect.poll(() => take.isEnabled(), { timeout: 15_000 }).toBe(true);
    show('household-register');
    await take.click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('photoBlurred') })
      .waitFor({ timeout: 15_000 });
    await photograph(page, t, 1);
    await at('applicationDocument', 'id-card');
    await photograph(page, t, 2);
    await at('applicationSignature');
    await sign(page, t);
    await at('applicationConsent');
    await button(page, t('applyConsentYes')).click();

    // The review: 户籍人数 changed, back to the review at once.
    await at('applicationReview');
    await page.getByRole('button', { name: t('applyChangeItem', { item: '户籍人数' }) }).click();
    await at('applicationField', 'persons');
    await button(page, t('clear')).click();
    await typeDigits(page, '7');
    await button(page, t('nextStep')).click();
    await at('applicationReview');
    const qr = await submit(page, t);
    const sent = atGateway(qr);
    expect(sent?.serviceId).toBe('multi-person-household');
    expect(JSON.parse(sent?.documents ?? '[]')).toHaveLength(2);
    await progressByReceipt(page, t, qr);
    await page.close();
  }, 240_000);

  it('in English, every screen: the account typed, a text on the keyboard, consent changed from the review', async () => {
    const { page, t } = await open('en');
    const s = service('ev-charger');
    await chooseService(page, t, s);
    await typeDigits(page, '3100123456');
    await button(page, t('confirm')).click();
    await page.getByRole('heading', { name: t('applyConfirmTitle') }).waitFor({ timeout: 10_000 });
    await button(page, t('confirm')).click();
    await at('applicationField', 'parking-space');
    await fillForm(page, t);
    await page
      .getByRole('button', { name: t('applyChangeItem', { item: t('applyReviewSms') }) })
      .click();
    await at('applicationConsent');
    await button(page, t('applyConsentNo')).click();
    await at('applicationReview');
    await page.getByText(t('applyReviewSmsNo'), { exact: true }).waitFor();
    const qr = await submit(page, t);
    expect(atGateway(qr)?.serviceId).toBe('ev-charger');
    await progressByReceipt(page, t, qr);
    await page.close();
  }, 240_000);

  it.each<[Locale, string]>([
    ['zh-CN', 'capacity-increase'],
    ['zh-CN', 'meter-verification'],
    ['en', 'real-name'],
    ['en', 'pv-grid-connection'],
  ])(
    '(%s) %s by the shortest route',
    async (locale, id) => {
      const { page, t } = await open(locale);
      await chooseService(page, t, service(id));
      await scanBill(page, t);
      await fillForm(page, t);
      const qr = await submit(page, t);
      expect(atGateway(qr)?.serviceId).toBe(id);
      await page.close();
    },
    180_000,
  );
});
