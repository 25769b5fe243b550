// The terminal's front as config says it is reaches the screen: every snapshot carries it, and
// the KioskApi's schema holds it to the same rule as the config (every part on one side).
import { afterEach, describe, expect, it } from 'vitest';
import { FrontPanel, Snapshot } from '../../src/api/kiosk-api';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

let kiosk: TestKioskHandle | null = null;
afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
});

describe("the terminal's front", () => {
  it('goes from config into every snapshot', async () => {
    const frontPanel = { left: ['receipt'], right: ['scanner'], below: ['notes'] } as const;
    kiosk = await startTestKiosk({
      frontPanel: { left: ['receipt'], right: ['scanner'], below: ['notes'] },
    });
    const snapshot = kiosk.host.latest();
    expect(snapshot.frontPanel).toEqual(frontPanel);
    expect(Snapshot.safeParse(snapshot).success).toBe(true);
  });

  it('is refused by the KioskApi with a part missing or twice', () => {
    expect(FrontPanel.safeParse({ left: [], right: ['notes'], below: ['scanner'] }).success).toBe(
      false,
    );
    expect(
      FrontPanel.safeParse({ left: ['notes'], right: ['notes', 'receipt'], below: ['scanner'] })
        .success,
    ).toBe(false);
    expect(
      FrontPanel.safeParse({ left: ['receipt'], right: ['notes'], below: ['scanner'] }).success,
    ).toBe(true);
  });
});
