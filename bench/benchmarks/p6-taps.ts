// P6 (a): tap to next screen through the real host. In the page, a capturing click listener
// stamps the tap (the event's own time) and a MutationObserver stamps the first DOM commit that
// changes what the customer sees (screen, heading or the typed digits), then the next animation
// frame, i.e. the frame that paints it.
import type { Page } from 'playwright-core';

export interface TapTiming {
  tap: string;
  /** Tap → the DOM committed the new screen (or echo). */
  changedMs: number;
  /** Tap → the animation frame that paints it. */
  paintedMs: number;
}

interface Step {
  /** What the tap is, for the report. */
  kind: 'start' | 'biller' | 'key' | 'delete' | 'back';
  /** The button's accessible name (zh-CN, the default language). */
  name: string | RegExp;
  /** The screen after the tap (a key stays on the account screen; its digits change). */
  to: string;
}

/** One round of nine taps: start, a biller, four keys and a delete, back, back. */
const ROUND: Step[] = [
  { kind: 'start', name: '开始缴费', to: 'chooseBiller' },
  { kind: 'biller', name: /电费/, to: 'enterAccount' },
  { kind: 'key', name: '3', to: 'enterAccount' },
  { kind: 'key', name: '1', to: 'enterAccount' },
  { kind: 'key', name: '0', to: 'enterAccount' },
  { kind: 'key', name: '0', to: 'enterAccount' },
  { kind: 'delete', name: '删除', to: 'enterAccount' },
  { kind: 'back', name: '返回', to: 'chooseBiller' },
  { kind: 'back', name: '返回', to: 'attract' },
];
export const TAPS_PER_ROUND = ROUND.length;

type Stamp = { changed: number; painted: number };
type ProbeWindow = { __p6?: Stamp[] };

/** Runs in the page once it shows the attract screen. */
function installProbe(): void {
  const w = globalThis as unknown as ProbeWindow & {
    document: {
      body: object;
      querySelector(
        s: string,
      ): { textContent: string | null; getAttribute(n: string): string | null } | null;
      querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
    };
    addEventListener(type: string, cb: (e: { timeStamp: number }) => void, capture: boolean): void;
    requestAnimationFrame(cb: () => void): void;
    MutationObserver: new (cb: () => void) => { observe(target: object, o: object): void };
  };
  const doc = w.document;
  const seen = () =>
    [
      doc.querySelector('[data-screen]')?.getAttribute('data-screen'),
      doc.querySelector('h1')?.textContent,
      ...Array.from(doc.querySelectorAll('output')).map((o) => o.textContent),
    ].join('|');
  const stamps: Stamp[] = [];
  w.__p6 = stamps;
  let pending: { at: number; before: string } | null = null;
  w.addEventListener('click', (e) => (pending = { at: e.timeStamp, before: seen() }), true);
  new w.MutationObserver(() => {
    if (!pending || seen() === pending.before) return;
    const { at } = pending;
    pending = null;
    const changed = performance.now() - at;
    w.requestAnimationFrame(() => stamps.push({ changed, painted: performance.now() - at }));
  }).observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
}

const stampCount = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as ProbeWindow).__p6?.length ?? -1);

/** Taps `rounds` rounds on a page showing the attract screen; the first `warmUp` are not kept. */
export async function timeTaps(page: Page, rounds: number, warmUp: number): Promise<TapTiming[]> {
  await page.locator('[data-screen="attract"]').waitFor();
  await page.evaluate(installProbe);
  const timings: TapTiming[] = [];
  for (let r = 0; r < warmUp + rounds; r++) {
    for (const step of ROUND) {
      const before = await stampCount(page);
      await page
        .getByRole('button', { name: step.name, exact: typeof step.name === 'string' })
        .click();
      await page.waitForFunction(
        (n) => ((globalThis as unknown as ProbeWindow).__p6?.length ?? -1) > n,
        before,
        { timeout: 10_000 },
      );
      await page.locator(`[data-screen="${step.to}"]`).waitFor({ timeout: 10_000 });
      const stamp = await page.evaluate(
        (i) => (globalThis as unknown as ProbeWindow).__p6?.[i],
        before,
      );
      if (!stamp) throw new Error(`no timing for the tap on ${String(step.name)}`);
      if (r >= warmUp) {
        timings.push({
          tap: step.kind,
          changedMs: stamp.changed,
          paintedMs: stamp.painted,
        });
      }
    }
  }
  return timings;
}
