// Applying for a service: the catalogue as tiles (each service's name, its icon by its biller's
// kind: six summaries do not fit the screen at large text, so the next screen leads with it),
// and what she will need before she starts (the summary, documents, signature, account).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { Alerts } from './Alerts';
import { APPLY_PROBLEM_WORDS, local, pagesWords } from './application-words';
import type { ScreenProps } from './types';

type CatalogueScreen = Extract<KioskScreen, { name: 'applicationCatalogue' }>;
type NeedsScreen = Extract<KioskScreen, { name: 'applicationNeeds' }>;

export function ApplicationCatalogue({
  t,
  send,
  screen,
}: ScreenProps & { screen: CatalogueScreen }) {
  const back = { label: t('back'), onClick: () => send({ type: 'BACK' }) };
  return (
    <Screen
      title={t('applyCatalogueTitle')}
      actions={
        // Nothing to choose from: back is the way on.
        screen.services.length === 0 ? { primary: back } : { none: 'choice', secondary: [back] }
      }
    >
      <Alerts
        messages={[
          screen.problem && t(APPLY_PROBLEM_WORDS[screen.problem]),
          screen.services.length === 0 && !screen.problem && t('applyCatalogueEmpty'),
        ]}
      />
      <Tiles count={screen.services.length}>
        {screen.services.map((s) => (
          <Tile
            key={s.id}
            icon={BILLER_ICONS[s.billerKind]}
            label={local(t, s.name)}
            onClick={() => send({ type: 'CHOOSE_SERVICE', serviceId: s.id })}
          />
        ))}
      </Tiles>
    </Screen>
  );
}

export function ApplicationNeeds({ t, send, screen }: ScreenProps & { screen: NeedsScreen }) {
  const s = screen.service;
  return (
    <Screen
      title={local(t, s.name)}
      icon={BILLER_ICONS[s.billerKind]}
      actions={{
        primary: { label: t('applyStart'), onClick: () => send({ type: 'SERVICE_NEXT' }) },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="lead">{local(t, s.summary)}</p>
      {s.documents.length > 0 ? (
        <>
          <p>{t('applyNeedsDocuments')}</p>
          <ul className="needs">
            {s.documents.map((d) => (
              <li key={d.id}>
                {t('applyNeedsPages', { label: local(t, d.label), pages: pagesWords(t, d) })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('applyNeedsNone')}</p>
      )}
      {s.signature && <p>{t('applyNeedsSignature')}</p>}
      <p>{t('applyNeedsAccount')}</p>
    </Screen>
  );
}
