import type { StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { StaffToolbar } from './StaffParts';

type SummaryView = Extract<StaffView, { name: 'daySummary' }>;

/** Today at a glance: written off and waiting, per biller and method; the box; open items. */
export function DaySummary({ t, send, view }: ScreenProps & { view: SummaryView }) {
  const open = Object.values(view.openItems).reduce((a, b) => a + b, 0);
  const rows = (part: SummaryView['writtenOff']) =>
    part.rows.map((r) => (
      <li key={`${r.billerName}-${r.method}`}>
        {t('summaryRow', {
          biller: r.billerName,
          method: r.method,
          count: r.count,
          amount: formatYuan(r.amount),
        })}
      </li>
    ));
  return (
    <section className="screen staff-screen">
      <h1>{t('summaryTitle', { day: view.day })}</h1>
      <h2>
        {t('summaryWrittenOff', {
          count: view.writtenOff.count,
          amount: formatYuan(view.writtenOff.amount),
        })}
      </h2>
      <ul className="staff-figures">{rows(view.writtenOff)}</ul>
      <h2>
        {t('summaryPending', {
          count: view.pendingSync.count,
          amount: formatYuan(view.pendingSync.amount),
        })}
      </h2>
      <ul className="staff-figures">{rows(view.pendingSync)}</ul>
      <p>
        {t('summaryReversed', {
          count: view.reversed.count,
          amount: formatYuan(view.reversed.amount),
        })}
      </p>
      <p>
        {t('summaryCashBox', {
          count: view.cashBox.count,
          amount: formatYuan(view.cashBox.total),
        })}
      </p>
      <p>{t('summaryOpenItems', { count: open })}</p>
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
