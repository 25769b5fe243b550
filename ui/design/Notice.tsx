import type { ReactNode } from 'react';
import { TONE_ICONS } from './icons';

export type NoticeKind = 'info' | 'warning' | 'success' | 'failure';

/**
 * A message that stands out from the body: its icon, its words and a coloured edge together,
 * never the colour alone (R5). `role`: 'alert' for what went wrong as it happens (one region per
 * screen, see screens/Alerts.tsx), 'status' for news, 'note' for advice.
 */
export function Notice({
  kind,
  role,
  children,
}: {
  kind: NoticeKind;
  role?: 'alert' | 'status' | 'note';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={role}>
      {children}
    </div>
  );
}

/** One line of a notice, with the kind's icon before it. */
export function NoticeLine({ kind, children }: { kind: NoticeKind; children: ReactNode }) {
  const LineIcon = TONE_ICONS[kind];
  return (
    <p className="notice-line">
      <LineIcon className="notice-icon" />
      <span>{children}</span>
    </p>
  );
}
