import type { OutOfServiceReason, StaffView } from '../../src/api/kiosk-api';
import { OUT_OF_SERVICE_REASON } from '../screens/out-of-service-reason';
import type { ScreenProps } from '../screens/types';
import { StaffToolbar, ToolResult } from './StaffParts';
import { PRINTER_STATE } from './staff-words';

type ServiceStateView = Extract<StaffView, { name: 'serviceState' }>;

const REASONS = Object.keys(OUT_OF_SERVICE_REASON) as OutOfServiceReason[];

/** Out of service with a reason residents are shown, back in service, and the paper. */
export function ServiceState({ t, send, view }: ScreenProps & { view: ServiceStateView }) {
  const reasonWords = (r: OutOfServiceReason) => t(OUT_OF_SERVICE_REASON[r]);
  return (
    <section className="screen staff-screen">
      <h1>{t('serviceStateTitle')}</h1>
      <p role="status">
        {view.inService
          ? t('serviceInService')
          : t('serviceOutOfService', { reason: view.reason ? reasonWords(view.reason) : '' })}
      </p>
      <div className="actions">
        {view.inService ? (
          REASONS.map((r) => (
            <button
              key={r}
              className="button secondary"
              onClick={() => send({ type: 'STAFF_SET_SERVICE', inService: false, reason: r })}
            >
              {t('serviceTakeOut', { reason: reasonWords(r) })}
            </button>
          ))
        ) : (
          <button
            className="button primary"
            onClick={() => send({ type: 'STAFF_SET_SERVICE', inService: true, reason: null })}
          >
            {t('serviceBackIn')}
          </button>
        )}
      </div>
      <p>{t('servicePrinter', { state: t(PRINTER_STATE[view.printer]) })}</p>
      <div className="actions">
        <button
          className="button secondary"
          onClick={() => send({ type: 'STAFF_TOOL', tool: 'paperReplaced' })}
        >
          {t('toolPaperReplaced')}
        </button>
      </div>
      <ToolResult t={t} outcome={view.lastTool} />
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
