// The age-friendly rules of ../shared/reference/ux-electron.md §1.3 as checks on a live page.
// Each check returns its violations, naming the element and the numbers; none of them passes
// a page it cannot judge (an empty result always means "looked, found nothing").
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * R1–R13 are the rules of ux-electron.md §1.3. L1–L3 are the layout rules of the elder look
 * (issue 13): L1 one primary action in the action bar, bottom right (or a stated reason for
 * none); L2 the screen's content spans the viewport's height; L3 the frame's header and the
 * primary action keep one place on every screen (compared across screens, `layoutOf`); L4
 * nothing moves once the screen is drawn (`checkStill`).
 */
export type UxRule =
  'R1' | 'R2' | 'R3' | 'R4' | 'R6' | 'R10' | 'R12' | 'R13' | 'L1' | 'L2' | 'L3' | 'L4';

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
  /** L1: the primary action is at least this tall (R4's primary actions). */
  primaryTarget: 120,
  /** L2: the content spans at least this share of the viewport's height. */
  spanPortrait: 0.7,
  spanLandscape: 0.6,
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
  primaryTarget: 64,
  spanPortrait: 0,
  spanLandscape: 0,
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
/** The resident's screen area (ui/screens/Frame.tsx) and its parts (ui/design/). */
const LAYOUT = {
  main: '.frame-main',
  header: '[data-frame-header]',
  actionBar: '[data-action-bar]',
  primary: '.action-primary',
  tile: '.tile',
  /** What a screen without a primary action sends her to: the terminal, or a code. */
  device: '.terminal-front, .qr-code',
  /** Regions that must hold their content (they never scroll). */
  fit: '[data-fit], [data-action-bar], [data-frame-header]',
  /** The screens (the resident's, the staff's): every block inside them holds its content. */
  screens: '.frame-main, .staff-frame',
};
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

type DomRule = 'R1' | 'R2' | 'R4' | 'R10' | 'R12' | 'R13' | 'L1' | 'L2';
interface ProbeArgs {
  rule: DomRule;
  limits: { [K in keyof typeof UX_LIMITS]: number };
  sel: { large: string; chrome: string; targets: string; dialogs: string; layout: typeof LAYOUT };
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
/**
 * R12: no text container overflows its box, no region that must hold its content (a screen's
 * body, the action bar, the frame's header) nor any block inside a screen (two columns, a card,
 * a keypad) overflows it, and nothing lies outside the viewport.
 */
export const checkOverflow = (page: Page) => domCheck(page, 'R12');
/**
 * L1: the resident's screen has an action bar, and in it one primary action ≥ 120 px tall in
 * the bottom quarter and right half of the viewport — or a stated reason for none: a choice of
 * tiles ('choice', ≥ 2 tiles), the terminal or a code to use ('device'), or a wait ('wait').
 */
export const checkPrimaryAction = (page: Page) => domCheck(page, 'L1');
/**
 * L2: the screen's content (text, buttons, pictures, cards) spans ≥ 70 % of the viewport's
 * height on a tall screen and ≥ 60 % on a wide one, the frame's own controls not counted.
 */
export const checkSpan = (page: Page) => domCheck(page, 'L2');
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

/** How many animation frames a screen must stay still for (L4). */
const STILL_FRAMES = 2;

/**
 * L4: nothing moves once the screen is drawn: every element's box is where it was
 * `STILL_FRAMES` animation frames later (a layout that oscillates, a transition left running).
 * What the screen animates on purpose (`getAnimations()`, such as the arrow on the terminal's
 * front where motion is welcome) is left out, with everything inside it.
 */
export async function checkStill(page: Page): Promise<UxViolation[]> {
  return page.evaluate(async (frames) => {
    const w = globalThis as unknown as DomWindow & {
      requestAnimationFrame(cb: () => void): number;
    };
    const els = Array.from(w.document.body.querySelectorAll('*'));
    // The boxes now and after each frame: a layout swinging between two states every frame
    // is as far from still as one drifting away.
    const shots = [els.map((el) => el.getBoundingClientRect())];
    for (let i = 0; i < frames; i++) {
      await new Promise<void>((r) => w.requestAnimationFrame(r));
      shots.push(els.map((el) => el.getBoundingClientRect()));
    }
    const sides = ['left', 'top', 'width', 'height'] as const;
    const differ = (a: Box, b: Box) => sides.some((k) => Math.abs(a[k] - b[k]) >= 0.5);
    /** The first two boxes of element `i` that differ, or null if it kept still. */
    const move = (i: number): [Box, Box] | null => {
      for (let f = 1; f < shots.length; f++) {
        const [a, b] = [shots[f - 1]?.[i] as Box, shots[f]?.[i] as Box];
        if (differ(a, b)) return [a, b];
      }
      return null;
    };
    const animated = els.filter((el) => el.getAnimations().length > 0);
    const show = (x: Box) =>
      `${Math.round(x.left)},${Math.round(x.top)} ${Math.round(x.width)}×${Math.round(x.height)}`;
    const out: UxViolation[] = [];
    els.forEach((el, i) => {
      const moved = move(i);
      // What an animation moves is left out: the animated element, what is inside it, and the
      // SVG groups around it (a group's box is its children's).
      const byAnimation = animated.some(
        (x) => x.contains(el) || (el.contains(x) && el.closest('svg') !== null),
      );
      if (!moved || byAnimation) return;
      // Only the outermost element that moved: its insides move with it.
      const parent = el.parentElement ? els.indexOf(el.parentElement) : -1;
      if (parent >= 0 && move(parent)) return;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 32);
      const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
      out.push({
        rule: 'L4',
        element: `${el.tagName.toLowerCase()}${cls.map((c) => `.${c}`).join('')}${text ? ` "${text}"` : ''}`,
        detail: `moved from ${show(moved[0])} to ${show(moved[1])} within ${frames} animation frames`,
      });
    });
    return out;
  }, STILL_FRAMES);
}

