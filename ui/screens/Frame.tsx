import type { ReactNode } from 'react';
import type { ScreenName, Snapshot } from '../../src/api/kiosk-api';
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
 * the side of a wide one, where height is what runs out), and the staff figures.
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
  return (
    // Behind the dialog: neither focusable (inert) nor in the accessibility tree (aria-hidden).
    <div className="frame" inert={inert} aria-hidden={inert || undefined}>
      <header className="frame-header">
        <FrameControls t={t} send={send} snapshot={snapshot} />
      </header>
      <main className="frame-main" data-screen={snapshot.screen.name}>
        {snapshot.staffHelping && (
          <p className="staff-helping" role="status">
            {t('staffIsHelping')}
          </p>
        )}
        {children}
      </main>
      {STAFF_ENTRY_SCREENS.has(snapshot.screen.name) && (
        <button className="button staff-entry" onClick={() => send({ type: 'STAFF_SIGN_IN' })}>
          {t('staffSignIn')}
        </button>
      )}
      {(pending > 0 || staffItems > 0 || printerWarning) && (
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
      )}
    </div>
  );
}
