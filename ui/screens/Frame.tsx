import type { ReactNode } from 'react';
import type { ScreenName, Snapshot } from '../../src/api/kiosk-api';
import { FrameContext } from '../design/frame-context';
import { StepIndicator } from '../design/StepIndicator';
import { FrameControls } from './FrameControls';
import type { ScreenProps } from './types';

/**
 * Where staff may sign in without a card: the idle screens, a resident's call for help, and a
 * part payment held for them.
 */
const STAFF_ENTRY_SCREENS: ReadonlySet<ScreenName> = new Set([
  'attract',
  'outOfService',
  'staffHelp',
  'awaitingStaff',
]);

/**
 * The frame around every screen: help and settings (a band on top of a tall screen, a rail at
 * the side of a wide one, where height is what runs out) with a status line reserved under
 * them, the step of the paying path, and the staff figures. Nothing in it changes size between
 * screens or states, so no button of the screen ever moves (issue 13).
 */
export function Frame({
  t,
  snapshot,
  send,
  inert,
  children,
}: ScreenProps & { snapshot: Snapshot; inert: boolean; children: ReactNode }) {
  const pending = snapshot.service.pendingSync.count;
  const staffItems = snapshot.service.staffItems;
  const printer = snapshot.service.printer;
  const printerWarning = printer === 'low' || printer === 'out';
  const staffEntry = STAFF_ENTRY_SCREENS.has(snapshot.screen.name) ? (
    <button
      className="button secondary staff-entry"
      onClick={() => send({ type: 'STAFF_SIGN_IN' })}
    >
      {t('staffSignIn')}
    </button>
  ) : null;
  return (
    // Behind the dialog: neither focusable (inert) nor in the accessibility tree (aria-hidden).
    <div className="frame resident" inert={inert} aria-hidden={inert || undefined}>
      <header className="frame-header" data-frame-header>
        <FrameControls t={t} send={send} snapshot={snapshot} />
      </header>
      <main className="frame-main" data-screen={snapshot.screen.name}>
        <FrameContext.Provider
          value={{
            frontPanel: snapshot.frontPanel,
            staffEntry,
            step: <StepIndicator t={t} screen={snapshot.screen.name} />,
          }}
        >
          {children}
        </FrameContext.Provider>
      </main>
      <footer className="frame-footer">
        {pending > 0 && (
          <span data-testid="pending-sync">{t('pendingSyncStaff', { count: pending })}</span>
        )}
        {staffItems > 0 && (
          <span data-testid="staff-items">{t('staffItems', { count: staffItems })}</span>
        )}
        {printerWarning && (
          <span data-testid="printer-warning">
            {t(printer === 'low' ? 'printerPaperLow' : 'printerOut')}
          </span>
        )}
      </footer>
    </div>
  );
}
