// End to end in headless Chromium, by visible text, in both languages: a member of staff opens
// "care for elders living alone", sees the open alerts of enrolled households masked, opens the
// drop with its household's 30 days drawn by the charting library (a canvas with ink on it, and
// its text alternative naming the drop), and records that she visited: once at the gateway, however
// often the button is tapped. And a notice: a template, its date and time on the staff keypad, a
// place and the audience chosen, the text previewed, sent once on a double tap, with the count
// of recipients the gateway simulator found shown to staff and in the sent list.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { careChartText } from '../../ui/staff/staff-words';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, setPeoplePins, signIn } from '../support/staff-people';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } } | null;
}

/** How many pixels of the chart's canvas have any ink. */
const inkOn = (page: Page) =>
  page
    .locator('.care-chart canvas')
    .first()
    .evaluate((el) => {
      const canvas = el as unknown as CanvasLike;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < (data?.length ?? 0); i += 4) if ((data?.[i] ?? 0) > 0) ink++;
      return ink;
    });

describe.each<Locale>(['zh-CN', 'en'])('care for elders living alone (%s)', (locale) => {
  const env = useKioskInChromium({
    people: PEOPLE,
    community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 1_500 },
  });

  it(
    'a drop handled with its chart visible, the outcome recorded once',
    { timeout: 120_000 },
    async () => {
      await setPeoplePins(env.kiosk());
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      await signIn(page, t, STAFF);
      await button(page, t('staffOpenCare')).click();
      await page.getByRole('heading', { name: t('careTitle') }).waitFor();
      await page.getByText(t('careKindLowUsage')).first().waitFor();
      // Staff see the spike too; holders and contacts masked.
      await expect(page.getByText(t('careKindSpike')).count()).resolves.toBeGreaterThan(0);
      const text = await page.locator('.care').innerText();
      expect(text).toMatch(/\d{3}\*{4}\d{4}/);

      const drop = page.locator('li.item[data-kind="low_usage"]');
      await drop.getByRole('button', { name: t('careOpen'), exact: true }).click();
      await page.locator('.care-chart [data-drawn="yes"] canvas').first().waitFor();
      await expect.poll(() => inkOn(page), { timeout: 10_000 }).toBeGreaterThan(1_000);
      const view = env.kiosk().host.latest().staff;
      if (view?.name !== 'care') throw new Error('not the care screen');
      expect(view.readings).toHaveLength(30);
      const alt = careChartText(t, view.readings);
      expect(alt).toContain(locale === 'zh-CN' ? '比平时少了' : '% less than usual');
      await page.getByRole('img', { name: alt }).waitFor();
      await page.getByText(alt).waitFor();

      // A double tap: one outcome at the gateway.
      const alertId = view.chosen?.alertId ?? '';
      await button(page, t('careOutcomeVisitedOk')).dblclick();
      await page
        .getByText(t('careRecorded', { outcome: t('careOutcomeVisitedOk') }))
        .first()
        .waitFor();
      const outcomes = env.kiosk().gateway?.community().careOutcomes ?? [];
      expect(outcomes.filter((o) => o.alertId === alertId)).toHaveLength(1);
      await page.close();
    },
  );

  it(
    'a notice composed, previewed and sent once, with its count',
    { timeout: 120_000 },
    async () => {
      const host = env.kiosk().host;
      host.send({ type: 'STAFF_LOCK' });
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(env.kiosk().launchUrl());
      const t = await attractIn(page, env.kiosk(), locale);
      await signIn(page, t, STAFF);
      await button(page, t('staffOpenNotices')).click();
      await page.getByRole('heading', { name: t('noticeChooseTemplate') }).waitFor();
      await button(page, locale === 'en' ? 'Electrical safety talk' : '安全用电讲座').click();
      const field = (key: 'noticeFieldDate' | 'noticeFieldTime') =>
        page.getByRole('button', { name: new RegExp(`^${t(key).replace(/[()（）]/g, '.')}`) });
      await field('noticeFieldDate').click();
      for (const d of '1210') await button(page, d).click();
      await field('noticeFieldTime').click();
      for (const d of '1400') await button(page, d).click();
      await button(page, '社区活动室').click();
      await button(page, t('noticeTagElder')).click();
      await button(page, t('noticePreview')).click();
      await page.getByText('12月10日 14:00在社区活动室', { exact: false }).first().waitFor();

      await button(page, t('noticeSend')).dblclick();
      const gateway = env.kiosk().gateway;
      if (!gateway) throw new Error('no gateway simulator');
      await expect.poll(() => gateway.community().notices.length, { timeout: 10_000 }).toBe(1);
      const [row] = gateway.community().notices;
      await page.getByText(t('noticeSentTo', { count: row?.recipients ?? -1 })).waitFor();
      expect(row?.recipients).toBeGreaterThan(0);
      await page.getByRole('heading', { name: t('noticeSentList') }).waitFor();
      await new Promise((r) => setTimeout(r, 500)); // a late second tap would have gone by now
      expect(gateway.community().notices).toHaveLength(1);
      await page.close();
    },
  );
});