/** Every check; `promptShown` is whether the snapshot on screen has a prompt. */
export async function runUxChecks(
  page: Page,
  o: { promptShown: boolean; axeUrl?: string; axe?: boolean; muted?: boolean },
): Promise<UxViolation[]> {
  if ((await page.locator(STAFF_ROOT).count()) > 0) {
    const limits = STAFF_UX_LIMITS;
    const dom = await Promise.all([
      domCheck(page, 'R1', false, limits),
      domCheck(page, 'R2', false, limits),
      domCheck(page, 'R4', false, limits),
      checkDialogs(page, o.promptShown),
      checkOverflow(page),
      checkStill(page),
    ]);
    return [...dom.flat(), ...(o.axe === false ? [] : await checkAxe(page, o.axeUrl))];
  }
  // Its wait runs alongside the other checks; a screen she muted says nothing, by her choice.
  const voice = o.muted ? Promise.resolve([]) : checkVoice(page);
  const dom = await Promise.all([
    checkTextSize(page),
    checkLineHeight(page),
    checkTargets(page),
    checkDialogs(page, o.promptShown),
    checkOverflow(page),
    checkCallStaff(page),
    checkPrimaryAction(page),
    checkSpan(page),
    checkStill(page),
  ]);
  const axeFound = o.axe === false ? [] : await checkAxe(page, o.axeUrl);
  return [...dom.flat(), ...(await voice), ...axeFound];
}

/** Where the frame's header, its controls, the action bar and the primary action are. */
export interface Layout {
  header: Box | null;
  /** The header's targets, in document order. */
  headerTargets: Box[];
  actionBar: Box | null;
  primary: Box | null;
}

/**
 * L3's figures for one screen (null on a staff screen): `compareLayouts` holds the screens of
 * one orientation and text size to one header and one place for the primary action.
 */
