// The app:// policy against the real renderer: dist/ui served exactly as the Electron shell's
// handler answers it (same headers), in Chromium, with a stand-in for the preload's bridge.
// Every screen must draw without a single policy violation, while what the policy exists to
// stop (a connection, an injected script) is stopped and reported.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY } from '../../src/electron/app-headers';
import { handleAppRequest } from '../../src/electron/app-protocol';
import { launchChromium } from '../support/browser';
import { SCREENS, snapshot } from '../ui/screens.fixture';

const UI_DIR = path.resolve(import.meta.dirname, '../../dist/ui');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** What Electron's net.fetch answers for a file:// URL. */
async function fetchFile(fileUrl: string): Promise<Response> {
  const file = new URL(fileUrl).pathname;
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  return new Response(await readFile(file), { headers: { 'content-type': type } });
}

// Runs in the page before the renderer: records every policy violation, and stands in for
// the preload's bridge (snapshots in, events sent nowhere). Page code is kept as text: the
// tests compile without the DOM's types.
const IN_PAGE_SETUP = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  let listener = () => undefined;
  Object.defineProperty(window, 'kioskApi', {
    value: { subscribe: (l) => ((listener = l), () => undefined), send: () => undefined },
  });
  window.__show = (s) => listener(s);
`;
const violations = () => page.evaluate('window.__violations') as Promise<string[]>;

let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = createServer((req, res) => {
    void handleAppRequest(UI_DIR, `app://kiosk${req.url ?? '/'}`, fetchFile).then(
      async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.addInitScript({ content: IN_PAGE_SETUP });
  const { port } = server.address() as AddressInfo;
  const response = await page.goto(`http://127.0.0.1:${port}/index.html`);
  expect(response?.headers()['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the app:// content security policy', () => {
  it('lets every screen of the renderer draw without a violation', async () => {
    let seq = 0;
    for (const [name, screen] of Object.entries(SCREENS)) {
      await page.evaluate(`window.__show(${JSON.stringify(snapshot(screen, { seq: ++seq }))})`);
      await page.locator('#root *').first().waitFor();
      expect(await violations(), name).toEqual([]);
    }
    // The screens really drew with their styles: the stylesheet's ink colour is applied.
    const ink = await page.evaluate('getComputedStyle(document.documentElement).color');
    expect(ink).toBe('rgb(17, 17, 17)');
  });

  it('stops a connection and an injected script, and reports both', async () => {
    const fetched = await page.evaluate(
      "fetch('http://127.0.0.1:9/').then(() => 'connected', () => 'blocked')",
    );
    expect(fetched).toBe('blocked');
    const injected = await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      '__injected' in window;
    }`);
    expect(injected).toBe(false);
    expect(await violations()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^connect-src /), 'script-src-elem inline']),
    );
  });
});
