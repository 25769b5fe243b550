// End to end in headless Chromium with the fake document camera (sim/fake-camera/): the
// document camera and the signature pad, as the service point's screens embed them, on the
// gallery's parts page served from the kiosk's own origin — so their uploads go through the
// real edge (the page's pass, its origin) into the host's vault. By visible text: a page taken,
// a blurred one refused with its reason (and said aloud), a dark one and an empty desk refused,
// a retake, the pages counted, done — video only, every track stopped once the part is gone;
// no camera, or one denied, said plainly with 呼叫工作人员 at hand; a signature drawn with the
// mouse and kept, an empty pad and a single dot refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CameraShot } from '../../sim/control/protocol';
import { useKioskInChromium } from '../support/e2e-fixture';

const GALLERY = path.resolve(import.meta.dirname, '../../dist/gallery');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const env = useKioskInChromium({}, { fakeCamera: true });

/**
 * The page's camera requests, recorded (their constraints and streams) in `__cameraAsked`, or
 * refused with a DOMException of this name, as a kiosk without a camera, or denying it, does.
 * (Page code, kept as text: this file's types are Node's.)
 */
const recordCamera = (refuse: string | null) => `(() => {
  const media = navigator.mediaDevices;
  const original = media.getUserMedia.bind(media);
  const asked = [];
  globalThis.__cameraAsked = asked;
  media.getUserMedia = async (constraints) => {
    ${refuse ? `throw new DOMException('refused by the test', ${JSON.stringify(refuse)});` : ''}
    const stream = await original(constraints);
    asked.push({ constraints: constraints ?? {}, stream });
    return stream;
  };
})();`;

/** The kiosk page (its pass), then the parts page from the same origin. */
async function openPart(query: string, o: { refuseCamera?: string } = {}): Promise<Page> {
  const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript({ content: recordCamera(o.refuseCamera ?? null) });
  await page.goto(env.kiosk().launchUrl());
  const origin = new URL(env.kiosk().kioskUrl).origin;
  await page.route(
    (url) => url.origin === origin && url.pathname.startsWith('/parts/'),
    async (route) => {
      const file = path.join(GALLERY, new URL(route.request().url()).pathname.slice(7));
      if (!file.startsWith(GALLERY)) return route.abort();
      await route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
    },
  );
  await page.goto(`${origin}/parts/parts.html?${query}`);
  return page;
}

const show = (shot: CameraShot) => env.kiosk().camera?.show(shot);
const row = (id: string) =>
  env
    .kiosk()
    .host.money.db.prepare('SELECT state, mime FROM community_upload WHERE id = ?')
    .get(Number(id)) as { state: string; mime: string } | undefined;
const partEvents = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __partEvents: unknown[] }).__partEvents);
const spoken = (page: Page) =>
  page.evaluate(() =>
    ((globalThis as unknown as { __kioskVoice?: { text: string }[] }).__kioskVoice ?? []).map(
      (l) => l.text,
    ),
  );

/** Taps 拍照 once the camera is live again, having set what it shows at its next start. */
async function take(page: Page, button: string, next: CameraShot): Promise<void> {
  const b = page.getByRole('button', { name: button, exact: true });
  await expect.poll(() => b.isEnabled(), { timeout: 10_000 }).toBe(true);
  show(next);
  await b.click();
}

