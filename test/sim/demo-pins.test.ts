// The demo's PINs: set once as on a real terminal (the technician's at the console, the rest by
// that technician), printed for the person trying the demo, and they open staff mode.
import { describe, expect, it } from 'vitest';
import { DEMO_PINS, setDemoPins } from '../../sim/demo-pins';
import { startTestKiosk } from '../support/kiosk-fixture';

describe('the demo PINs', () => {
  it('are set at the first start, kept at the next, and each signs its person in', async () => {
    const people = [
      { staffNumber: '9001', name: '李*', role: 'technician' as const },
      { staffNumber: '1001', name: '王*', role: 'staff' as const },
    ];
    const kiosk = await startTestKiosk({ people });
    try {
      const { service } = kiosk.host;
      const lines = await setDemoPins(service, people);
      expect(lines).toEqual([
        `technician 9001 (李*): PIN ${DEMO_PINS.technician}`,
        `staff 1001 (王*): PIN ${DEMO_PINS.staff}`,
      ]);
      expect(await setDemoPins(service, people)).toEqual(lines);
      for (const p of people) {
        const r = await service.auth.authenticate(
          { staffNumber: p.staffNumber },
          DEMO_PINS[p.role],
        );
        expect(r.ok, p.staffNumber).toBe(true);
      }
    } finally {
      await kiosk.stop();
    }
  });
});
