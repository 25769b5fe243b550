import type { ReactNode } from 'react';
import { useFrame } from './frame-context';

export interface Action {
  label: ReactNode;
  onClick(): void;
  disabled?: boolean;
}

/**
 * Why a screen has no primary action: the decision is a choice of tiles in the body ('choice'),
 * she acts at the terminal — notes in, a code under the scanner ('device') — or the kiosk is
 * working and there is nothing to do but wait ('wait').
 */
export type NoPrimary = 'choice' | 'device' | 'wait';

export type ActionBarProps = { secondary?: Action[] } & (
  | { primary: Action; none?: never; note?: never }
  /** `note`: said where the primary action would be (that there is nothing to do). */
  | { none: NoPrimary; primary?: never; note?: ReactNode }
);

/**
 * The foot of every resident's screen: one large primary action in the same place on every
 * screen (bottom right: the slot has one size in an orientation, whatever the label), and the
 * secondary actions smaller, to the left and well apart from it. The staff sign-in button,
 * where the frame offers it, comes first among the secondary ones.
 */
export function ActionBar({ primary, none, note, secondary = [] }: ActionBarProps) {
  const { staffEntry } = useFrame();
  return (
    <div className="action-bar" data-action-bar data-primary={primary ? 'button' : none}>
      <div className="action-secondary">
        {staffEntry}
        {secondary.map((a, i) => (
          <button key={i} className="button secondary" disabled={a.disabled} onClick={a.onClick}>
            {a.label}
          </button>
        ))}
      </div>
      <div className="action-primary-slot">
        {note && <p className="action-note">{note}</p>}
        {primary && (
          <button
            className="button primary action-primary"
            disabled={primary.disabled}
            onClick={primary.onClick}
          >
            {primary.label}
          </button>
        )}
      </div>
    </div>
  );
}
