import type { ProblemCode } from '../../src/api/kiosk-api';
import type { ScreenProps } from './types';

export function Problem({ t, send, problem }: ScreenProps & { problem: ProblemCode }) {
  return (
    <section className="screen center">
      <p className="problem" role="alert">
        {t.problem(problem)}
      </p>
      <button className="button primary" onClick={() => send({ type: 'DONE' })}>
        {t('home')}
      </button>
    </section>
  );
}
