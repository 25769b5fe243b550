import type { HelpCallView, StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { HELP_REASON, HELP_WAY, STAFF_MENU, screenWords } from './staff-words';

type HomeView = Extract<StaffView, { name: 'staffHome' }>;

/** The open mode: who is signed in, and the resident's call if there is one. */
export function StaffHome({ t, send, view }: ScreenProps & { view: HomeView }) {
  return (
    <section className="screen staff-screen">
      <h1>{t('staffHome', { name: view.who.name })}</h1>
      <p>{t(view.who.role === 'technician' ? 'staffRoleTechnician' : 'staffRoleStaff')}</p>
      {view.helpCall ? (
        <HelpCall t={t} send={send} call={view.helpCall} />
      ) : (
        <p role="status">{t('staffNoCall')}</p>
      )}
      {view.menu.length > 0 && (
        <nav className="actions" aria-label={t('staffMenu')}>
          {view.menu.map((screen) => (
            <button
              key={screen}
              className="button secondary"
              onClick={() => send({ type: 'STAFF_OPEN', screen })}
            >
              {t(STAFF_MENU[screen])}
            </button>
          ))}
        </nav>
      )}
      <div className="actions">
        <button className="button secondary" onClick={() => send({ type: 'STAFF_LOCK' })}>
          {t('staffLeave')}
        </button>
      </div>
    </section>
  );
}

function HelpCall({ t, send, call }: ScreenProps & { call: HelpCallView }) {
  const help = (action: 'back' | 'cancel' | 'handBack') => () =>
    send({ type: 'STAFF_HELP', action });
  return (
    <div className="staff-call" role="region" aria-label={t('staffHelpCall')}>
      <h2>{t('staffHelpCall')}</h2>
      <p>{t(HELP_REASON[call.reason])}</p>
      <ul className="staff-figures">
        <li>{t('staffCustomerSees', { screen: screenWords(t, call.customerScreen) })}</li>
        {call.accountTail && <li>{t('staffAccountTail', { tail: call.accountTail })}</li>}
        {call.billerName && <li>{t('staffBiller', { name: call.billerName })}</li>}
        {call.amountDue !== null && (
          <li>{t('staffAmountDue', { amount: formatYuan(call.amountDue) })}</li>
        )}
        <li>{t('staffCollected', { amount: formatYuan(call.collected) })}</li>
        {call.noteInEscrow && <li>{t('staffNoteInEscrow')}</li>}
        {call.underReview > 0 && (
          <li>{t('staffUnderReview', { amount: formatYuan(call.underReview) })}</li>
        )}
      </ul>
      <p className="reassure">{t(HELP_WAY[call.wayForward])}</p>
      <div className="actions">
        {call.canGoBack && (
          <button className="button secondary" onClick={help('back')}>
            {t('staffStepBack')}
          </button>
        )}
        {call.canCancel && (
          <button className="button secondary" onClick={help('cancel')}>
            {t('staffCancelForCustomer')}
          </button>
        )}
        <button className="button primary" onClick={help('handBack')}>
          {t('staffHandBack')}
        </button>
      </div>
    </div>
  );
}
