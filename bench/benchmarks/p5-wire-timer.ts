// Times escrow decisions on the wire, between an acceptor emulator and the driver: from the
// moment the acceptor sends the frame that puts a note in escrow to the moment the host writes
// its decision (ID-003 STACK-1/STACK-2/RETURN; SSP the accepting POLL or REJECT).
import { Cmd, Status } from '../../drivers/bill-acceptor/id003/codes';
import { FrameParser } from '../../drivers/bill-acceptor/id003/frame';
import { SspFrameParser } from '../../drivers/bill-acceptor/ssp/frame';
import type { AcceptorEmulator, AcceptorProtocol } from '../../sim/devices/acceptor-emulator';
import type { EmulatedDevice } from '../../sim/devices/emulator-binding';

const SSP_POLL = 0x07;
const SSP_REJECT = 0x08;
const SSP_READ_NOTE = 0xef;

export interface WireTimer {
  device: EmulatedDevice;
  /** Escrow → decision, ms, one per note. */
  latencies: number[];
}

export function wireTimer(protocol: AcceptorProtocol, emulator: AcceptorEmulator): WireTimer {
  const latencies: number[] = [];
  let escrowAt: number | null = null;
  const id003 = { fromDevice: new FrameParser(), fromHost: new FrameParser() };
  const ssp = { fromDevice: new SspFrameParser(), fromHost: new SspFrameParser() };

  const deviceSent = (bytes: Buffer) => {
    if (protocol === 'id003') {
      for (const f of id003.fromDevice.push(bytes)) {
        if (f.cmd === Status.ESCROW && escrowAt === null) escrowAt = performance.now();
      }
      return;
    }
    for (const f of ssp.fromDevice.push(bytes)) {
      // READ NOTE with a channel: the note is in escrow (EF 00 means still reading).
      const i = f.data.indexOf(SSP_READ_NOTE, 1);
      if (i > 0 && (f.data[i + 1] ?? 0) !== 0 && escrowAt === null) escrowAt = performance.now();
    }
  };
  const hostWrote = (bytes: Buffer) => {
    const decided =
      protocol === 'id003'
        ? id003.fromHost
            .push(bytes)
            .some((f) => f.cmd === Cmd.STACK_1 || f.cmd === Cmd.STACK_2 || f.cmd === Cmd.RETURN)
        : ssp.fromHost.push(bytes).some((f) => f.data[0] === SSP_POLL || f.data[0] === SSP_REJECT);
    if (decided && escrowAt !== null) {
      latencies.push(performance.now() - escrowAt);
      escrowAt = null;
    }
  };

  return {
    latencies,
    device: {
      receive(bytes) {
        hostWrote(bytes);
        emulator.receive(bytes);
      },
      onTransmit(cb) {
        emulator.onTransmit((bytes) => {
          deviceSent(Buffer.from(bytes));
          cb(bytes);
        });
      },
    },
  };
}
