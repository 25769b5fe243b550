// The touch screen as a signature pad: strokes from pointer events on a canvas (finger, pen or
// mouse alike), drawn as they come. The pad is the one place on the kiosk where drawing is the
// task, so it listens to moves itself (the screens' single-tap rule is about their buttons).
import type { SignaturePoint, SignatureSource, Stroke } from './signature-source';

const INK = '#111111';
const PAPER = '#ffffff';
/** The line's width in CSS pixels: bold enough to read at arm's length. */
const LINE_PX = 4;

export function touchSignature(canvas: HTMLCanvasElement): SignatureSource {
  let strokes: SignaturePoint[][] = [];
  let current: { id: number; points: SignaturePoint[]; began: number } | null = null;
  let listener: (s: readonly Stroke[]) => void = () => undefined;
  const changed = () => listener(strokes.map((s) => [...s]));

  /** The canvas's pixels follow its box (and the screen's density), cleared to white. */
  const fit = () => {
    const box = canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(box.width * ratio));
    canvas.height = Math.max(1, Math.round(box.height * ratio));
    redraw();
  };
  const pen = () => {
    const g = canvas.getContext('2d');
    if (!g) return null;
    const ratio = canvas.width / Math.max(1, canvas.getBoundingClientRect().width);
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.lineWidth = LINE_PX;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = INK;
    g.fillStyle = INK;
    return g;
  };
  const drawStroke = (g: CanvasRenderingContext2D, s: readonly SignaturePoint[]) => {
    const [first, ...rest] = s;
    if (!first) return;
    g.beginPath();
    if (rest.length === 0) {
      g.arc(first.x, first.y, LINE_PX / 2, 0, Math.PI * 2);
      return g.fill();
    }
    g.moveTo(first.x, first.y);
    for (const p of rest) g.lineTo(p.x, p.y);
    g.stroke();
  };
  const redraw = () => {
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = PAPER;
    g.fillRect(0, 0, canvas.width, canvas.height);
    const p = pen();
    if (p) for (const s of strokes) drawStroke(p, s);
  };
  const at = (e: PointerEvent, began: number): SignaturePoint => {
    const box = canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top, t: Math.round(e.timeStamp - began) };
  };

  const down = (e: PointerEvent) => {
    if (current) return; // one pen at a time: a second finger is not a second stroke
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    current = { id: e.pointerId, points: [], began: e.timeStamp };
    current.points.push(at(e, current.began));
    strokes.push(current.points);
    const g = pen();
    if (g) drawStroke(g, current.points);
    changed();
  };
  const move = (e: PointerEvent) => {
    if (!current || e.pointerId !== current.id) return;
    e.preventDefault();
    const last = current.points.at(-1);
    const p = at(e, current.began);
    current.points.push(p);
    const g = pen();
    if (g && last) {
      g.beginPath();
      g.moveTo(last.x, last.y);
      g.lineTo(p.x, p.y);
      g.stroke();
    }
  };
  const up = (e: PointerEvent) => {
    if (!current || e.pointerId !== current.id) return;
    current = null;
    changed();
  };

  return {
    start(onChange) {
      listener = onChange;
      fit();
      const resize = new ResizeObserver(fit);
      resize.observe(canvas);
      canvas.addEventListener('pointerdown', down);
      canvas.addEventListener('pointermove', move);
      canvas.addEventListener('pointerup', up);
      canvas.addEventListener('pointercancel', up);
      return () => {
        resize.disconnect();
        canvas.removeEventListener('pointerdown', down);
        canvas.removeEventListener('pointermove', move);
        canvas.removeEventListener('pointerup', up);
        canvas.removeEventListener('pointercancel', up);
        listener = () => undefined;
      };
    },
    clear() {
      strokes = [];
      current = null;
      redraw();
      changed();
    },
    strokes: () => strokes.map((s) => [...s]),
    exportPng: () => new Promise((resolve) => canvas.toBlob(resolve, 'image/png')),
  };
}