describe('the document camera (高拍仪)', () => {
  it('in Chinese: a page taken, blurred/dark/empty refused with the reason, a retake, done at the minimum', async () => {
    show('household-register');
    const page = await openPart('part=camera&min=2&max=3');
    await page.getByRole('heading', { name: '户口簿' }).waitFor();
    await page.getByText('第 1 页，共需 2 页').waitFor();

    await take(page, '拍照', 'blurred');
    await page.getByText('第 2 页，共需 2 页').waitFor({ timeout: 10_000 });
    await page.getByRole('img', { name: '第 1 页的照片' }).waitFor();

    await take(page, '拍照', 'dark');
    await page.getByRole('alert').filter({ hasText: '照片拍糊了，看不清字' }).waitFor();
    await expect
      .poll(() => spoken(page))
      .toContain('照片拍糊了，看不清字。请把材料放平，不要移动，再拍一次');
    await page.getByText('第 2 页，共需 2 页').waitFor();

    await take(page, '拍照', 'empty');
    await page.getByRole('alert').filter({ hasText: '照片太暗' }).waitFor();
    await take(page, '拍照', 'id-card-front');
    await page.getByRole('alert').filter({ hasText: '照片里没有看到材料' }).waitFor();

    // The first page again: its photo leaves the host at once.
    const retake = page.getByRole('button', { name: '重拍第 1 页' });
    await retake.click();
    await page.getByText('第 1 页，共需 2 页').waitFor();
    await page.getByRole('alert').waitFor({ state: 'detached' });

    await take(page, '拍照', 'id-card-back');
    await page.getByText('第 2 页，共需 2 页').waitFor({ timeout: 10_000 });
    await take(page, '拍照', 'property-certificate');
    await page.getByText('已拍好 2 页，还可以再拍 1 页').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '拍好了，下一步' }).click();

    const [done] = (await partEvents(page)) as { type: string; photoIds: string[] }[];
    expect(done?.type).toBe('done');
    expect(done?.photoIds).toHaveLength(2);
    for (const id of done?.photoIds ?? []) {
      expect(row(id)).toEqual({ state: 'staged', mime: 'image/jpeg' });
    }
    // Exactly three photos were kept: the first (discarded by the retake) and these two.
    const rows = env
      .kiosk()
      .host.money.db.prepare(
        'SELECT state, purge_reason AS reason FROM community_upload ORDER BY id',
      )
      .all();
    expect(rows).toEqual([
      { state: 'purged', reason: 'discarded' },
      { state: 'staged', reason: null },
      { state: 'staged', reason: null },
    ]);
    // Video only, never the microphone; and the part gone, no track is left running.
    const asked = await page.evaluate(() => {
      interface Track {
        kind: string;
        readyState: string;
      }
      interface Asked {
        constraints: { audio?: unknown; video?: unknown };
        stream: { getTracks(): Track[] };
      }
      return (globalThis as unknown as { __cameraAsked: Asked[] }).__cameraAsked.map((a) => ({
        audio: a.constraints.audio,
        video: a.constraints.video !== undefined && a.constraints.video !== false,
        live: a.stream.getTracks().filter((t) => t.readyState === 'live').length,
        kinds: a.stream.getTracks().map((t) => t.kind),
      }));
    });
    expect(asked.length).toBeGreaterThan(5); // the camera opened afresh for every page
    for (const a of asked)
      expect(a).toEqual({ audio: false, video: true, live: 0, kinds: ['video'] });
    await page.close();
  }, 90_000);

  it('without a camera, or with it denied: said plainly, 呼叫工作人员 there, only 返回 to do', async () => {
    for (const [refuse, words] of [
      ['NotFoundError', '没有找到拍照设备'],
      ['NotAllowedError', '拍照设备现在不能使用'],
    ] as const) {
      const page = await openPart('part=camera&min=1&max=1', { refuseCamera: refuse });
      await page.getByRole('alert').filter({ hasText: words }).waitFor();
      await page.getByRole('button', { name: '呼叫工作人员' }).waitFor();
      expect(await page.getByRole('button', { name: '拍照' }).count()).toBe(0);
      await page.getByRole('button', { name: '返回' }).click();
      expect(await partEvents(page)).toEqual([{ type: 'cancel' }]);
      await page.close();
    }
  }, 60_000);
});

describe('the signature pad (签名板)', () => {
  async function stroke(page: Page, points: [number, number][]): Promise<void> {
    const box = await page.getByLabel(/签名方框|Signature box/).boundingBox();
    if (!box) throw new Error('no pad');
    const [start, ...rest] = points;
    if (!start) return;
    await page.mouse.move(box.x + start[0], box.y + start[1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  }

  it('in English: an empty pad and a single dot refused in words; a name drawn is kept', async () => {
    const page = await openPart('part=signature&locale=en');
    await page.getByRole('heading', { name: 'Please sign in the box' }).waitFor();
    await page.getByRole('button', { name: 'Confirm signature' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is no signature yet' }).waitFor();
    await stroke(page, [[200, 150]]);
    await page.getByRole('button', { name: 'Confirm signature' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is only a dot' }).waitFor();
    await page.getByRole('button', { name: 'Clear and sign again' }).click();
    await stroke(page, [
      [100, 200],
      [160, 120],
      [220, 210],
      [280, 130],
    ]);
    await stroke(page, [
      [330, 140],
      [420, 140],
      [380, 230],
    ]);
    await page.getByRole('button', { name: 'Confirm signature' }).click();
    await expect.poll(() => partEvents(page), { timeout: 10_000 }).toHaveLength(1);
    const [signed] = (await partEvents(page)) as {
      type: string;
      photoId: string;
      strokes: number;
      signedAt: string;
    }[];
    expect(signed).toMatchObject({ type: 'signed', strokes: 2 });
    expect(Date.parse(signed?.signedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(row(signed?.photoId ?? '')).toEqual({ state: 'staged', mime: 'image/png' });
    await page.close();
  }, 60_000);

  it('in Chinese: the refusals read as Chinese', async () => {
    const page = await openPart('part=signature');
    await page.getByRole('button', { name: '确认签名' }).click();
    await page.getByRole('alert').filter({ hasText: '还没有签名' }).waitFor();
    await stroke(page, [[300, 120]]);
    await page.getByRole('button', { name: '确认签名' }).click();
    await page.getByRole('alert').filter({ hasText: '只点了一下' }).waitFor();
    await page.close();
  }, 60_000);
});
