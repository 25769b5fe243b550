import { useState } from 'react';
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { useSay } from '../voice/voice-context';
import { topicPage } from './info-pages';
import type { ScreenProps } from './types';

type InfoScreen = Extract<KioskScreen, { name: 'info' }>;

/**
 * The information centre: a page of topics to choose from, or one topic to read. Back from a
 * topic goes where she came from (the list, or the idle screen that showed it).
 */
export function Info({ t, send, screen }: ScreenProps & { screen: InfoScreen }) {
  if (screen.topic) {
    return (
      <Screen
        title={screen.topic.title}
        icon={SERVICE_ICONS.info}
        actions={{
          primary: { label: t('back'), onClick: () => send({ type: 'BACK' }) },
          // Opened on the idle screen (back goes there): every topic is one tap away.
          secondary:
            screen.openedFrom === 'attract'
              ? [
                  {
                    label: t('allTopics'),
                    onClick: () => send({ type: 'OPEN_INFO', topicId: null }),
                  },
                ]
              : [],
        }}
      >
        <div className="reading">
          {screen.topic.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      </Screen>
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
    <Screen
      title={t('policyInfo')}
      icon={SERVICE_ICONS.info}
      actions={{
        none: 'choice',
        secondary: [
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
          ...(shown.pages > 1 ? [{ label: t('moreTopics'), onClick: nextPage }] : []),
        ],
      }}
    >
      <p>
        {t('infoChoose')}
        {shown.pages > 1 && ` ${t('topicPageOf', { page: shown.page + 1, pages: shown.pages })}`}
      </p>
      <Tiles count={shown.shown.length}>
        {shown.shown.map((topic) => (
          <Tile
            key={topic.id}
            icon={SERVICE_ICONS.info}
            label={topic.title}
            onClick={() => send({ type: 'OPEN_INFO', topicId: topic.id })}
          />
        ))}
      </Tiles>
    </Screen>
  );
}
