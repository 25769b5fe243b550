import type { Key, StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { PinDots, ReceiptFinder } from './ReceiptFinder';
import { DeskOutcome, StaffKeypad, StaffToolbar } from './StaffParts';
import { REVERSAL_OUTCOME, REVERSAL_REASON } from './staff-words';

type ReversalView = Extract<StaffView, { name: 'reversal' }>;

/** 冲正: a payment of today, its reason, a second person's card or number and PIN, the outcome. */
export function Reversal({ t, send, view }: ScreenProps & { view: ReversalView }) {
  const chosen = view.chosen;
  const keypad = (
    <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
  );
  return (
    <section className="screen staff-screen">
      <h1>{t('reversalTitle')}</h1>
      <DeskOutcome t={t} result={view.lastResult} />
      {chosen && (
        <p>
          {t('reversalChosen', {
            biller: chosen.billerName,
            account: chosen.account,
            amount: formatYuan(chosen.amount),
          })}
          {view.reason &&
            ` · ${t('reversalReasonIs', { reason: t(REVERSAL_REASON[view.reason]) })}`}
        </p>
      )}
      {view.step === 'find' && (
        <>
          <p>{t('reversalFindHint')}</p>
          <ReceiptFinder
            t={t}
            send={send}
            search={view.search}
            action={{
              label: t('reversalChoose'),
              onRow: (row) =>
                send({ type: 'STAFF_REVERSAL', action: 'choose', agentSerial: row.agentSerial }),
            }}
          />
        </>
      )}
      {view.step === 'reason' && (
        <>
          <h2>{t('reversalReasonTitle')}</h2>
          <div className="actions">
            {view.reasons.map((reason) => (
              <button
                key={reason}
                className="button secondary"
                onClick={() => send({ type: 'STAFF_REVERSAL', action: 'reason', reason })}
              >
                {t(REVERSAL_REASON[reason])}
              </button>
            ))}
          </div>
        </>
      )}
      {view.step === 'approve' && (
        <div className="split">
          <div className="split-part">
            <h2>{t('reversalApproveTitle')}</h2>
            {view.approver === null ? (
              <>
                <p>{t('reversalApproveHint')}</p>
                <div className="actions">
                  <button
                    className="button primary"
                    onClick={() => send({ type: 'STAFF_REVERSAL', action: 'approverByNumber' })}
                  >
                    {t('reversalApproveByNumber')}
                  </button>
                </div>
              </>
            ) : view.approver.step === 'staffNumber' ? (
              <>
                <p>{t('reversalApproverNumber', { number: view.approver.staffNumber })}</p>
                <div className="actions">
                  <button
                    className="button primary"
                    disabled={view.approver.staffNumber.length < 4}
                    onClick={() => send({ type: 'STAFF_SUBMIT' })}
                  >
                    {t('staffNext')}
                  </button>
                </div>
              </>
            ) : (
              <>
                <p>
                  {view.approver.by === 'card'
                    ? t('reversalApproverCard')
                    : t('reversalApproverNumber', { number: view.approver.staffNumber })}
                </p>
                <PinDots t={t} length={view.approver.pinLength} label={t('reversalApproverPin')} />
              </>
            )}
          </div>
          {view.approver && keypad}
        </div>
      )}
      {view.step === 'checking' && (
        // Asked before (an outcome not known yet): only the gateway is asked now.
        <p role="status">{t(view.outcome ? 'reversalAsking' : 'reversalChecking')}</p>
      )}
      {view.step === 'done' && view.outcome && (
        <div role="status" className="tool-result">
          <p>
            {t(REVERSAL_OUTCOME[view.outcome.outcome], {
              amount: formatYuan(view.outcome.amount),
              message: view.outcome.message ?? '',
            })}
          </p>
          {view.outcome.slipPrinted !== null && (
            <p>{t(view.outcome.slipPrinted ? 'reversalSlipPrinted' : 'reversalSlipNotPrinted')}</p>
          )}
        </div>
      )}
      {view.step === 'done' && (
        <div className="actions">
          {view.outcome?.outcome === 'unknown' && (
            <button
              className="button primary"
              onClick={() => send({ type: 'STAFF_REVERSAL', action: 'askAgain' })}
            >
              {t('reversalAskAgain')}
            </button>
          )}
          <button
            className="button secondary"
            onClick={() => send({ type: 'STAFF_REVERSAL', action: 'restart' })}
          >
            {t('reversalAnother')}
          </button>
        </div>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
