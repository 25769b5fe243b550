import type { FrontPart } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { useFrame } from './frame-context';
import { frontLayout, whereIs, type PartBox } from './front-layout';
import { FRONT_ICONS } from './icons';

/**
 * The front of this terminal, drawn from its config (`frontPanel`): the screen, and beside or
 * below it the note slot, the scanner window and the receipt slot, the one she needs now
 * (`part`) filled in the action colour with an arrow from the screen pointing at it, and named
 * in words under the picture (after `lead`, what to do there). A still picture; where motion is welcome
 * (prefers-reduced-motion: no-preference) the arrow nudges towards the part a few times.
 */
export function TerminalFront({
  t,
  part,
  lead,
}: {
  t: Translator;
  part: FrontPart;
  /** What to do there ("请取走打印的凭证"), said first, in the same words under the picture. */
  lead?: string;
}) {
  const { frontPanel } = useFrame();
  const layout = frontLayout(frontPanel);
  const target = layout.parts.find((p) => p.part === part);
  const described = layout.parts.map((p) => whereIs(t, p)).join(`${t('sentenceEnd')} `);
  const { screen } = layout;
  return (
    <div className="terminal-front" data-part={part} data-side={target?.side}>
      <svg
        className="front-picture"
        role="img"
        aria-label={t('frontPicture', { parts: described })}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <rect
          className="front-cabinet"
          x={0}
          y={0}
          width={layout.width}
          height={layout.height}
          rx={18}
        />
        <rect
          className="front-screen"
          x={screen.x}
          y={screen.y}
          width={screen.w}
          height={screen.h}
          rx={8}
        />
        {layout.parts.map((p) => (
          <FrontPartShape key={p.part} p={p} on={p.part === part} />
        ))}
        {target && <Arrow from={screen} to={target} />}
      </svg>
      {target && (
        <p className="front-caption">
          {lead && <span className="lead">{lead}</span>} <span>{whereIs(t, target)}</span>
        </p>
      )}
    </div>
  );
}

function FrontPartShape({ p, on }: { p: PartBox; on: boolean }) {
  const PartIcon = FRONT_ICONS[p.part];
  const size = Math.min(p.w, p.h) * 0.5;
  // The opening itself: a slot for notes and receipts, a window for the scanner.
  const slotW = p.w * 0.7;
  const opening =
    p.part === 'scanner' ? (
      <rect
        className="front-opening"
        x={p.x + p.w * 0.15}
        y={p.y + p.h * 0.12}
        width={p.w * 0.7}
        height={p.h * 0.76}
        rx={6}
      />
    ) : (
      <rect
        className="front-opening"
        x={p.x + (p.w - slotW) / 2}
        y={p.y + p.h - 16}
        width={slotW}
        height={7}
        rx={3}
      />
    );
  return (
    <g className={`front-part${on ? ' on' : ''}`} data-part={p.part}>
      <rect className="front-part-body" x={p.x} y={p.y} width={p.w} height={p.h} rx={10} />
      {opening}
      <PartIcon
        className="front-part-icon"
        x={p.x + (p.w - size) / 2}
        y={p.y + (p.h - size) / 2 - (p.part === 'scanner' ? 0 : 6)}
        width={size}
        height={size}
      />
    </g>
  );
}

/** An arrow inside the screen, pointing at the part's side and level. */
function Arrow({
  from,
  to,
}: {
  from: { x: number; y: number; w: number; h: number };
  to: PartBox;
}) {
  const cx = to.side === 'below' ? to.x + to.w / 2 : from.x + from.w / 2;
  const cy = to.side === 'below' ? from.y + from.h / 2 : to.y + to.h / 2;
  const angle = to.side === 'left' ? 180 : to.side === 'below' ? 90 : 0;
  // Drawn pointing right, 70 long, then turned; it sits in the screen, clear of the edge.
  const x = Math.min(Math.max(cx, from.x + 45), from.x + from.w - 45);
  const y = Math.min(Math.max(cy, from.y + 40), from.y + from.h - 40);
  return (
    <g transform={`translate(${x} ${y}) rotate(${angle})`}>
      <path className={`front-arrow`} d="M -35 -9 H 5 V -24 L 35 0 L 5 24 V 9 H -35 Z" />
    </g>
  );
}
