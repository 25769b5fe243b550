import type { Key, StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { DeskOutcome, StaffKeypad, StaffToolbar } from './StaffParts';
import { ITEM_ACTION, ITEM_KIND, discrepancyReasonWords, itemDetailWords } from './staff-words';

type OpenItemsView = Extract<StaffView, { name: 'openItems' }>;

/** Every open item, each with the actions its kind allows; each closes with an outcome. */
export function OpenItems({ t, send, view }: ScreenProps & { view: OpenItemsView }) {
  const entering = view.entering;
  return (
    <section className="screen staff-screen">
      <h1>{t('itemsTitle')}</h1>
      <DeskOutcome t={t} result={view.lastResult} />
      {entering ? (
        <div className="split">
          <div className="split-part">
            <p>{t('itemEnterSerial')}</p>
            <output className="account-digits" aria-label={t('itemSerialTyped', { typed: '' })}>
              {entering.typed || '\u00a0'}
            </output>
            <div className="actions">
              <button
                className="button primary"
                disabled={entering.typed.length !== 14}
                onClick={() => send({ type: 'STAFF_SUBMIT' })}
              >
                {t('itemConfirmSerial')}
              </button>
            </div>
          </div>
          <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
        </div>
      ) : view.items.length === 0 ? (
        <p role="status">{t('itemsNone')}</p>
      ) : (
        <ul className="item-list">
          {view.items.map((item) => (
            <li key={item.key} className="item" aria-label={t(ITEM_KIND[item.kind])}>
              <h2>
                {t(ITEM_KIND[item.kind])}
                {item.direction && ` · ${t(item.direction === 'long' ? 'itemLong' : 'itemShort')}`}
              </h2>
              <p>
                {t('itemAmount', { amount: formatYuan(item.amount) })}
                {item.agentSerial && ` · ${t('itemSerial', { serial: item.agentSerial })}`}
                {item.account && ` · ${item.account}`}
              </p>
              {item.detail && <p>{itemDetailWords(t, item.detail)}</p>}
              <div className="actions">
                {item.actions.map((action) =>
                  action === 'explain' ? (
                    item.reasons.map((reason) => (
                      <button
                        key={reason}
                        className="button secondary"
                        onClick={() => send({ type: 'STAFF_ITEM', key: item.key, action, reason })}
                      >
                        {t('itemExplain', { reason: discrepancyReasonWords(t, reason) })}
                      </button>
                    ))
                  ) : (
                    <button
                      key={action}
                      className="button secondary"
                      onClick={() => send({ type: 'STAFF_ITEM', key: item.key, action })}
                    >
                      {t(ITEM_ACTION[action])}
                    </button>
                  ),
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
