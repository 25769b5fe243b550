import type { BillerView } from '../../src/api/kiosk-api';
import { BILLER_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import type { ScreenProps } from './types';

/** One big tile per biller, its icon and kind first (the tile's name starts with the kind). */
export function ChooseBiller({ t, send, billers }: ScreenProps & { billers: BillerView[] }) {
  return (
    <Screen
      title={t('chooseBiller')}
      actions={{
        none: 'choice',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <Tiles count={billers.length}>
        {billers.map((b) => (
          <Tile
            key={b.id}
            icon={BILLER_ICONS[b.kind]}
            label={t.kind(b.kind)}
            detail={b.paused ? t('billerPaused') : b.name[t.locale]}
            disabled={b.paused}
            onClick={() => send({ type: 'CHOOSE_BILLER', billerId: b.id })}
          />
        ))}
      </Tiles>
    </Screen>
  );
}
