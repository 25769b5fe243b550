// Applying for a service: the consent to SMS notices, and everything on one screen before it is
// sent — each part with its own 修改 / Change, a problem the gateway found said above it.
import type { ReactNode } from 'react';
import type { Screen as KioskScreen, UserEvent } from '../../src/api/kiosk-api';
import { TONE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { AccountNumber } from './AccountNumber';
import { APPLY_PROBLEM_WORDS, local, valueWords } from './application-words';
import type { ScreenProps } from './types';

type ConsentScreen = Extract<KioskScreen, { name: 'applicationConsent' }>;
type ReviewScreen = Extract<KioskScreen, { name: 'applicationReview' }>;

export function ApplicationConsent({ t, send, screen }: ScreenProps & { screen: ConsentScreen }) {
  return (
    <Screen
      title={t('applyConsentTitle')}
      actions={{
        primary: {
          label: t('applyConsentYes'),
          onClick: () => send({ type: 'CONSENT', smsNotices: true }),
        },
        secondary: [
          {
            label: t('applyConsentNo'),
            onClick: () => send({ type: 'CONSENT', smsNotices: false }),
          },
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
        ],
      }}
    >
      <p className="lead">{t('applyConsentLead', { phone: screen.phone })}</p>
    </Screen>
  );
}

/** One part of the review: what it is, its value, and its own change button. */
function Part({
  t,
  send,
  label,
  value,
  change,
}: ScreenProps & { label: string; value: ReactNode; change: UserEvent }) {
  return (
    <li className="review-part">
      <div>
        <strong className="review-label">{label}</strong> <span>{value}</span>
      </div>
      <button
        className="button secondary"
        aria-label={t('applyChangeItem', { item: label })}
        onClick={() => send(change)}
      >
        {t('applyChange')}
      </button>
    </li>
  );
}

export function ApplicationReview({ t, send, screen }: ScreenProps & { screen: ReviewScreen }) {
  const p = { t, send };
  // A problem is the screen's news: its title, read out at once (no room for one more box).
  const problem = screen.problem && t(APPLY_PROBLEM_WORDS[screen.problem]);
  return (
    <Screen
      title={problem || t('applyReviewTitle')}
      icon={problem ? TONE_ICONS.warning : undefined}
      live={problem ? 'alert' : undefined}
      actions={{
        primary: { label: t('applySubmit'), onClick: () => send({ type: 'SUBMIT_APPLICATION' }) },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p>
        {local(t, screen.service.name)} · {t('applyReviewHolder')} {screen.holder}
      </p>
      <ul className="review-parts">
        <Part
          {...p}
          label={t('applyReviewAccount')}
          value={<AccountNumber account={screen.account} />}
          change={{ type: 'CHANGE', part: 'account', id: null }}
        />
        {screen.fields.map(({ field, value }) => (
          <Part
            key={field.id}
            {...p}
            label={local(t, field.label)}
            value={valueWords(t, field, value)}
            change={{ type: 'CHANGE', part: 'field', id: field.id }}
          />
        ))}
        {screen.documents.map(({ document, pages }) => (
          <Part
            key={document.id}
            {...p}
            label={local(t, document.label)}
            value={pages > 0 ? t('applyReviewPages', { pages }) : t('applyReviewNone')}
            change={{ type: 'CHANGE', part: 'document', id: document.id }}
          />
        ))}
        {screen.signature !== null && (
          <Part
            {...p}
            label={t('applyReviewSignature')}
            value={screen.signature ? t('applyReviewSigned') : t('applyReviewNone')}
            change={{ type: 'CHANGE', part: 'signature', id: null }}
          />
        )}
        <Part
          {...p}
          label={t('applyReviewSms')}
          value={t(screen.smsNotices ? 'applyReviewSmsYes' : 'applyReviewSmsNo')}
          change={{ type: 'CHANGE', part: 'consent', id: null }}
        />
      </ul>
    </Screen>
  );
}
