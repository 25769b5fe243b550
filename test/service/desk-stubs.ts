// Stand-ins for the staff desk's ports when a test drives the desk itself: devices and tools
// that always answer, and no journal screens.
import type { AssistedScreens } from '../../src/service/assisted-screens';
import type { ReceiptScreens } from '../../src/service/receipt-screens';
import type { KioskTools } from '../../src/service/staff-desk';

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
