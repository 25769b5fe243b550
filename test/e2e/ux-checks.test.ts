// The UX checks themselves, on tiny static pages: one page that meets every rule, and for each
// rule a page that breaks it, so a check that stopped looking would fail here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import {
  checkAxe,
  checkCallStaff,
  checkDialogs,
  checkLineHeight,
  checkOverflow,
  checkTargets,
  checkTextSize,
  checkVoice,
  runUxChecks,
  type UxViolation,
} from '../support/ux-checks';

const STYLE = `
  body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 28px; line-height: 1.5;
         color: #111; background: #fff; }
  h1 { font-size: 44px; line-height: 1.5; margin: 0; }
  p { margin: 0 0 16px; }
  .money { font-size: 40px; }
  button { min-width: 120px; min-height: 88px; margin: 0 24px 0 0; font: inherit; font-size: 32px;
           line-height: 1.5; color: #fff; background: #0b3d91; border: 0; }`;

/** A page that meets every rule; `body` replaces its main content, `voice` its voice line. */
function html(body: string, o: { voice?: boolean; callStaff?: boolean } = {}): string {
  const voice =
    o.voice === false ? '' : `<script>window.__kioskVoice = ['请选择缴费项目'];</script>`;
  const callStaff = o.callStaff === false ? '' : '<button>呼叫工作人员</button>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>
    <style>${STYLE}</style></head><body>
    <header><span>社区缴费服务</span></header>
    <main><h1>请选择缴费项目</h1>${body}<div>${callStaff}<button>下一步</button></div></main>
    ${voice}</body></html>`;
}

const GOOD = '<p>应缴合计 <span class="money">417.90 元</span></p>';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await browser?.close();
});

async function on(content: string): Promise<Page> {
  await page.goto('about:blank'); // a fresh window: no voice lines or axe left from the last page
  await page.setContent(content);
  return page;
}
const details = (vs: UxViolation[]) => vs.map((v) => `${v.rule} ${v.element}: ${v.detail}`);

describe('UX checks', () => {
  it('find nothing on a page that meets every rule', async () => {
    expect(details(await runUxChecks(await on(html(GOOD)), { promptShown: false }))).toEqual([]);
  });

  it('R1: text below 24 px anywhere, body below 28 px, headings and amounts below 40 px', async () => {
    const p = await on(
      html(
        `<p style="font-size:26px">正文</p><p>合计 <span class="money" style="font-size:36px">1.00 元</span></p>`,
      )
        .replace(
          '<span>社区缴费服务</span>',
          '<span style="font-size:25px">ok</span><small style="font-size:20px">小</small>',
        )
        .replace('<h1>', '<h1 style="font-size:38px">'),
    );
    expect(details(await checkTextSize(p))).toEqual([
      'R1 small "小": text font-size 20 px < 24 px',
      'R1 h1 "请选择缴费项目": heading/amount font-size 38 px < 40 px',
      'R1 p "正文": body text font-size 26 px < 28 px',
      'R1 span.money "1.00 元": heading/amount font-size 36 px < 40 px',
    ]);
  });

  it('R2: line-height below 1.5 × the font size, or left "normal"', async () => {
    const p = await on(
      html(`<p style="line-height:1.2">紧</p><p style="line-height:normal">默认</p>`),
    );
    expect(details(await checkLineHeight(p))).toEqual([
      'R2 p "紧": line-height 33.6 px = 1.20 × font-size 28 px < 1.5 ×',
      'R2 p "默认": line-height normal = ~1.2 × font-size 28 px < 1.5 ×',
    ]);
  });

  it('R3: axe, with the 7:1 enhanced contrast rule switched on', async () => {
    // #767676 on white is 4.54:1: enough for AA, not for AAA.
    const vs = await checkAxe(await on(html(`<p style="color:#767676">浅色文字</p>`)));
    expect(vs.map((v) => v.detail.split(':')[0])).toEqual(['color-contrast-enhanced']);
    expect(vs[0]?.detail).toContain('4.54');
    expect(vs[0]?.detail).toContain('Expected contrast ratio of 7:1');
    expect(vs[0]?.element).toBe('p');
  });

  it('R3: axe reports its default rules too', async () => {
    const vs = await checkAxe(await on(html(`<button style="width:120px;height:88px"></button>`)));
    expect(vs.map((v) => v.detail.split(':')[0])).toContain('button-name');
  });

  it('R4: targets under 80 × 80 px, and targets closer than 16 px', async () => {
    const p = await on(
      html(
        `<div><a href="#" style="display:inline-block;width:60px;height:60px">去</a></div>` +
          `<div style="display:flex;gap:8px;margin:40px 0"><button style="margin:0">甲</button><button>乙</button></div>`,
      ),
    );
    expect(details(await checkTargets(p))).toEqual([
      'R4 a "去": target 60 × 60 px < 80 × 80 px',
      'R4 button "甲": 8 px from button "乙" < 16 px',
    ]);
  });

  it('R4: under a modal dialog only its targets count', async () => {
    const modal =
      `<div style="position:fixed;inset:0;background:#fff"><div role="dialog" aria-modal="true" ` +
      `aria-label="还需要时间吗" style="position:absolute;left:0;top:200px"><button>继续</button></div></div>` +
      `<button style="position:absolute;left:0;top:250px">下</button>`;
    expect(await checkTargets(await on(html(modal)))).toEqual([]);
    const nonModal = modal.replace('aria-modal="true"', '');
    expect(details(await checkTargets(await on(html(nonModal))))).toContain(
      'R4 button "继续": 0 px from button "下" < 16 px',
    );
  });

  it('R6: no voice line', async () => {
    expect(details(await checkVoice(await on(html(GOOD, { voice: false }))))).toEqual([
      'R6 window.__kioskVoice: no voice line within 1000 ms of the screen',
    ]);
    expect(await checkVoice(await on(html(GOOD)))).toEqual([]);
    const record = `<script>window.__kioskVoice = [{ text: '请选择缴费项目', lang: 'zh-CN' }];</script>`;
    expect(await checkVoice(await on(html(GOOD, { voice: false }) + record))).toEqual([]);
    const blank = `<script>window.__kioskVoice = [{ text: ' ', lang: 'zh-CN' }];</script>`;
    expect(await checkVoice(await on(html(GOOD, { voice: false }) + blank))).toHaveLength(1);
  });

  it('R10: a dialog without a prompt, and a prompt without its dialog', async () => {
    const dialog = `<div role="dialog" aria-label="还需要时间吗"><p>还需要时间吗</p></div>`;
    expect(details(await checkDialogs(await on(html(dialog)), false))).toEqual([
      'R10 div "还需要时间吗": a dialog with no prompt in the snapshot',
    ]);
    expect(await checkDialogs(await on(html(dialog)), true)).toEqual([]);
    expect(details(await checkDialogs(await on(html(GOOD)), true))).toEqual([
      'R10 document: the snapshot has a prompt: expected 1 dialog, found 0',
    ]);
  });

  it('R12: text wider than its box, and text outside the viewport', async () => {
    const p = await on(
      html(
        `<div style="width:200px;white-space:nowrap;overflow:hidden">这一行文字太长放不下这个盒子</div>` +
          `<p style="position:absolute;left:1270px;top:100px">右</p>` +
          `<p style="position:absolute;left:0;top:900px">下</p>`,
      ),
    );
    const vs = details(await checkOverflow(p));
    expect(vs).toHaveLength(4);
    expect(vs[0]).toBe('R12 document: page 1298 px wide > viewport 1280 px');
    expect(vs[1]).toBe('R12 p "右": text spans x 1270–1298 px, viewport 0–1280 px');
    expect(vs[2]).toMatch(/^R12 p "下": text spans y 90\d–94\d px, viewport 0–800 px/);
    expect(vs[3]).toMatch(
      /^R12 div "这一行文字太长放不下这个盒子": content 3\d\d px wide in a box 200 px wide$/,
    );
  });

  it('R12: a page wider than the viewport', async () => {
    const vs = details(await checkOverflow(await on(html('<div style="width:1400px">宽</div>'))));
    expect(vs).toContain('R12 document: page 1400 px wide > viewport 1280 px');
  });

  it('R12: text taller than its box, and a target below the fold', async () => {
    const p = await on(
      html(
        `<div style="width:300px;height:40px;overflow:hidden">一段很长的说明文字，在这个很矮的盒子里会折成好几行</div>` +
          `<button style="position:absolute;left:0;top:760px">确认</button>`,
      ),
    );
    const vs = details(await checkOverflow(p));
    expect(vs).toHaveLength(2);
    expect(vs[0]).toMatch(
      /^R12 div "一段很长的说明文字.*": content \d+ px tall in a box 40 px tall$/,
    );
    expect(vs[1]).toMatch(
      /^R12 button "确认": target at x 0–\d+, y 760–848 px, outside the 1280 × 800 px viewport$/,
    );
  });

  it('R13: no call-staff button, or one out of sight', async () => {
    const none = 'R13 document: no visible button named "呼叫工作人员" or "call staff"';
    expect(details(await checkCallStaff(await on(html(GOOD, { callStaff: false }))))).toEqual([
      none,
    ]);
    const below = html(
      `${GOOD}<button style="position:absolute;top:2000px">呼叫工作人员</button>`,
      {
        callStaff: false,
      },
    );
    expect(details(await checkCallStaff(await on(below)))).toEqual([none]);
    const english = html(`<button aria-label="Call staff">?</button>`, { callStaff: false });
    expect(await checkCallStaff(await on(english))).toEqual([]);
  });
});
