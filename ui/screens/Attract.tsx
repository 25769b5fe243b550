import { BillerKind, type Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS, SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import type { ScreenProps } from './types';
import { useRotation } from './use-rotation';

type AttractScreen = Extract<KioskScreen, { name: 'attract' }>;

/**
 * Long enough to read a topic's first paragraph slowly twice; the whole topic is one tap away
 * and does not move. Nothing slides or fades: the text is simply replaced.
 */
export const HIGHLIGHT_PERIOD_MS = 20_000;

const InfoIcon = SERVICE_ICONS.info;

/**
 * The idle screen: what can be paid here (each with its icon), the way in, the scanner on this
 * terminal's front for a bill's code, and the information centre's topics in turn.
 */
export function Attract({ t, send, screen }: ScreenProps & { screen: AttractScreen }) {
  const index = useRotation(screen.highlights.length, HIGHLIGHT_PERIOD_MS);
  const highlight = screen.highlights[index];
  return (
    <Screen
      title={t('appTitle')}
      className="attract"
      actions={{
        primary: { label: t('start'), onClick: () => send({ type: 'START' }) },
        secondary: [
          { label: t('communityServices'), onClick: () => send({ type: 'OPEN_SERVICES' }) },
          ...(highlight
            ? []
            : [
                {
                  label: t('policyInfo'),
                  onClick: () => send({ type: 'OPEN_INFO', topicId: null }),
                },
              ]),
        ],
      }}
    >
      <div className="attract-main">
        <div className="attract-ways">
          <ul className="attract-billers">
            {BillerKind.options.map((kind) => {
              const KindIcon = BILLER_ICONS[kind];
              return (
                <li key={kind}>
                  <KindIcon />
                  <span>{t.kind(kind)}</span>
                </li>
              );
            })}
          </ul>
          <p>{t('scanHint')}</p>
          <TerminalFront t={t} part="scanner" />
        </div>
        {highlight && (
          <aside
            className="highlight"
            aria-labelledby="highlight-heading"
            data-topic={highlight.id}
          >
            <h2 id="highlight-heading">
              <InfoIcon />
              {t('policyInfo')}
            </h2>
            <p className="highlight-title">{highlight.title}</p>
            <p>{highlight.summary}</p>
            <button
              className="button secondary"
              onClick={() => send({ type: 'OPEN_INFO', topicId: highlight.id })}
            >
              {t('readMore')}
            </button>
          </aside>
        )}
      </div>
    </Screen>
  );
}
