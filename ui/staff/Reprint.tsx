import type { StaffView } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { ReceiptFinder } from './ReceiptFinder';
import { DeskOutcome, StaffToolbar } from './StaffParts';

type ReprintView = Extract<StaffView, { name: 'reprint' }>;

/** A receipt of the last 7 days printed again, marked as a copy (副本); never a new payment. */
export function Reprint({ t, send, view }: ScreenProps & { view: ReprintView }) {
  const printed = view.printed;
  return (
    <section className="screen staff-screen">
      <h1>{t('reprintTitle')}</h1>
      {printed ? (
        <p role="status" className="tool-result">
          {printed.printed
            ? t('reprintPrinted', { copy: printed.copyNumber })
            : t('reprintNotPrinted')}
        </p>
      ) : (
        <DeskOutcome t={t} result={view.lastResult} />
      )}
      <ReceiptFinder
        t={t}
        send={send}
        search={view.search}
        action={{
          label: t('reprintPrint'),
          onRow: (row) => send({ type: 'STAFF_REPRINT', agentSerial: row.agentSerial }),
        }}
      />
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
