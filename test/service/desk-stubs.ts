// Stand-ins for the staff desk's ports when a test drives the desk itself: devices and tools
// that always answer, and no journal screens; and the desk itself on a customer's session
// machine (deskRig), signed into by 王芳 with PIN 731604.
import { vi } from 'vitest';
import { createActor } from 'xstate';
import type { Key } from '../../src/api/kiosk-api';
import { sessionMachine } from '../../src/flows/session-machine';
import type { AssistedScreens } from '../../src/service/assisted-screens';
import type { AuditEntry, AuditLog } from '../../src/service/audit-log';
import type { AuthResult, AuthenticatedPerson } from '../../src/service/authenticator';
import type { ReceiptScreens } from '../../src/service/receipt-screens';
import { startStaffDesk, type KioskTools } from '../../src/service/staff-desk';

export const STUB_TOOLS: KioskTools = {
  devices: () => [],
  checkGateway: async () => ({
    reachable: true,
    latencyMs: 1,
    clockDifferenceMs: 0,
    problem: null,
  }),
  printTestPage: async () => ({ printed: true, problem: null }),
  service: () => ({ inService: true, reason: null }),
  setService: () => undefined,
  printer: () => 'ok',
  writeBundle: async () => ({ file: '/media/usb/k.tar.gz', bytes: 1, sha256: 'a'.repeat(64) }),
};

/** The journal's screens are not opened: a stand-in that only resets. */
export const NO_ASSISTED = {
  reset: () => undefined,
  typed: () => false,
  scanned: () => false,
} as unknown as AssistedScreens;

/** The receipt screens (reprint, reversal, PINs) are not opened either. */
export const NO_RECEIPTS = {
  reset: () => undefined,
  typed: () => null,
  scanned: () => false,
  awaitsApprover: () => false,
  inApproval: () => false,
} as unknown as ReceiptScreens;

export const TIMING = { writeOffWaitMs: 60_000, doneScreenMs: 60_000, partialCashWaitMs: 60_000 };
export const WANG = {
  staffNumber: '1001',
  name: '王芳',
  role: 'staff',
} as unknown as AuthenticatedPerson;
export const WANG_PIN = '731604';

/**
 * The staff desk over a customer's session machine (its own timers: use fake ones), with the
 * given receipt screens; `keys` types on the staff keypad and lets the desk answer.
 */
export function deskRig(receipts: ReceiptScreens = NO_RECEIPTS) {
  const session = createActor(sessionMachine, { input: TIMING }).start();
  const audited: AuditEntry[] = [];
  const desk = startStaffDesk({
    authenticate: async (_c, pin): Promise<AuthResult> =>
      pin === WANG_PIN ? { ok: true, person: WANG } : { ok: false, reason: 'wrong_pin' },
    audit: { append: (e: AuditEntry) => audited.push(e) } as unknown as AuditLog,
    assisted: NO_ASSISTED,
    receipts,
    tools: STUB_TOOLS,
    session: { snapshot: () => session.getSnapshot(), send: (e) => session.send(e) },
    monotonic: () => Date.now(),
    log: { info: () => undefined, warn: () => undefined },
  });
  const keys = async (digits: string) => {
    for (const d of digits) desk.handle({ type: 'STAFF_KEY', key: d as Key });
    await vi.advanceTimersByTimeAsync(1);
  };
  return { session, desk, audited, keys };
}
