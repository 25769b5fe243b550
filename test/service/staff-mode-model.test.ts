// The staff mode machine walked as a graph (xstate/graph): every state reachable with the taps,
// cards, locks and check answers there are. Nobody enters without a PIN checked, a PIN never
// outlives its check, every open mode can always be closed, and staff never reach a
// technician's screen.
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { StaffScreenName } from '../../src/api/kiosk-api';
import type { AuthResult, AuthenticatedPerson } from '../../src/service/authenticator';
import { can } from '../../src/service/roles';
import {
  SCREEN_ACTION,
  staffModeMachine,
  type ModeEvent,
} from '../../src/service/staff-mode-machine';

type ModeSnapshot = SnapshotFrom<typeof staffModeMachine>;

const person = (role: 'staff' | 'technician') =>
  ({
    staffNumber: role === 'staff' ? '1001' : '2001',
    name: 'x',
    role,
  }) as unknown as AuthenticatedPerson;

const ANSWERS: AuthResult[] = [
  { ok: true, person: person('staff') },
  { ok: true, person: person('technician') },
  { ok: false, reason: 'wrong_pin', triesLeft: 3 },
  { ok: false, reason: 'locked', triesLeft: 0, lockedUntil: 1 },
  { ok: false, reason: 'unknown' },
];

function events(s: ModeSnapshot): ModeEvent[] {
  const list: ModeEvent[] = [
    { type: 'STAFF_SIGN_IN' },
    { type: 'STAFF_CARD', uid: '04A1B2C3' },
    { type: 'STAFF_KEY', key: '7' },
    { type: 'STAFF_KEY', key: 'clear' },
    { type: 'STAFF_SUBMIT' },
    { type: 'STAFF_LOCK' },
    { type: 'CARD_REMOVED' },
    { type: 'LOCKED' },
    { type: 'STAFF_OPEN', screen: null },
    ...StaffScreenName.options.map((screen): ModeEvent => ({ type: 'STAFF_OPEN', screen })),
    { type: 'STAFF_DEVICE', kind: 'printer' },
  ];
  if (s.matches({ signIn: 'checking' })) {
    for (const output of ANSWERS) {
      list.push({
        type: 'xstate.done.actor.0.staffMode.signIn.checking',
        output,
      } as unknown as ModeEvent);
    }
    list.push({
      type: 'xstate.error.actor.0.staffMode.signIn.checking',
      error: new Error('down'),
    } as unknown as ModeEvent);
  }
  return list;
}

function key(s: ModeSnapshot): string {
  const c = s.context;
  return JSON.stringify([
    s.value,
    c.by,
    c.cardUid !== null,
    c.staffNumber.length,
    c.pin.length,
    c.person?.role ?? null,
    c.problem,
    c.screen,
    c.device,
  ]);
}

const map = getAdjacencyMap(staffModeMachine, { events, serializeState: key });
interface Node {
  state: ModeSnapshot;
  transitions: Record<string, { state: ModeSnapshot }>;
}
const nodes = Object.values(map) as unknown as Node[];

describe('the staff mode machine as a graph', () => {
  it('is walked whole: sign-in both ways, every answer, every screen', () => {
    expect(nodes.length).toBeGreaterThan(100);
    expect(nodes.some((n) => n.state.matches({ open: 'screen' }))).toBe(true);
    expect(nodes.some((n) => n.state.context.problem === 'locked')).toBe(true);
  });

  it('enters open only from a check that said yes, with a person', () => {
    let entries = 0;
    for (const { state, transitions } of nodes) {
      for (const [eventKey, { state: next }] of Object.entries(transitions)) {
        if (!next.matches('open') || state.matches('open')) continue;
        entries++;
        expect(state.matches({ signIn: 'checking' }), eventKey).toBe(true);
        expect(JSON.parse(eventKey)).toMatchObject({ output: { ok: true } });
        expect(next.context.person).not.toBeNull();
      }
    }
    expect(entries).toBeGreaterThan(0);
    for (const { state } of nodes) {
      if (state.matches('open')) expect(state.context.person).not.toBeNull();
      else expect(state.context.person).toBeNull();
    }
  });

  it('keeps a PIN only while it is typed: never in an open mode, never after a check', () => {
    for (const { state } of nodes) {
      if (!state.matches({ signIn: 'pin' }) && !state.matches({ signIn: 'checking' })) {
        expect(state.context.pin, JSON.stringify(state.value)).toBe('');
      }
    }
  });

  it('closes from every state by leave and by the auto-lock; a sign-in by card when its card goes', () => {
    for (const { state, transitions } of nodes) {
      if (state.matches('closed')) continue;
      for (const e of [{ type: 'STAFF_LOCK' }, { type: 'LOCKED' }]) {
        const next = transitions[JSON.stringify(e)]?.state;
        // checking: the answer comes first; a lock then closes the mode it opened.
        if (state.matches({ signIn: 'checking' })) continue;
        expect(next?.matches('closed'), `${e.type} from ${JSON.stringify(state.value)}`).toBe(true);
      }
      // A sign-in by card ends with its card; an open mode's removal is the auto-lock's to judge
      // (test/service/card-hand-over.test.ts), which closes it by LOCKED.
      const removed = transitions[JSON.stringify({ type: 'CARD_REMOVED' })]?.state;
      if (
        state.context.by === 'card' &&
        state.matches('signIn') &&
        !state.matches({ signIn: 'checking' })
      ) {
        expect(removed?.matches('closed')).toBe(true);
      }
    }
  });

  it('never shows a screen the signed-in role may not open (staff never reach service mode)', () => {
    let staffOpen = 0;
    for (const { state } of nodes) {
      const { person: p, screen } = state.context;
      if (!state.matches({ open: 'screen' }) || !p || !screen) continue;
      if (p.role === 'staff') staffOpen++;
      expect(can(p.role, SCREEN_ACTION[screen]), `${p.role} on ${screen}`).toBe(true);
    }
    expect(staffOpen).toBeGreaterThan(0);
  });
});
