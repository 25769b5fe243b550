import type { Screen } from '../../src/api/kiosk-api';
import type { ScreenProps } from './types';
import { useRotation } from './use-rotation';

type AttractScreen = Extract<Screen, { name: 'attract' }>;

/**
 * Long enough to read a topic's first paragraph slowly twice; the whole topic is one tap away
 * and does not move. Nothing slides or fades: the text is simply replaced.
 */
export const HIGHLIGHT_PERIOD_MS = 20_000;

export function Attract({ t, send, screen }: ScreenProps & { screen: AttractScreen }) {
  const index = useRotation(screen.highlights.length, HIGHLIGHT_PERIOD_MS);
  const highlight = screen.highlights[index];
  return (
    <section className="screen attract">
      <div className="attract-main">
        <h1>{t('appTitle')}</h1>
        <p className="lead">{t('attractLead')}</p>
        <button className="button primary huge" onClick={() => send({ type: 'START' })}>
          {t('start')}
        </button>
        <p>{t('scanHint')}</p>
      </div>
      {highlight ? (
        <aside className="highlight" aria-labelledby="highlight-heading" data-topic={highlight.id}>
          <h2 id="highlight-heading">{t('policyInfo')}</h2>
          <p className="highlight-title">{highlight.title}</p>
          <p>{highlight.summary}</p>
          <div className="actions">
            <button
              className="button secondary"
              onClick={() => send({ type: 'OPEN_INFO', topicId: highlight.id })}
            >
              {t('readMore')}
            </button>
            <button
              className="button secondary"
              onClick={() => send({ type: 'OPEN_INFO', topicId: null })}
            >
              {t('allTopics')}
            </button>
          </div>
        </aside>
      ) : (
        <button
          className="button secondary"
          onClick={() => send({ type: 'OPEN_INFO', topicId: null })}
        >
          {t('policyInfo')}
        </button>
      )}
    </section>
  );
}
