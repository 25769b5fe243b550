// The age-friendly rules of ../shared/reference/ux-electron.md §1.3 as checks on a live page.
// Each check returns its violations, naming the element and the numbers; none of them passes
// a page it cannot judge (an empty result always means "looked, found nothing").
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export type UxRule = 'R1' | 'R2' | 'R3' | 'R4' | 'R6' | 'R10' | 'R12' | 'R13';

export interface UxViolation {
  rule: UxRule;
  /** A short CSS-like description of the element, with its text. */
  element: string;
  /** What is wrong, with the measured and the required figures. */
  detail: string;
}

/** The thresholds in CSS px at zoom 1 (20 mm ≈ 80 px on a 21.5″ 1920×1080 panel). */
export const UX_LIMITS = {
  minText: 24,
  bodyText: 28,
  largeText: 40,
  lineHeight: 1.5,
  target: 80,
  targetGap: 16,
} as const;

/**
 * Staff and technician screens (issue 12): denser than the resident's — text ≥ 22 px, targets
 * ≥ 64 px — with the same contrast, spacing and overflow rules. No call-staff button (staff
 * are the staff) and no voice.
 */
export const STAFF_UX_LIMITS = {
  minText: 22,
  bodyText: 22,
  largeText: 28,
  lineHeight: 1.5,
  target: 64,
  targetGap: 16,
} as const;
/** The root of a staff screen (ui/App.tsx). */
const STAFF_ROOT = '.staff-frame';

/** Headings and amounts: ≥ largeText. */
const LARGE_TEXT = 'h1, [data-amount], .money';
/** Frame chrome (title, staff figures, controls) is not body text: ≥ minText only. */
const CHROME = 'header, footer';
const TARGETS = 'button, [role=button], a';
const DIALOGS = '[role=dialog], [role=alertdialog], dialog[open]';
const CALL_STAFF = ['呼叫工作人员', 'call staff'];
/**
 * The options of axe's color-contrast-enhanced check (axe-core 4.14's defaults), but with large
 * text held to 7:1 as well: R3 asks 7:1 of all text, while WCAG 1.4.6 lets large text — which
 * is all text here (≥ 18 pt) — off at 4.5:1. Below 3:1 large / 4.5:1 normal, the AA rule
 * (color-contrast) reports it instead.
 */
const ENHANCED_CONTRAST = {
  ignoreUnicode: true,
  ignoreLength: false,
  ignorePseudo: false,
  boldValue: 700,
  boldTextPt: 14,
  largeTextPt: 18,
  contrastRatio: {
    normal: { expected: 7, minThreshold: 4.5 },
    large: { expected: 7, minThreshold: 3 },
  },
  pseudoSizeThreshold: 0.25,
  shadowOutlineEmMax: 0.1,
  textStrokeEmMin: 0.03,
};
/** How long a screen may take to speak its first line. */
const VOICE_WAIT_MS = 1_000;

type DomRule = 'R1' | 'R2' | 'R4' | 'R10' | 'R12' | 'R13';
interface ProbeArgs {
  rule: DomRule;
  limits: { [K in keyof typeof UX_LIMITS]: number };
  sel: { large: string; chrome: string; targets: string; dialogs: string };
  callStaff: string[];
  dialogExpected: boolean;
}

/** R1: visible text ≥ 24 px, body text ≥ 28 px, headings and amounts ≥ 40 px. */
export const checkTextSize = (page: Page) => domCheck(page, 'R1');
/** R2: line-height ≥ 1.5 × font-size wherever there is visible text. */
export const checkLineHeight = (page: Page) => domCheck(page, 'R2');
/** R4: every target ≥ 80 × 80 px and ≥ 16 px from every other target. */
export const checkTargets = (page: Page) => domCheck(page, 'R4');
/** R10: a dialog only while the host has a prompt up (and then exactly one). */
export const checkDialogs = (page: Page, promptShown: boolean) =>
  domCheck(page, 'R10', promptShown);
