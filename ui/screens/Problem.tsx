import type { ProblemCode } from '../../src/api/kiosk-api';
import { Alerts } from './Alerts';
import type { ScreenProps } from './types';

export function Problem({ t, send, problem }: ScreenProps & { problem: ProblemCode }) {
  return (
    <section className="screen center">
      <h1>{t('problemTitle')}</h1>
      <Alerts messages={[t.problem(problem)]} />
      <div className="actions">
        <button className="button primary" onClick={() => send({ type: 'DONE' })}>
          {t('home')}
        </button>
      </div>
    </section>
  );
}
