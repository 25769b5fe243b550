import type { ReactNode } from 'react';
import type { Snapshot } from '../../src/api/kiosk-api';
import type { ScreenProps } from './types';

/** The frame around every screen: title, language switch, staff figures. */
export function Frame({
  t,
  snapshot,
  send,
  children,
}: ScreenProps & { snapshot: Snapshot; children: ReactNode }) {
  const pending = snapshot.service.pendingSync.count;
  const staffItems = snapshot.service.staffItems;
  const printer = snapshot.service.printer;
  const printerWarning = printer === 'low' || printer === 'out';
  return (
    <div className="frame">
      <header className="frame-header">
        <span className="frame-title">{t('appTitle')}</span>
        <button
          className="button secondary"
          onClick={() =>
            send({ type: 'SET_LOCALE', locale: snapshot.locale === 'zh-CN' ? 'en' : 'zh-CN' })
          }
        >
          {t('switchLanguage')}
        </button>
      </header>
      <main className="frame-main" data-screen={snapshot.screen.name}>
        {children}
      </main>
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
