import { useState } from 'react';
import type { Screen } from '../../src/api/kiosk-api';
import { useSay } from '../voice/voice-context';
import { Decide } from './Decide';
import { topicPage } from './info-pages';
import type { ScreenProps } from './types';

type InfoScreen = Extract<Screen, { name: 'info' }>;

/**
 * The information centre: a page of topics to choose from, or one topic to read. Back from a
 * topic goes where she came from (the list, or the idle screen that showed it).
 */
export function Info({ t, send, screen }: ScreenProps & { screen: InfoScreen }) {
  if (screen.topic) {
    return (
      <section className="screen">
        <h1>{screen.topic.title}</h1>
        <Decide
          actions={
            <button className="button primary" onClick={() => send({ type: 'BACK' })}>
              {t('back')}
            </button>
          }
        >
          <div className="reading">
            {screen.topic.paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </Decide>
      </section>
    );
  }
  return <TopicList t={t} send={send} topics={screen.topics} />;
}

function TopicList({ t, send, topics }: ScreenProps & { topics: InfoScreen['topics'] }) {
  const [page, setPage] = useState(0);
  const say = useSay();
  const shown = topicPage(topics, page);
  const nextPage = () => {
    const next = topicPage(topics, shown.page + 1);
    setPage(next.page);
    say(t('voiceInfoList', { titles: t.list(next.shown.map((x) => x.title)) }));
  };
  return (
    <section className="screen">
      {/* What to do, as the heading: one line fewer, so six topics fit at the largest text. */}
      <h1>{t('infoChoose')}</h1>
      {shown.pages > 1 && <p>{t('topicPageOf', { page: shown.page + 1, pages: shown.pages })}</p>}
      <div className="choices">
        {shown.shown.map((topic) => (
          <button
            key={topic.id}
            className="button choice"
            onClick={() => send({ type: 'OPEN_INFO', topicId: topic.id })}
          >
            {topic.title}
          </button>
        ))}
      </div>
      <div className="actions">
        <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
          {t('back')}
        </button>
        {shown.pages > 1 && (
          <button className="button secondary" onClick={nextPage}>
            {t('moreTopics')}
          </button>
        )}
      </div>
    </section>
  );
}
