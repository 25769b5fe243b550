// What the resident sees at the service point: a pure function of its state (UI = f(snapshot)).
import type { SnapshotFrom } from 'xstate';
import type { Screen } from '../../api/kiosk-api';
import {
  canAddNow,
  type servicePointMachine,
  type ServicePointContext,
} from './service-point-machine';

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

function progress(c: ServicePointContext): Screen {
  const p = c.progress;
  if (!p) return { name: 'serviceHome' };
  return {
    name: 'progress',
    trackingCode: p.trackingCode,
    status: p.status,
    timeline: p.timeline,
    nextStep: p.nextStep,
    reason: p.reason,
    requested: p.requested.map((r) => ({ documentId: r.documentId, label: r.label })),
    addNow: canAddNow(p),
  };
}

/** Each state → its screen. A new state without a screen fails the typecheck here. */
const SCREENS: { [S in ServicePointState]: (c: ServicePointContext) => Screen } = {
  home: () => ({ name: 'serviceHome' }),
  enterCode: entry('code'),
  enterLast4: entry('last4'),
  lookingUp: () => ({ name: 'progressLookingUp' }),
  lookingUpScan: () => ({ name: 'progressLookingUp' }),
  progress,
  applying: (c) => c.child ?? { name: 'applicationWorking', step: 'catalogue' },
  invoice: (c) => c.child ?? { name: 'invoiceWorking', task: 'account' },
  addingDocuments: (c) => c.child ?? { name: 'addDocumentsSending' },
  refreshing: () => ({ name: 'progressLookingUp' }),
  left: () => ({ name: 'serviceHome' }),
};

export function servicePointScreenOf(s: ServicePointSnapshot): Screen {
  return SCREENS[s.value](s.context);
}
