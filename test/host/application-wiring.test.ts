// Who is recorded as having assisted an application (assistedBy): only while staff who answered
// her call are with her — the person signed in now, else the last to answer a call.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/flows/session-machine';
import { whoHelps, type StaffOnHand } from '../../src/host/application-wiring';

function session() {
  return createActor(sessionMachine, {
    input: { writeOffWaitMs: 1, doneScreenMs: 1, partialCashWaitMs: 1 },
  }).start();
}

const staffRoom = (onDuty: string | null, answered: string | null): StaffOnHand => ({
  desk: { onDuty: () => (onDuty ? { staffNumber: onDuty } : null) },
  audit: {
    latest: () => (answered ? [{ actor: { staffNumber: answered } }] : []),
  },
});

describe('whoHelps', () => {
  it('is nobody while no call was answered, even with someone signed in', () => {
    const s = session();
    s.send({ type: 'CALL_STAFF' });
    expect(whoHelps(s.getSnapshot(), staffRoom('S1001', 'S1001'))).toBeNull();
  });

  it('is the person signed in, else whoever answered her call last', () => {
    const s = session();
    s.send({ type: 'CALL_STAFF' });
    s.send({ type: 'STAFF_ANSWERED' });
    expect(whoHelps(s.getSnapshot(), staffRoom('S1002', 'S1001'))).toBe('S1002');
    // The screen handed back to her with staff beside her: the mode is closed.
    expect(whoHelps(s.getSnapshot(), staffRoom(null, 'S1001'))).toBe('S1001');
  });
});