export async function layoutOf(page: Page): Promise<Layout | null> {
  if ((await page.locator(STAFF_ROOT).count()) > 0) return null;
  return page.evaluate((sel) => {
    const doc = (globalThis as unknown as DomWindow).document;
    const box = (el: DomElement | null): Box | null => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return {
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
        width: r.width,
        height: r.height,
      };
    };
    const header = doc.body.querySelectorAll(sel.header)[0] ?? null;
    const targets = header ? Array.from(header.querySelectorAll('button, [role=button], a')) : [];
    return {
      header: box(header),
      headerTargets: targets.map((t) => box(t) as Box),
      actionBar: box(doc.body.querySelectorAll(sel.actionBar)[0] ?? null),
      primary: box(doc.body.querySelectorAll(sel.primary)[0] ?? null),
    };
  }, LAYOUT);
}

/**
 * L3 across screens: every screen's header (and each of its controls) in the same box as the
 * first screen's, and every primary action in the same box as the first one — within 1 px. The
 * violations name the screen that moved it.
 */
export function compareLayouts(layouts: ReadonlyMap<string, Layout>): UxViolation[] {
  const out: UxViolation[] = [];
  const entries = [...layouts];
  const same = (a: Box | null, b: Box | null) =>
    a === null || b === null
      ? a === b
      : Math.abs(a.left - b.left) <= 1 &&
        Math.abs(a.top - b.top) <= 1 &&
        Math.abs(a.width - b.width) <= 1 &&
        Math.abs(a.height - b.height) <= 1;
  const show = (b: Box | null) =>
    b
      ? `${Math.round(b.left)},${Math.round(b.top)} ${Math.round(b.width)}×${Math.round(b.height)}`
      : 'none';
  const [first] = entries;
  if (!first) return out;
  const [refId, ref] = first;
  const refPrimary = entries.find(([, l]) => l.primary);
  for (const [id, l] of entries) {
    if (!same(l.header, ref.header)) {
      out.push({
        rule: 'L3',
        element: id,
        detail: `header at ${show(l.header)}, on ${refId} at ${show(ref.header)}`,
      });
    }
    if (l.headerTargets.length !== ref.headerTargets.length) {
      out.push({
        rule: 'L3',
        element: id,
        detail: `${l.headerTargets.length} header controls, on ${refId} ${ref.headerTargets.length}`,
      });
    } else {
      l.headerTargets.forEach((b, i) => {
        const r = ref.headerTargets[i] ?? null;
        if (!same(b, r)) {
          out.push({
            rule: 'L3',
            element: id,
            detail: `header control ${i + 1} at ${show(b)}, on ${refId} at ${show(r)}`,
          });
        }
      });
    }
    if (refPrimary && l.primary && !same(l.primary, refPrimary[1].primary)) {
      out.push({
        rule: 'L3',
        element: id,
        detail: `primary action at ${show(l.primary)}, on ${refPrimary[0]} at ${show(refPrimary[1].primary)}`,
      });
    }
  }
  return out;
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
    sel: { large: LARGE_TEXT, chrome: CHROME, targets: TARGETS, dialogs: DIALOGS, layout: LAYOUT },
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
  getAnimations(): ArrayLike<unknown>;
}
interface DomStyle {
  fontSize: string;
  lineHeight: string;
  display: string;
  visibility: string;
  opacity: string;
  backgroundColor: string;
  borderTopWidth: string;
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
      // Every block of a screen, not only its body: a nested block (two columns, a card) that
      // overflows paints over its neighbours while the body around it still seems to fit.
      const regions = new Set(Array.from(doc.body.querySelectorAll(a.sel.layout.fit)));
      for (const root of Array.from(doc.body.querySelectorAll(a.sel.layout.screens))) {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const display = w.getComputedStyle(el).display;
          // Inline boxes and pictures have no box of their own to overflow (clientHeight 0).
          if (!['inline', 'contents', 'none'].includes(display) && el.clientHeight > 0) {
            regions.add(el);
          }
        }
      }
      for (const region of Array.from(regions).filter(shown)) {
        if (containers.has(region)) continue; // reported above
        if (region.scrollHeight > region.clientHeight + 1) {
          add(region, `holds ${region.scrollHeight} px of content in ${region.clientHeight} px`);
        }
        if (region.scrollWidth > region.clientWidth + 1) {
          add(region, `holds content ${region.scrollWidth} px wide in ${region.clientWidth} px`);
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
    case 'L1': {
      const L = a.sel.layout;
      const main = doc.body.querySelectorAll(L.main)[0];
      if (!main) {
        add(null, `no ${L.main}: not a resident's screen`);
        break;
      }
      const bars = Array.from(main.querySelectorAll(L.actionBar)).filter(shown);
      if (bars.length !== 1) {
        add(main, `${bars.length} action bars, expected 1`);
        break;
      }
      const bar = bars[0] as DomElement;
      const kind = bar.getAttribute('data-primary');
      const primaries = Array.from(main.querySelectorAll(L.primary)).filter(shown);
      if (kind === 'button') {
        const [p] = primaries;
        if (primaries.length !== 1 || !p || !bar.contains(p)) {
          add(
            bar,
            `${primaries.length} primary actions (${primaries.filter((x) => bar.contains(x)).length} in the action bar), expected 1 in it`,
          );
          break;
        }
        const b = p.getBoundingClientRect();
        const m = main.getBoundingClientRect();
        if (b.height < a.limits.primaryTarget - 0.5) {
          add(p, `primary action ${round(b.height)} px tall < ${a.limits.primaryTarget} px`);
        }
        if (b.bottom < w.innerHeight * 0.75) {
          add(
            p,
            `primary action ends at y ${round(b.bottom)} px, above the bottom quarter (from ${round(w.innerHeight * 0.75)} px)`,
          );
        }
        if ((b.left + b.right) / 2 < (m.left + m.right) / 2) {
          add(
            p,
            `primary action centred at x ${round((b.left + b.right) / 2)} px, left of the screen's middle ${round((m.left + m.right) / 2)} px`,
          );
        }
      } else if (kind === 'choice' || kind === 'device' || kind === 'wait') {
        if (primaries.length > 0)
          add(primaries[0] as DomElement, `a primary action where the bar says "${kind}"`);
        const tiles = Array.from(main.querySelectorAll(L.tile)).filter(shown).length;
        if (kind === 'choice' && tiles < 2) add(bar, `"choice" with ${tiles} tiles, expected ≥ 2`);
        const devices = Array.from(main.querySelectorAll(L.device)).filter(shown).length;
        if (kind === 'device' && devices === 0) {
          add(bar, `"device" with no picture of the terminal and no code to scan`);
        }
        const live = Array.from(main.querySelectorAll('[role=status], [role=alert]')).filter(shown);
        if (kind === 'wait' && live.length === 0) add(bar, `"wait" with no status on the screen`);
      } else {
        add(bar, `data-primary="${kind ?? ''}": expected button, choice, device or wait`);
      }
      break;
    }
    case 'L2': {
      const main = doc.body.querySelectorAll(a.sel.layout.main)[0];
      if (!main) {
        add(null, `no ${a.sel.layout.main}: not a resident's screen`);
        break;
      }
      const vh = w.innerHeight;
      const need = vh > w.innerWidth ? a.limits.spanPortrait : a.limits.spanLandscape;
      let top = Infinity;
      let bottom = -Infinity;
      const take = (b: Box) => {
        if (b.width <= 0 || b.height <= 0) return;
        top = Math.min(top, b.top);
        bottom = Math.max(bottom, b.bottom);
      };
      for (const { el, box } of texts()) if (main.contains(el)) take(box);
      for (const el of Array.from(main.querySelectorAll('*')).filter(shown)) {
        const s = w.getComputedStyle(el);
        const painted =
          ['BUTTON', 'svg', 'IMG', 'FIGURE', 'OUTPUT'].includes(el.tagName) ||
          !['rgba(0, 0, 0, 0)', 'transparent'].includes(s.backgroundColor) ||
          px(s.borderTopWidth) > 0;
        if (painted) take(el.getBoundingClientRect());
      }
      const span = bottom > top ? (bottom - top) / vh : 0;
      if (span < need - 0.005) {
        add(
          main,
          `content spans y ${round(top)}–${round(bottom)} px = ${Math.round(span * 100)} % of the ${vh} px viewport < ${Math.round(need * 100)} %`,
        );
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
