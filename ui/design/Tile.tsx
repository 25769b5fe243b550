import type { ReactNode } from 'react';
import type { Icon } from './icons';

/**
 * A big choice: its icon, its name and (smaller) what it is, the whole tile one button. Tiles
 * share the body's height between them, so a few choices fill the screen (the large-type elder
 * modes' one column of huge tiles on a tall screen).
 */
export function Tile({
  icon: TileIcon,
  label,
  detail,
  disabled = false,
  onClick,
}: {
  icon: Icon;
  label: ReactNode;
  detail?: ReactNode;
  disabled?: boolean;
  onClick(): void;
}) {
  return (
    <button className="button tile" disabled={disabled} onClick={onClick}>
      <TileIcon className="tile-icon" />
      <span className="tile-words">
        <span className="tile-label">{label}</span>
        {detail && <span className="tile-detail">{detail}</span>}
      </span>
    </button>
  );
}

/** The tiles of one decision, as many rows as there is height for. */
export function Tiles({ children, count }: { children: ReactNode; count: number }) {
  return (
    <div className="tiles" data-count={count}>
      {children}
    </div>
  );
}
