// What the resident sees at the service point: a pure function of its state (UI = f(snapshot)).
import type { SnapshotFrom } from 'xstate';
import type { Screen } from '../../api/kiosk-api';
import type { servicePointMachine, ServicePointContext } from './service-point-machine';

export type ServicePointSnapshot = SnapshotFrom<typeof servicePointMachine>;
export type ServicePointState = ServicePointSnapshot['value'];

const entry =
  (step: 'code' | 'last4') =>
  (c: ServicePointContext): Screen => ({
    name: 'progressEntry',
    step,
    code: c.code,
    last4: c.last4,
    problem: c.problem,
  });

/** Each state → its screen. A new state without a screen fails the typecheck here. */
const SCREENS: { [S in ServicePointState]: (c: ServicePointContext) => Screen } = {
  home: () => ({ name: 'serviceHome' }),
  enterCode: entry('code'),
  enterLast4: entry('last4'),
  lookingUp: () => ({ name: 'progressLookingUp' }),
  lookingUpScan: () => ({ name: 'progressLookingUp' }),
  progress: (c) => (c.progress ? { name: 'progress', ...c.progress } : { name: 'serviceHome' }),
  applying: (c) => c.application ?? { name: 'applicationWorking', step: 'catalogue' },
  left: () => ({ name: 'serviceHome' }),
};

export function servicePointScreenOf(s: ServicePointSnapshot): Screen {
  return SCREENS[s.value](s.context);
}
