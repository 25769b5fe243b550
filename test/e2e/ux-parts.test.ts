// The parts the service point's screens embed — the document camera with Chromium's fake
// camera, and the signature pad — on the gallery's parts page, against the same age-friendly
// and layout rules as every screen (test/support/ux-checks.ts; L3 against the attract screen),
// in both languages, at every text size, landscape and portrait; each in its busiest state (a
// refusal said, a page's thumbnail with its retake). The host's answer to an upload is stood in
// by the page's route: this is about the look; the upload itself is
// test/e2e/camera-and-signature.test.ts. Screenshots (zh-CN, ×1) go to
// docs/screenshots/part-<part>-<orientation>.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { FakeCamera } from '../../sim/fake-camera/fake-camera';
import { CHROMIUM_PATH, launchChromium } from '../support/browser';
import { AXE_PATH, serveGallery } from '../support/gallery-server';
import {
  AXE_SOURCE,
  compareLayouts,
  formatViolations,
  layoutOf,
  runUxChecks,
} from '../support/ux-checks';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const VIEWPORTS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;
const LOCALES: Locale[] = ['zh-CN', 'en'];
const SCALES = [1, 1.25, 1.5] as const;

let server: Server;
let origin = '';
let browser: Browser;
let camera: FakeCamera;
let cameraDir = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, origin } = await serveGallery({ [AXE_PATH]: AXE_SOURCE }));
  cameraDir = mkdtempSync(path.join(tmpdir(), 'kiosk-ux-camera-'));
  camera = await FakeCamera.prepare({
    dir: cameraDir,
    chromiumPath: CHROMIUM_PATH,
    first: 'household-register',
  });
  browser = await launchChromium({ cameraFile: camera.file });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  rmSync(cameraDir, { recursive: true, force: true });
});

let nextId = 1;
/** The camera's busiest state: a page kept (its thumbnail and retake), the next refused. */
async function cameraState(page: Page, locale: Locale): Promise<void> {
  const take = page.getByRole('button', { name: locale === 'en' ? 'Take photo' : '拍照' });
  const ready = () => expect.poll(() => take.isEnabled(), { timeout: 10_000 }).toBe(true);
  await ready();
  camera.show('blurred'); // read at the restart after this photo
  await take.click();
  await page
    .getByRole('img', { name: locale === 'en' ? 'Photo of page 1' : '第 1 页的照片' })
    .waitFor();
  await ready();
  await take.click();
  await page.getByRole('alert').waitFor();
  camera.show('household-register');
  // The camera opens afresh for the next page: checked once it is live again.
  await page.locator('[data-loading]').waitFor({ state: 'detached', timeout: 15_000 });
}

async function signatureState(page: Page, locale: Locale): Promise<void> {
  await page
    .getByRole('button', { name: locale === 'en' ? 'Confirm signature' : '确认签名' })
    .click();
  await page.getByRole('alert').waitFor();
}

const PARTS = [
  { part: 'camera', query: 'part=camera&min=2&max=3', arrange: cameraState },
  { part: 'signature', query: 'part=signature', arrange: signatureState },
] as const;

describe('the service point parts meet the age-friendly rules', () => {
  it.each(PARTS.map((p) => [p.part, p] as const))('%s', { timeout: 300_000 }, async (_name, p) => {
    const lines: string[] = [];
    for (const locale of LOCALES) {
      for (const scale of SCALES) {
        for (const viewport of VIEWPORTS) {
          const page = await browser.newPage({ viewport });
          await page.route('**/api/photos', (route) =>
            route.fulfill({
              status: 201,
              contentType: 'application/json',
              body: JSON.stringify({
                photoId: String(nextId++),
                sha256: 'a'.repeat(64),
                size: 1,
                mime: 'image/jpeg',
              }),
            }),
          );
          await page.goto(`${origin}/parts.html?${p.query}&locale=${locale}&scale=${scale}`);
          await page.locator('[data-screen]').waitFor();
          await p.arrange(page, locale);
          if (locale === 'zh-CN' && scale === 1) {
            await page.screenshot({
              path: path.join(SHOTS, `part-${p.part}-${viewport.name}.png`),
            });
          }
          const axe = scale === 1;
          const vs = await runUxChecks(page, {
            promptShown: false,
            axeUrl: `${origin}${AXE_PATH}`,
            axe,
          });
          // L3: the frame's header and the primary action where the attract screen has them.
          const layout = await layoutOf(page);
          await page.goto(`${origin}/index.html?screen=attract&locale=${locale}&scale=${scale}`);
          await page.locator('[data-screen]').waitFor();
          const attract = await layoutOf(page);
          if (attract && layout) {
            vs.push(
              ...compareLayouts(
                new Map([
                  ['attract', attract],
                  [p.part, layout],
                ]),
              ),
            );
          }
          const where = `[${locale} ×${scale} ${viewport.name}]`;
          if (vs.length)
            lines.push(
              ...formatViolations(vs)
                .split('\n')
                .map((l) => `${where} ${l}`),
            );
          await page.close();
        }
      }
    }
    expect(lines.join('\n'), `${p.part}: ${lines.length} violations`).toBe('');
  });
});
