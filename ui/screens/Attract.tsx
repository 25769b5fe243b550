import type { ScreenProps } from './types';

export function Attract({ t, send }: ScreenProps) {
  return (
    <section className="screen center">
      <h1>{t('appTitle')}</h1>
      <p className="lead">{t('attractLead')}</p>
      <button className="button primary huge" onClick={() => send({ type: 'START' })}>
        {t('start')}
      </button>
      <p>{t('scanHint')}</p>
      <button
        className="button secondary"
        onClick={() => send({ type: 'OPEN_INFO', topicId: null })}
      >
        {t('policyInfo')}
      </button>
    </section>
  );
}
