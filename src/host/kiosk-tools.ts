// What the service screens act on, built from the running host: each device's diagnose(), a
// signed gateway check (reachability, latency, clock difference), a test page that takes no
// money, and the kiosk's service state. The staff desk (src/service/) sees only this face.
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { DeviceDiagnosis } from '../../drivers/diagnosis';
import type { DeviceView, GatewayCheck, OutOfServiceReason } from '../api/kiosk-api';
import type { GatewayClient } from '../gateway/client';
import { testPage } from '../receipts/test-page';
import { classifyScan } from '../scanning/classify-scan';
import { compileScanPatterns } from '../scanning/scan-patterns';
import type { DiagnosticTools } from '../service/diagnostic-tests';
import type { KioskTools } from '../service/staff-desk';
import type { MonotonicClock } from '../time/monotonic';
import type { ReceiptService } from './receipt-service';

export function kioskTools(o: {
  terminalId: string;
  devices: () => (DeviceDiagnosis | null | undefined)[];
  gateway: Pick<GatewayClient, 'billers'>;
  receipts: ReceiptService;
  clock: () => number;
  monotonic: MonotonicClock;
  service: () => { inService: boolean; reason: OutOfServiceReason | null };
  setService: (inService: boolean, reason: OutOfServiceReason | null) => void;
  writeBundle: KioskTools['writeBundle'];
  diagnostics?: DiagnosticTools;
}): KioskTools {
  return {
    devices: () => o.devices().flatMap((d) => (d ? [deviceView(d)] : [])),
    checkGateway: () => checkGateway(o.gateway, o.clock, o.monotonic),
    async printTestPage() {
      const issued = await o.receipts.issue(
        testPage({ terminalId: o.terminalId, at: o.clock(), reason: 'service' }),
      );
      return { printed: issued.printed, problem: issued.failure };
    },
    service: o.service,
    setService: o.setService,
    printer: () => o.receipts.printerState(),
    writeBundle: o.writeBundle,
    ...(o.diagnostics ? { diagnostics: o.diagnostics } : {}),
  };
}

/**
 * The diagnostics tests' devices: the acceptor's own test mode (every note handed back, told by
 * value) and the scan classifier with the gateway's patterns (its class only, never the text).
 */
export function diagnosticTools(o: {
  acceptor: Pick<BillAcceptor, 'startTest' | 'stopTest'>;
  gateway: Pick<GatewayClient, 'billers'>;
}): DiagnosticTools {
  return {
    acceptorTest(onNote) {
      if (onNote === null) {
        o.acceptor.stopTest();
        return true;
      }
      return o.acceptor.startTest(onNote);
    },
    async scanClass(text) {
      const billers = await o.gateway.billers();
      const scan = classifyScan(text, compileScanPatterns(billers.ok ? billers.body.billers : []));
      return scan.kind === 'junk' ? 'unknown' : scan.kind;
    },
  };
}

/** The diagnosis as the screen carries it (the wire schema's fields, nothing more). */
function deviceView(d: DeviceDiagnosis): DeviceView {
  return {
    kind: d.kind,
    driver: d.driver,
    port: d.port,
    model: d.model,
    firmware: d.firmware,
    status: d.status,
    detail: d.detail,
    counters: { ...d.counters },
    events: d.events.map((e) => ({ at: e.at, level: e.level, text: e.text.slice(0, 300) })),
  };
}

/** One signed request (the billers list): reachable, how fast, and how far apart the clocks are. */
export async function checkGateway(
  gateway: Pick<GatewayClient, 'billers'>,
  clock: () => number,
  monotonic: MonotonicClock,
): Promise<GatewayCheck> {
  const started = monotonic();
  const reply = await gateway.billers();
  const latencyMs = Math.round(monotonic() - started);
  if (!reply.ok) {
    const problem =
      reply.kind === 'unreachable'
        ? `unreachable (${reply.reason})`
        : reply.kind === 'error'
          ? `${reply.status} ${reply.code}`
          : `bad reply (${reply.reason})`;
    return {
      reachable: reply.kind !== 'unreachable',
      latencyMs: reply.kind === 'unreachable' ? null : latencyMs,
      clockDifferenceMs: null,
      problem,
    };
  }
  // The Date header has whole seconds: the difference is good to about a second.
  const clockDifferenceMs =
    reply.serverDateMs === undefined ? null : reply.serverDateMs - (clock() - latencyMs / 2);
  return {
    reachable: true,
    latencyMs,
    clockDifferenceMs: clockDifferenceMs === null ? null : Math.round(clockDifferenceMs),
    problem: null,
  };
}
