// The control API's side of an emulated bill acceptor: each script command of AcceptorEmulator
// answered with a ControlReply, and the state the panel and the tests read (with the log of
// every note the emulator stacked, returned or credited). Protocol-neutral: it sees only the
// AcceptorEmulator interface, so ID-003 and SSP emulators are driven alike.
import type { z } from 'zod';
import type {
  AcceptorEmulator,
  AcceptorFault,
  LineFaults,
  PowerLossPoint,
} from './devices/acceptor-emulator';
import type {
  AcceptorFaultName,
  AcceptorState,
  PowerLossPoint as PowerLossName,
} from './control/acceptor-protocol';
import type { ControlReply } from './control/protocol';

// The control protocol spells the emulator's enums out (it is browser code and may not import
// them): these fail to compile when the two lists drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const faultsAgree: Same<AcceptorFault, z.infer<typeof AcceptorFaultName>> = true;
const pointsAgree: Same<PowerLossPoint, z.infer<typeof PowerLossName>> = true;
void faultsAgree;
void pointsAgree;

const yuan = (fen: number) => `${fen / 100} yuan`;

export class AcceptorControl {
  private fault: AcceptorFault | null = null;
  private powerLoss: PowerLossPoint | null = null;
  private readonly log: AcceptorState['log'] = { stacked: [], returned: [], credited: [] };

  constructor(readonly emulator: AcceptorEmulator) {
    emulator.events.on('stacked', (v) => this.log.stacked.push(v));
    emulator.events.on('returned', (v) => this.log.returned.push(v));
    emulator.events.on('credited', (v) => this.log.credited.push(v));
  }

  insertNote(value: number): ControlReply {
    return this.emulator.insertNote(value)
      ? { ok: true, message: `inserted ${yuan(value)}` }
      : { ok: false, message: `the acceptor refused the note (state ${this.emulator.state})` };
  }

  rejectNext(reason?: number): ControlReply {
    this.emulator.rejectNext(reason);
    const why = reason === undefined ? '' : ` (reason 0x${reason.toString(16)})`;
    return { ok: true, message: `the next note will be rejected${why}` };
  }

  setFault(fault: AcceptorFault | null): ControlReply {
    this.emulator.setFault(fault);
    this.fault = fault;
    return { ok: true, message: fault ? `fault: ${fault}` : 'fault cleared' };
  }

  cutPower(at: PowerLossPoint): ControlReply {
    this.emulator.powerLoss(at);
    this.powerLoss = at;
    return { ok: true, message: at === 'now' ? 'power cut' : `power will fail ${at}` };
  }

  restorePower(): ControlReply {
    this.emulator.powerOn();
    this.powerLoss = null;
    return { ok: true, message: 'power restored' };
  }

  setLine(patch: Partial<LineFaults>): ControlReply {
    Object.assign(this.emulator.line, patch);
    return { ok: true, message: `line: ${JSON.stringify(this.emulator.line)}` };
  }

  state(): AcceptorState {
    const e = this.emulator;
    const counters = e.counters();
    return {
      protocol: e.protocol,
      state: e.state,
      denominations: [...e.denominations],
      fault: this.fault,
      powerLoss: this.powerLoss,
      line: { ...e.line },
      counters: { stacked: counters.stacked, byValue: { ...counters.byValue } },
      log: {
        stacked: [...this.log.stacked],
        returned: [...this.log.returned],
        credited: [...this.log.credited],
      },
    };
  }
}
