import type { ReactNode } from 'react';

/**
 * What the screen says, with its choices in a column beside it when the screen is wide enough
 * and below it when not: the decision stays in view at every text size. Put the main choice
 * first.
 */
export function Decide({ children, actions }: { children: ReactNode; actions: ReactNode }) {
  return (
    <div className="decide">
      <div className="decide-body">{children}</div>
      <div className="actions decide-actions">{actions}</div>
    </div>
  );
}
