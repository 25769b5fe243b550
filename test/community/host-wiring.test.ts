// The room in the running host (src/host/community-room-wiring.ts): its client on the host's own
// gateway connection (the network switch of the simulated kiosk cuts it too), its vault beside
// the journal, staff on duty from the staff desk. With the cable pulled an application is
// accepted for later; plugged back, it reaches the gateway once.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';
import { formFor, jpeg, pagesFor, png } from './fixtures';

let kiosk: TestKioskHandle;
beforeEach(async () => {
  kiosk = await startTestKiosk({
    community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 1_500 },
  });
});
afterEach(() => kiosk.stop());

it('the host runs the room: offline, an application waits encrypted beside the journal; online, it goes once', async () => {
  const room = kiosk.host.community;
  const services = await room.services();
  if (!services.ok) throw new Error(services.message);
  const service = services.value.find((s) => s.id === 'multi-person-household');
  if (!service) throw new Error('no service');
  const photos = pagesFor(service).map((d) => ({
    documentId: d.documentId,
    photos: Array.from({ length: d.pages }, () => {
      const r = room.stagePhoto({ mime: 'image/jpeg', bytes: jpeg() });
      if (!r.ok) throw new Error(r.message);
      return r.value.photoId;
    }),
  }));
  const sig = room.stagePhoto({ mime: 'image/png', bytes: png() });
  if (!sig.ok) throw new Error(sig.message);
  const vault = path.join(kiosk.dir, 'community-photos');
  expect(statSync(vault).mode & 0o777).toBe(0o700);

  kiosk.network.online = false;
  const receipt = await room.submitApplication({
    serviceId: service.id,
    billerId: 'sh-power',
    account: '3100123456',
    applicant: { name: '张明', phone: '13800138000' },
    fields: formFor(service),
    documents: photos,
    signature: { photo: sig.value.photoId, signedAt: Date.now() },
    consent: { smsNotices: true, termsVersion: '2026-01' },
  });
  expect(receipt).toMatchObject({ ok: true, state: 'pending' });
  expect(readdirSync(vault).length).toBe(photos.reduce((n, d) => n + d.photos.length, 1));

  kiosk.network.online = true;
  room.retryNow();
  const serial = receipt.ok ? receipt.serial : '';
  const deadline = Date.now() + 10_000;
  while (room.submission(serial)?.state !== 'accepted' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(room.submission(serial)?.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(readdirSync(vault)).toEqual([]);
  expect(kiosk.gateway?.stats().community[`application:${serial}`]).toMatchObject({ commits: 1 });

  // Nobody is signed in at the staff desk: the care view is refused.
  expect(kiosk.host.service.desk.onDuty()).toBeNull();
  expect(await room.care.alerts()).toMatchObject({ ok: false, reason: 'forbidden' });
}, 30_000);
