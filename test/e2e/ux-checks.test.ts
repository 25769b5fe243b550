// The UX checks themselves, on tiny static pages: one page that meets every rule, and for each
// rule a page that breaks it, so a check that stopped looking would fail here. The page is
// built like the kiosk's: a header, then the screen (title, body, action bar) filling the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import {
  checkAxe,
  checkCallStaff,
  checkDialogs,
  checkLineHeight,
  checkOverflow,
  checkPrimaryAction,
  checkSpan,
  checkStill,
  checkTargets,
  compareLayouts,
  layoutOf,
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
           line-height: 1.5; color: #fff; background: #0b3d91; border: 0; }
  header { height: 48px; }
  .frame-main { display: flex; flex-direction: column; height: 752px; }
  [data-fit] { flex: 1 1 0; min-height: 0; }
  [data-action-bar] { display: flex; justify-content: space-between; align-items: flex-end; }
  .action-primary { height: 120px; width: 320px; margin: 0; }`;

/**
 * A page that meets every rule; `body` replaces its screen's body, `voice` its voice line, `bar`
 * its action bar (a call-staff button and the primary action).
 */
function html(
  body: string,
  o: { voice?: boolean; callStaff?: boolean; bar?: string } = {},
): string {
  const voice =
    o.voice === false ? '' : `<script>window.__kioskVoice = ['请选择缴费项目'];</script>`;
  const callStaff = o.callStaff === false ? '' : '<button>呼叫工作人员</button>';
  const bar =
    o.bar ??
    `<div data-action-bar data-primary="button"><div>${callStaff}</div><button class="action-primary">下一步</button></div>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>
    <style>${STYLE}</style></head><body>
    <header data-frame-header><span>社区缴费服务</span></header>
    <main class="frame-main"><h1>请选择缴费项目</h1><div data-fit>${body}</div>${bar}</main>
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

  it('R12: a region that must hold its content (a screen body) and does not', async () => {
    const tall = '<div style="height:900px">很高的内容</div>';
    const vs = details(await checkOverflow(await on(html(tall))));
    expect(vs).toContainEqual(
      expect.stringMatching(/^R12 div "很高的内容": holds \d+ px of content in \d+ px$/),
    );
  });

  it('R12: a block inside a screen (a column) that overflows while the body around it fits', async () => {
    // The column is 200 px tall and its code 280 px: it paints over what lies under the column,
    // though the body (some 480 px) holds the column easily. (The row, 200 px tall, is said too:
    // the code spills out of it as well.)
    const columns =
      '<div style="display:flex;gap:24px"><div style="height:200px;width:300px">' +
      '<div style="height:280px">二维码</div></div><p>请用手机扫描二维码</p></div>';
    const vs = details(await checkOverflow(await on(html(columns))));
    expect(vs).toEqual([
      expect.stringMatching(
        /^R12 div "二维码请用手机扫描二维码": holds 28\d px of content in 2\d\d px$/,
      ),
      'R12 div "二维码": holds 280 px of content in 200 px',
    ]);
  });

  it('L4: something that keeps moving, but not what the screen animates on purpose', async () => {
    const moving = html(
      `<div id="m" style="width:100px">动</div><script>
        let w = 100;
        (function f() { w = 240 - w; document.getElementById('m').style.width = w + 'px';
          requestAnimationFrame(f); })();
      </script>`,
    );
    expect(details(await checkStill(await on(moving)))).toEqual([
      expect.stringMatching(
        /^L4 div "动": moved from 0,\d+ 1[04]0×\d+ to 0,\d+ 1[04]0×\d+ within 2 animation frames$/,
      ),
    ]);
    const nudged = html(
      `<style>@keyframes nudge { 50% { transform: translateX(12px); } }</style>` +
        `<div style="animation: nudge 0.2s linear infinite"><span>箭头</span></div>`,
    );
    expect(await checkStill(await on(nudged))).toEqual([]);
  });

  it('L1: one primary action, tall enough, bottom right, in the action bar', async () => {
    expect(await checkPrimaryAction(await on(html(GOOD)))).toEqual([]);
    const none = html(GOOD, { bar: '' });
    expect(details(await checkPrimaryAction(await on(none)))).toEqual([
      'L1 main.frame-main "请选择缴费项目应缴合计 417.90 元": 0 action bars, expected 1',
    ]);
    const short = html(GOOD).replace('height: 120px', 'height: 96px');
    expect(details(await checkPrimaryAction(await on(short)))).toEqual([
      'L1 button.action-primary "下一步": primary action 96 px tall < 120 px',
    ]);
    const left = html(GOOD, {
      bar: `<div data-action-bar data-primary="button"><button class="action-primary">下一步</button><div><button>呼叫工作人员</button></div></div>`,
    });
    expect(details(await checkPrimaryAction(await on(left)))).toEqual([
      'L1 button.action-primary "下一步": primary action centred at x 160 px, left of the screen\'s middle 640 px',
    ]);
    const outside = html(`<button class="action-primary">下一步</button>`, {
      bar: `<div data-action-bar data-primary="button"><button>呼叫工作人员</button></div>`,
    });
    expect(details(await checkPrimaryAction(await on(outside)))).toEqual([
      'L1 div "呼叫工作人员": 1 primary actions (0 in the action bar), expected 1 in it',
    ]);
  });

  it('L1: a screen without a primary action says why, and the why holds', async () => {
    const bar = (kind: string) =>
      `<div data-action-bar data-primary="${kind}"><button>呼叫工作人员</button></div>`;
    const tile = '<button class="tile">电费</button>';
    expect(await checkPrimaryAction(await on(html(tile + tile, { bar: bar('choice') })))).toEqual(
      [],
    );
    expect(details(await checkPrimaryAction(await on(html(tile, { bar: bar('choice') }))))).toEqual(
      ['L1 div "呼叫工作人员": "choice" with 1 tiles, expected ≥ 2'],
    );
    const front = '<div class="terminal-front"><svg width="80" height="80"></svg></div>';
    expect(await checkPrimaryAction(await on(html(front, { bar: bar('device') })))).toEqual([]);
    expect(details(await checkPrimaryAction(await on(html(GOOD, { bar: bar('device') }))))).toEqual(
      ['L1 div "呼叫工作人员": "device" with no picture of the terminal and no code to scan'],
    );
    const status = '<p role="status">正在查询账单，请稍候</p>';
    expect(await checkPrimaryAction(await on(html(status, { bar: bar('wait') })))).toEqual([]);
    expect(details(await checkPrimaryAction(await on(html(GOOD, { bar: bar('wait') }))))).toEqual([
      'L1 div "呼叫工作人员": "wait" with no status on the screen',
    ]);
    expect(details(await checkPrimaryAction(await on(html(GOOD, { bar: bar('later') }))))).toEqual([
      'L1 div "呼叫工作人员": data-primary="later": expected button, choice, device or wait',
    ]);
  });

  it('L2: content in the top of the screen only, the rest left empty', async () => {
    expect(await checkSpan(await on(html(GOOD)))).toEqual([]);
    // A bar that ends high up: the screen's content stops at y 400 of 800.
    const high = html(GOOD).replace('height: 752px', 'height: 352px');
    expect(details(await checkSpan(await on(high)))).toEqual([
      expect.stringMatching(
        /^L2 main\.frame-main "[^"]*": content spans y 4\d–400 px = 44 % of the 800 px viewport < 60 %$/,
      ),
    ]);
    // The header's own controls do not count as the screen's content.
    const tall = await on(high.replace('height: 48px', 'height: 800px'));
    await page.setViewportSize({ width: 800, height: 1280 });
    try {
      expect(details(await checkSpan(tall))[0]).toMatch(/< 70 %$/);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('L3: the header or the primary action moved between two screens', async () => {
    const a = await layoutOf(await on(html(GOOD)));
    const b = await layoutOf(await on(html(GOOD).replace('height: 48px', 'height: 60px')));
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    expect(
      compareLayouts(
        new Map([
          ['one', a],
          ['two', a],
        ]),
      ),
    ).toEqual([]);
    const moved = compareLayouts(
      new Map([
        ['one', a],
        ['two', b],
      ]),
    ).map((v) => `${v.rule} ${v.element}: ${v.detail}`);
    expect(moved).toEqual([
      'L3 two: header at 0,0 1280×60, on one at 0,0 1280×48',
      'L3 two: primary action at 960,692 320×120, on one at 960,680 320×120',
    ]);
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
