// The emulated acceptor's faults and state in the developer panel: jams, stacker full/open,
// cheat, failure, a rejected note, power cuts at each step of a note, and a bad line. Every
// button is one control API call; the figures come from the panel's state poll.
import type { AcceptorState } from '../control/acceptor-protocol';
import { acceptorControl as c } from './control-client';

type Act = (p: Promise<{ message: string }>) => void;

const FAULTS = [
  ['jamInAcceptor', 'Jam in acceptor'],
  ['jamInStacker', 'Jam in stacker'],
  ['stackerFull', 'Stacker full'],
  ['stackerOpen', 'Stacker open'],
  ['cheated', 'Cheat'],
  ['failure', 'Failure'],
] as const;

const POWER = [
  ['now', 'Power loss now'],
  ['inEscrow', 'Power loss in escrow'],
  ['whileStacking', 'Power loss while stacking'],
] as const;

const PROTOCOL_NAMES = { id003: 'ID-003', ssp: 'SSP' } as const;

const yuan = (notes: readonly number[]) => notes.map((v) => v / 100).join(', ') || 'none';

export function AcceptorPanel({ s, act }: { s: AcceptorState; act: Act }) {
  const byValue = Object.entries(s.counters.byValue)
    .map(([v, n]) => `${Number(v) / 100}×${n}`)
    .join(', ');
  return (
    <>
      <p>
        {PROTOCOL_NAMES[s.protocol]} emulator:{' '}
        <strong data-testid="acceptor-state">{s.state}</strong>
        {s.fault && <> · fault {s.fault}</>}
        {s.powerLoss && <> · power loss {s.powerLoss}</>}
      </p>
      <div className="row">
        <button onClick={() => act(c.rejectNext())}>Reject next note</button>
      </div>
      <h3>Faults</h3>
      <div className="row">
        {FAULTS.map(([fault, label]) => (
          <button key={fault} onClick={() => act(c.setFault(fault))}>
            {label}
          </button>
        ))}
        <button onClick={() => act(c.setFault(null))}>Clear fault</button>
      </div>
      <h3>Power</h3>
      <div className="row">
        {POWER.map(([at, label]) => (
          <button key={at} onClick={() => act(c.powerLoss(at))}>
            {label}
          </button>
        ))}
        <button onClick={() => act(c.powerOn())}>Power on</button>
      </div>
      <h3>Line</h3>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={s.line.silent}
            onChange={(e) => act(c.setLine({ silent: e.target.checked }))}
          />
          Silence
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={s.line.splitFrames}
            onChange={(e) => act(c.setLine({ splitFrames: e.target.checked }))}
          />
          Split frames
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={s.line.mergeFrames}
            onChange={(e) => act(c.setLine({ mergeFrames: e.target.checked }))}
          />
          Merge frames
        </label>
        <button onClick={() => act(c.setLine({ badCrcFrames: 3 }))}>
          Bad CRC ×3{s.line.badCrcFrames > 0 ? ` (${s.line.badCrcFrames} left)` : ''}
        </button>
      </div>
      <h3>Counters</h3>
      <p data-testid="acceptor-counters">
        {s.counters.stacked} stacked{byValue && ` (${byValue})`}
      </p>
      <p>Credited: {yuan(s.log.credited)}</p>
      <p>Returned: {yuan(s.log.returned)}</p>
    </>
  );
}
