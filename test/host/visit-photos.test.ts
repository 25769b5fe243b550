// A visit's photos that no request claimed are gone when the visit ends (src/host/visit-photos.ts):
// the running host, a resident at the service point who photographs a page and then cancels.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discardPhotosAfterVisits } from '../../src/host/visit-photos';
import type { SessionSnapshot } from '../../src/flows/session-view';
import { jpeg } from '../community/fixtures';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

let kiosk: TestKioskHandle;
beforeEach(async () => {
  kiosk = await startTestKiosk();
}, 30_000);
afterEach(() => kiosk?.stop());

const photoRow = (id: number) =>
  kiosk.host.money.db
    .prepare('SELECT state, purge_reason AS reason, file FROM community_upload WHERE id = ?')
    .get(id) as { state: string; reason: string | null; file: string | null };

function stage(seed: number): { id: number; file: string } {
  const r = kiosk.host.community.stagePhoto({ mime: 'image/jpeg', bytes: jpeg(4096, seed) });
  if (!r.ok) throw new Error(r.message);
  const file = photoRow(r.value.photoId).file ?? '';
  return { id: r.value.photoId, file: path.join(kiosk.dir, 'community-photos', file) };
}

describe("a visit's photos", () => {
  it('are discarded when she cancels, with any other photo no request claimed', async () => {
    const idlePhoto = stage(1);
    // No visit has ended: nothing is discarded.
    await new Promise((r) => setTimeout(r, 50));
    expect(photoRow(idlePhoto.id).state).toBe('staged');
    kiosk.host.send({ type: 'OPEN_SERVICES' });
    await vi.waitFor(() => expect(kiosk.host.latest().screen.name).not.toBe('attract'));
    const hers = [stage(2), stage(3)];
    expect(hers.every((p) => existsSync(p.file))).toBe(true);

    kiosk.host.send({ type: 'CANCEL' });
    await vi.waitFor(() => expect(kiosk.host.latest().screen.name).toBe('attract'));
    await vi.waitFor(() => {
      for (const p of [...hers, idlePhoto]) {
        expect(photoRow(p.id)).toMatchObject({ state: 'purged', reason: 'discarded', file: null });
        expect(existsSync(p.file)).toBe(false);
      }
    });
  });
});

describe('discardPhotosAfterVisits', () => {
  const snapshot = (customer: string) =>
    ({ value: { customer, help: 'idle' } }) as unknown as SessionSnapshot;

  it('discards once per ended visit and survives a room that throws', () => {
    let listener: (s: SessionSnapshot) => void = () => undefined;
    const session = {
      subscribe: (next: (s: SessionSnapshot) => void) => {
        listener = next;
        return { unsubscribe: () => undefined };
      },
    };
    let calls = 0;
    let fail = false;
    const warned: string[] = [];
    discardPhotosAfterVisits(
      session,
      {
        discardStagedPhotos: () => {
          calls += 1;
          if (fail) throw new Error('journal closed');
          return 2;
        },
      },
      { info: () => undefined, warn: (_o: unknown, m?: string) => void warned.push(m ?? '') },
    );
    listener(snapshot('attract'));
    expect(calls).toBe(0);
    listener(snapshot('servicePoint'));
    listener(snapshot('servicePoint'));
    listener(snapshot('attract'));
    listener(snapshot('attract'));
    expect(calls).toBe(1);
    fail = true;
    listener(snapshot('chooseBiller'));
    expect(() => listener(snapshot('attract'))).not.toThrow();
    expect(calls).toBe(2);
    expect(warned).toEqual(['could not discard the photos of an ended visit']);
  });
});
