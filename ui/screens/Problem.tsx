import type { ProblemCode } from '../../src/api/kiosk-api';
import { TONE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Alerts } from './Alerts';
import type { ScreenProps } from './types';

const Attention = TONE_ICONS.attention;

export function Problem({ t, send, problem }: ScreenProps & { problem: ProblemCode }) {
  return (
    <Screen
      title={t('problemTitle')}
      tone="failure"
      actions={{ primary: { label: t('home'), onClick: () => send({ type: 'DONE' }) } }}
    >
      <Alerts messages={[t.problem(problem)]} />
      <div className="pictogram-big tone-failure">
        <Attention />
      </div>
    </Screen>
  );
}
