// The submission worker over a scripted gateway: journal before send, photos first and each
// gone from the terminal once held, the same body and serial every time, query before any
// re-send after an unknown outcome or a restart, definitive refusals never sent again,
// Retry-After kept, and every photo gone at its deadline whatever happened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHOTO_RETENTION_MS, STAGED_PHOTO_TTL_MS } from '../../src/community/community-journal';
import { workerRig, type WorkerRig } from './worker-fixture';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let t: WorkerRig;
beforeEach(() => {
  t = workerRig();
});
afterEach(() => t.close());

const unknown = { kind: 'unknown', reason: 'timeout' } as const;

describe('the submission worker', () => {
  it('uploads each photo, then sends the body with their upload ids, journalled as sent before it leaves', async () => {
    const photos = [t.stage(), t.stage()];
    const row = t.application(photos);
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'upload', 'submit']);
    const submit = t.port.calls[2];
    expect(submit).toMatchObject({ stateThen: 'sent', inTransaction: false });
    const body = JSON.parse(submit?.body ?? '{}') as { documents: { uploadIds: string[] }[] };
    expect(body.documents[0]?.uploadIds).toEqual(
      photos.map((id) => `up_${t.journal.photo(id).sha256.slice(0, 12)}`),
    );
    const after = t.journal.get(row.id);
    expect(after).toMatchObject({ state: 'accepted', trackingCode: 'K7QH-2M9D' });
    expect(after.requestJson).toBe(submit?.body);
  });

  it('a photo leaves the terminal as soon as the gateway holds it', async () => {
    const photos = [t.stage(), t.stage()];
    t.application(photos);
    t.port.onSubmit = () => unknown;
    await t.worker.drain();
    for (const id of photos) {
      expect(t.journal.photo(id)).toMatchObject({
        state: 'purged',
        purgeReason: 'held',
        file: null,
      });
    }
    expect(t.vault.files()).toEqual([]);
  });

  it('after an unknown outcome it queries first, and re-sends the byte-identical body only on not_found', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => unknown;
    await t.worker.drain();
    expect(t.journal.get(row.id)).toMatchObject({ state: 'unknown', attempts: 1 });
    const first = t.port.calls.find((c) => c.op === 'submit')?.body;
    t.port.onSubmit = () => ({ kind: 'accepted', replyJson: '{}', trackingCode: 'AAAA-BBBB' });
    t.clock.advance(1_000);
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'submit', 'query', 'submit']);
    const submits = t.port.calls.filter((c) => c.op === 'submit');
    expect(submits[1]?.body).toBe(first);
    expect(submits.map((c) => c.serial)).toEqual([row.serial, row.serial]);
    expect(t.journal.get(row.id).state).toBe('accepted');
  });

  it('a query that finds it committed settles it without a second send', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => unknown;
    await t.worker.drain();
    t.port.onQuery = () => ({
      kind: 'accepted',
      replyJson: '{"applicationId":"app_1"}',
      trackingCode: 'CCCC-DDDD',
    });
    t.clock.advance(1_000);
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'submit', 'query']);
    expect(t.journal.get(row.id)).toMatchObject({ state: 'accepted', trackingCode: 'CCCC-DDDD' });
  });

  it('committed but the answer had no tracking code: the same body is asked for its first answer', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => unknown;
    await t.worker.drain();
    t.port.onQuery = () => ({ kind: 'committed_without_answer' });
    t.port.onSubmit = () => ({ kind: 'accepted', replyJson: '{}', trackingCode: 'EEEE-FFFF' });
    t.clock.advance(1_000);
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'submit', 'query', 'submit']);
    expect(t.journal.get(row.id).trackingCode).toBe('EEEE-FFFF');
  });

  it('a process that died with the request on its way asks first when it starts again', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => new Promise(() => undefined); // never answers: the process dies
    void t.worker.drain();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.journal.get(row.id).state).toBe('sent');
    t.restart();
    t.port.calls.length = 0;
    t.port.onQuery = () => ({ kind: 'accepted', replyJson: '{}', trackingCode: 'GGGG-HHHH' });
    t.worker.start();
    await t.worker.drain();
    expect(t.port.ops()[0]).toBe('query');
    expect(t.port.ops()).not.toContain('submit');
    expect(t.journal.get(row.id).state).toBe('accepted');
  });

  it('a definitive refusal is final: rejected, its photos gone, never sent again', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => ({ kind: 'rejected', code: 'not_eligible', message: 'no' });
    await t.worker.drain();
    expect(t.journal.get(row.id)).toMatchObject({ state: 'rejected', rejectCode: 'not_eligible' });
    t.clock.advance(3_600_000);
    t.worker.retryNow();
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'submit']);
    expect(() =>
      t.db.prepare(`UPDATE community_submission SET state = 'queued' WHERE id = ?`).run(row.id),
    ).toThrow(/final/);
  });

  it('an upload with no answer is sent again (the same bytes), the request not before all are held', async () => {
    const row = t.application([t.stage(), t.stage()]);
    let n = 0;
    t.port.onUpload = (sha) =>
      ++n === 2
        ? unknown
        : {
            kind: 'held',
            uploadId: `up_${sha.slice(0, 8)}`,
            expiresAt: '2026-12-07T10:00:00+08:00',
          };
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'upload']);
    expect(t.journal.get(row.id)).toMatchObject({ state: 'queued', requestJson: null });
    t.clock.advance(1_000);
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'upload', 'upload', 'submit']);
    expect(t.port.calls[1]?.sha256).toBe(t.port.calls[2]?.sha256);
  });

  it('never before a Retry-After', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => ({
      kind: 'unknown',
      reason: 'service_unavailable',
      retryAfterMs: 30_000,
    });
    await t.worker.drain();
    const r = t.journal.get(row.id);
    expect(r.nextAttemptAt - t.clock()).toBeGreaterThanOrEqual(30_000);
    t.worker.retryNow();
    await t.worker.drain();
    expect(t.port.ops()).toEqual(['upload', 'submit']);
  });

  it('a photo the gateway never held is gone 24 h after submission; its request is refused on the terminal, never sent', async () => {
    const photos = [t.stage(), t.stage()];
    const row = t.application(photos);
    t.port.onUpload = () => unknown;
    await t.worker.drain();
    t.clock.advance(PHOTO_RETENTION_MS);
    await t.worker.drain();
    for (const id of photos)
      expect(t.journal.photo(id)).toMatchObject({ state: 'purged', purgeReason: 'retention' });
    expect(t.vault.files()).toEqual([]);
    t.port.onUpload = (sha) => ({
      kind: 'held',
      uploadId: `up_${sha.slice(0, 8)}`,
      expiresAt: 'x',
    });
    t.worker.retryNow();
    await t.worker.drain();
    expect(t.journal.get(row.id)).toMatchObject({ state: 'rejected', rejectCode: 'photo_expired' });
    expect(t.port.ops()).not.toContain('submit');
  });

  it('a photo never submitted is gone after an hour', async () => {
    const kept = t.stage();
    t.clock.advance(STAGED_PHOTO_TTL_MS - 1);
    await t.worker.drain();
    expect(t.journal.photo(kept).state).toBe('staged');
    t.clock.advance(1);
    await t.worker.drain();
    expect(t.journal.photo(kept)).toMatchObject({ state: 'purged', purgeReason: 'retention' });
    expect(t.vault.files()).toEqual([]);
  });

  it('a damaged photo file is never sent: the request is refused on the terminal', async () => {
    const id = t.stage();
    const row = t.application([id]);
    const file = path.join(t.vault.dir, t.journal.photo(id).file ?? '');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    await t.worker.drain();
    expect(t.journal.get(row.id)).toMatchObject({
      state: 'rejected',
      rejectCode: 'photo_unreadable',
    });
    expect(t.port.calls).toEqual([]);
    expect(t.vault.files()).toEqual([]);
  });

  it('at start, files no live row names (a crash between file and row) are removed', () => {
    const id = t.stage();
    const stray = t.vault.write(Buffer.from('half a photo'), 'x');
    t.restart();
    t.worker.start();
    expect(t.vault.files()).toEqual([t.journal.photo(id).file]);
    expect(t.vault.files()).not.toContain(stray);
  });

  it('the sent body never changes (the journal refuses it)', async () => {
    const row = t.application([t.stage()]);
    t.port.onSubmit = () => unknown;
    await t.worker.drain();
    expect(() =>
      t.db.prepare(`UPDATE community_submission SET request_json = '{}' WHERE id = ?`).run(row.id),
    ).toThrow(/never changes/);
    expect(() => t.db.prepare(`DELETE FROM community_submission WHERE id = ?`).run(row.id)).toThrow(
      /never deleted/,
    );
  });

  it('serials are the business day’s, one after the other, and a photo goes with one request only', () => {
    const a = t.application([t.stage()]);
    const shared = t.stage();
    const b = t.application([shared]);
    expect(a.serial).toBe('SH-XH-WK-0007-20261206-000001');
    expect(b.serial).toBe('SH-XH-WK-0007-20261206-000002');
    expect(() => t.application([shared])).toThrow(/not staged/);
    expect(t.journal.bySerial('SH-XH-WK-0007-20261206-000003')).toBeUndefined();
  });
});