/** R12: no text container overflows its box; nothing lies outside the viewport. */
export const checkOverflow = (page: Page) => domCheck(page, 'R12');
/** R13: a visible "呼叫工作人员" / "Call staff" button. */
export const checkCallStaff = (page: Page) => domCheck(page, 'R13');

/** axe-core's browser build, for a server that lets Chromium cache it (see `checkAxe`). */
export const AXE_SOURCE = axe.source;

/**
 * R3: axe-core with no violations, color-contrast-enhanced (off by default) on at 7:1 for all
 * text. axe is injected as source, or from `axeUrl` (serving AXE_SOURCE) when given: a script
 * Chromium has cached compiles much faster, which matters over hundreds of page loads.
 */
export async function checkAxe(page: Page, axeUrl?: string): Promise<UxViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag(axeUrl ? { url: axeUrl } : { content: axe.source });
  const results = await page.evaluate(async (options) => {
    const g = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    g.axe.configure({ checks: [{ id: 'color-contrast-enhanced', options }] });
    const r = await g.axe.run(g.document, {
      rules: { 'color-contrast-enhanced': { enabled: true } },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, ENHANCED_CONTRAST);
  return results.flatMap((v) =>
    v.nodes.map((n) => ({
      rule: 'R3' as const,
      element: n.target,
      detail: `${v.id}: ${n.summary.replace(/\s+/g, ' ').trim()}`,
    })),
  );
}

/** R6: the screen spoke: `window.__kioskVoice` holds a non-empty line soon after it rendered. */
export async function checkVoice(page: Page): Promise<UxViolation[]> {
  const spoke = await page
    .waitForFunction(
      () => {
        const lines = (globalThis as unknown as { __kioskVoice?: unknown }).__kioskVoice;
        // A line is a string or a {text, lang} record.
        const text = (l: unknown) =>
          typeof l === 'string' ? l : ((l as { text?: unknown } | null)?.text ?? '');
        return Array.isArray(lines) && lines.some((l) => String(text(l)).trim() !== '');
      },
      undefined,
      { timeout: VOICE_WAIT_MS },
    )
    .then(() => true)
    .catch(() => false);
  return spoke
    ? []
    : [
        {
          rule: 'R6',
          element: 'window.__kioskVoice',
          detail: `no voice line within ${VOICE_WAIT_MS} ms of the screen`,
        },
      ];
}

/** Every check; `promptShown` is whether the snapshot on screen has a prompt. */
export async function runUxChecks(
  page: Page,
  o: { promptShown: boolean; axeUrl?: string },
): Promise<UxViolation[]> {
  if ((await page.locator(STAFF_ROOT).count()) > 0) {
    const limits = STAFF_UX_LIMITS;
    const dom = await Promise.all([
      domCheck(page, 'R1', false, limits),
      domCheck(page, 'R2', false, limits),
      domCheck(page, 'R4', false, limits),
      checkDialogs(page, o.promptShown),
      checkOverflow(page),
    ]);
    return [...dom.flat(), ...(await checkAxe(page, o.axeUrl))];
  }
  const voice = checkVoice(page); // its wait runs alongside the other checks
  const dom = await Promise.all([
    checkTextSize(page),
    checkLineHeight(page),
    checkTargets(page),
    checkDialogs(page, o.promptShown),
    checkOverflow(page),
    checkCallStaff(page),
  ]);
  const axeFound = await checkAxe(page, o.axeUrl);
  return [...dom.flat(), ...(await voice), ...axeFound];
}

export function formatViolations(vs: readonly UxViolation[]): string {
  return vs.map((v) => `${v.rule} ${v.element}: ${v.detail}`).join('\n');
}

function domCheck(
  page: Page,
  rule: DomRule,
  dialogExpected = false,
  limits: ProbeArgs['limits'] = UX_LIMITS,
): Promise<UxViolation[]> {
  const args: ProbeArgs = {
    rule,
    limits,
    sel: { large: LARGE_TEXT, chrome: CHROME, targets: TARGETS, dialogs: DIALOGS },
    callStaff: CALL_STAFF,
    dialogExpected,
  };
  return page.evaluate(probe, args);
}

// ---- In the page. Test code has no DOM types, so the probe declares the slice it uses. ----

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  parentElement: DomElement | null;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  closest(selector: string): DomElement | null;
  contains(other: DomElement): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomStyle {
  fontSize: string;
  lineHeight: string;
  display: string;
  visibility: string;
  opacity: string;
}
interface DomWindow {
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(el: DomElement): DomStyle;
  document: {
    body: DomElement;
    documentElement: DomElement;
    createRange(): { selectNodeContents(n: DomNode): void; getBoundingClientRect(): Box };
  };
}

/** Runs in the page: one rule's violations. Self-contained (it is sent as source). */
function probe(a: ProbeArgs): UxViolation[] {
  const w = globalThis as unknown as DomWindow;
  const doc = w.document;
  const out: UxViolation[] = [];
  const px = (v: string) => Number.parseFloat(v);
  const round = (n: number) => Math.round(n * 10) / 10;
  const add = (el: DomElement | null, detail: string) =>
    out.push({ rule: a.rule, element: el ? describe(el) : 'document', detail });

  function describe(el: DomElement): string {
    const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
    const testId = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return (
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      cls.map((c) => `.${c}`).join('') +
      (testId ? `[data-testid=${testId}]` : '') +
      (text ? ` "${text.length > 32 ? `${text.slice(0, 31)}…` : text}"` : '')
    );
  }
  function shown(el: DomElement): boolean {
    const s = w.getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && px(s.opacity) > 0 && r.width > 0 && r.height > 0;
  }
  /** Visible, non-blank text nodes with their boxes. */
  function texts(): { node: DomNode; el: DomElement; box: Box }[] {
    const found: { node: DomNode; el: DomElement; box: Box }[] = [];
    const range = doc.createRange();
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType !== 3 || !(node.nodeValue ?? '').trim()) continue;
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && shown(el)) found.push({ node, el, box });
      }
    }
    return found;
  }
  // Under a modal dialog only its own targets can be tapped; inert ones never can.
  const modal = Array.from(doc.body.querySelectorAll('[aria-modal=true], dialog:modal')).find(
    shown,
  );
  const targets = () =>
    Array.from(doc.body.querySelectorAll(a.sel.targets)).filter(
      (el) => shown(el) && !el.closest('[inert]') && (!modal || modal.contains(el)),
    );
  const name = (el: DomElement) =>
    (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();

  switch (a.rule) {
    case 'R1':
      for (const { el } of texts()) {
        const size = px(w.getComputedStyle(el).fontSize);
        const [need, what] = el.closest(a.sel.large)
          ? [a.limits.largeText, 'heading/amount']
          : el.closest(a.sel.chrome)
            ? [a.limits.minText, 'text']
            : [a.limits.bodyText, 'body text'];
        if (size < need) add(el, `${what} font-size ${round(size)} px < ${need} px`);
      }
      break;
    case 'R2': {
      const seen = new Set<DomElement>();
      for (const { el } of texts()) {
        if (seen.has(el)) continue;
        seen.add(el);
        const s = w.getComputedStyle(el);
        const size = px(s.fontSize);
        const ratio = s.lineHeight === 'normal' ? NaN : px(s.lineHeight) / size;
        if (!(ratio >= a.limits.lineHeight - 0.005)) {
          add(
            el,
            `line-height ${s.lineHeight === 'normal' ? 'normal' : `${round(px(s.lineHeight))} px`}` +
              ` = ${Number.isNaN(ratio) ? '~1.2' : ratio.toFixed(2)} × font-size ${round(size)} px` +
              ` < ${a.limits.lineHeight} ×`,
          );
        }
      }
      break;
    }
    case 'R4': {
      const ts = targets();
      const boxes = ts.map((el) => el.getBoundingClientRect());
      ts.forEach((el, i) => {
        const b = boxes[i] as Box;
        if (b.width < a.limits.target - 0.5 || b.height < a.limits.target - 0.5) {
          add(
            el,
            `target ${round(b.width)} × ${round(b.height)} px < ${a.limits.target} × ${a.limits.target} px`,
          );
        }
        for (let j = i + 1; j < ts.length; j++) {
          const other = ts[j] as DomElement;
          if (el.contains(other) || other.contains(el)) continue; // one target, nested
          const o = boxes[j] as Box;
          const dx = Math.max(0, o.left - b.right, b.left - o.right);
          const dy = Math.max(0, o.top - b.bottom, b.top - o.bottom);
          const gap = Math.max(dx, dy);
          if (gap < a.limits.targetGap - 0.5) {
            add(el, `${round(gap)} px from ${describe(other)} < ${a.limits.targetGap} px`);
          }
        }
      });
      break;
    }
    case 'R10': {
      const dialogs = Array.from(doc.body.querySelectorAll(a.sel.dialogs)).filter(shown);
      if (!a.dialogExpected) {
        for (const d of dialogs) add(d, 'a dialog with no prompt in the snapshot');
      } else if (dialogs.length !== 1) {
        add(null, `the snapshot has a prompt: expected 1 dialog, found ${dialogs.length}`);
      }
      break;
    }
    case 'R12': {
      const vw = w.innerWidth;
      const vh = w.innerHeight;
      const page = doc.documentElement;
      if (page.scrollWidth > vw + 1)
        add(null, `page ${page.scrollWidth} px wide > viewport ${vw} px`);
      const containers = new Set<DomElement>();
      for (const { el, box } of texts()) {
        let c: DomElement | null = el;
        while (c && ['inline', 'contents'].includes(w.getComputedStyle(c).display)) {
          c = c.parentElement;
        }
        if (c) containers.add(c);
        if (el.closest(a.sel.targets)) continue; // reported below, as its target
        if (box.left < -1 || box.right > vw + 1) {
          add(el, `text spans x ${round(box.left)}–${round(box.right)} px, viewport 0–${vw} px`);
        }
        if (box.top < -1 || box.bottom > vh + 1) {
          add(
            el,
            `text spans y ${round(box.top)}–${round(box.bottom)} px, viewport 0–${vh} px (no scrolling on a kiosk)`,
          );
        }
      }
      for (const c of containers) {
        if (c === page || c === doc.body) continue;
        if (c.scrollWidth > c.clientWidth + 1) {
          add(c, `content ${c.scrollWidth} px wide in a box ${c.clientWidth} px wide`);
        }
        if (c.scrollHeight > c.clientHeight + 1) {
          add(c, `content ${c.scrollHeight} px tall in a box ${c.clientHeight} px tall`);
        }
      }
      for (const t of targets()) {
        const b = t.getBoundingClientRect();
        if (b.left < -1 || b.right > vw + 1 || b.top < -1 || b.bottom > vh + 1) {
          add(
            t,
            `target at x ${round(b.left)}–${round(b.right)}, y ${round(b.top)}–${round(b.bottom)} px,` +
              ` outside the ${vw} × ${vh} px viewport`,
          );
        }
      }
      break;
    }
    case 'R13': {
      const wanted = a.callStaff.map((n) => n.toLowerCase());
      const inView = (b: Box) =>
        b.left >= -1 && b.top >= -1 && b.right <= w.innerWidth + 1 && b.bottom <= w.innerHeight + 1;
      const found = Array.from(doc.body.querySelectorAll('button, [role=button]'))
        .filter((el) => shown(el) && inView(el.getBoundingClientRect()))
        .some((el) => wanted.some((n) => name(el).toLowerCase().includes(n)));
      if (!found)
        add(null, `no visible button named ${a.callStaff.map((n) => `"${n}"`).join(' or ')}`);
      break;
    }
  }
  return out;
}
