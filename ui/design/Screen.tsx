import type { ReactNode } from 'react';
import { ActionBar, type ActionBarProps } from './ActionBar';
import { useFrame } from './frame-context';
import { TONE_ICONS, type Icon, type Tone } from './icons';

/**
 * A resident's screen: its title (with an icon, or a state's large pictogram and colour), the
 * body, and the action bar at the foot — in that order and in those places on every screen, so
 * she finds the way on where it always is. The screen fills the frame's main area in both
 * orientations: the body takes the height between title and actions.
 *
 * `live`: the title is news, wrapped in `role="status"` (a waiting screen, a result) or
 * `role="alert"` (out of service); `busy`: the kiosk is working (aria-busy).
 */
export function Screen({
  title,
  icon,
  tone,
  live,
  busy = false,
  className,
  actions,
  children,
}: {
  title: ReactNode;
  icon?: Icon | undefined;
  /** A state's colour and pictogram on the title (success, failure…), unmistakable. */
  tone?: Tone | undefined;
  live?: 'status' | 'alert' | undefined;
  busy?: boolean;
  className?: string;
  actions: ActionBarProps;
  children?: ReactNode;
}) {
  const { step } = useFrame();
  const Pictogram = tone ? TONE_ICONS[tone] : icon;
  const heading = (
    <div className={`screen-title${tone ? ` tone tone-${tone}` : ''}`}>
      {Pictogram && <Pictogram className={tone ? 'pictogram' : 'title-icon'} />}
      <h1>{title}</h1>
      {step}
    </div>
  );
  return (
    <section
      className={`screen kiosk-screen${className ? ` ${className}` : ''}`}
      aria-busy={busy || undefined}
    >
      {live ? <div role={live}>{heading}</div> : heading}
      <div className="screen-body" data-fit>
        {children}
      </div>
      <ActionBar {...actions} />
    </section>
  );
}
