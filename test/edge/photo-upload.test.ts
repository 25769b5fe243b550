// The kiosk page's photo upload through the edge into the running host: a photo sent to
// `POST /api/photos` lands encrypted in the community room's vault and is journalled as staged;
// `DELETE` discards it; everything else is refused with a JSON `{code, message}` and nothing is
// kept. (The hostile suite attacks the same route in the compiled host: test/hostile/.)
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, PHOTOS_PATH, StagedPhotoRef } from '../../src/api/photos';
import { jpeg, png, sha256 } from '../community/fixtures';
import { redeemLaunch, type KioskPass } from '../support/kiosk-pass';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

let kiosk: TestKioskHandle;
let pass: KioskPass;
beforeAll(async () => {
  kiosk = await startTestKiosk();
  pass = await redeemLaunch(kiosk.launchUrl());
}, 30_000);
afterAll(() => kiosk?.stop());

interface Answer {
  status: number;
  body: unknown;
}

/** A request as the kiosk page's fetch sends it, with any header changed for the case. */
function send(
  method: string,
  target: string,
  body: Buffer | null,
  headers: Record<string, string | undefined> = {},
): Promise<Answer> {
  const all: Record<string, string> = {};
  const defaults = {
    origin: pass.origin,
    cookie: pass.cookie,
    'content-type': 'image/jpeg',
    ...(body ? { 'content-length': String(body.length) } : {}),
  };
  for (const [k, v] of Object.entries({ ...defaults, ...headers })) if (v !== undefined) all[k] = v;
  return new Promise((resolve, reject) => {
    const req = request(`${pass.origin}${target}`, { method, headers: all }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }),
      );
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const vault = () => path.join(kiosk.dir, 'community-photos');
const row = (id: string) =>
  kiosk.host.money.db
    .prepare('SELECT state, sha256, size, mime, file FROM community_upload WHERE id = ?')
    .get(Number(id)) as {
    state: string;
    sha256: string;
    size: number;
    mime: string;
    file: string | null;
  };

describe('POST /api/photos', () => {
  it('a JPEG from the page lands encrypted in the vault, journalled as staged', async () => {
    const bytes = jpeg(200_000);
    const a = await send('POST', PHOTOS_PATH, bytes);
    expect(a.status).toBe(201);
    const ref = StagedPhotoRef.parse(a.body);
    expect(ref).toMatchObject({ sha256: sha256(bytes), size: bytes.length, mime: 'image/jpeg' });
    const r = row(ref.photoId);
    expect(r).toMatchObject({ state: 'staged', sha256: sha256(bytes), size: bytes.length });
    // On disk: the file the row names, not the photo's bytes (nor any long run of them).
    const file = readFileSync(path.join(vault(), r.file ?? ''));
    expect(file.includes(bytes.subarray(1000, 1064))).toBe(false);
  });

  it('a PNG signature too (the media type with parameters, any case)', async () => {
    const a = await send('POST', PHOTOS_PATH, png(4000), {
      'content-type': 'Image/PNG; charset=binary',
    });
    expect(a.status).toBe(201);
    expect(StagedPhotoRef.parse(a.body).mime).toBe('image/png');
  });

  it('exactly the limit is taken; a byte more is 413, declared or streamed (chunked)', async () => {
    expect((await send('POST', PHOTOS_PATH, jpeg(MAX_PHOTO_BYTES - 6))).status).toBe(201);
    const before = readdirSync(vault()).length;
    const over = jpeg(MAX_PHOTO_BYTES - 5);
    expect(await send('POST', PHOTOS_PATH, over)).toEqual({
      status: 413,
      body: { code: 'too_large', message: expect.any(String) },
    });
    const chunked = await send('POST', PHOTOS_PATH, over, {
      'content-length': undefined,
      'transfer-encoding': 'chunked',
    });
    expect(chunked).toMatchObject({ status: 413, body: { code: 'too_large' } });
    expect(readdirSync(vault()).length).toBe(before);
  });

  it('other types are 415; bytes that are not the image they claim, and none, are refused', async () => {
    for (const type of ['text/plain', 'image/gif', 'application/octet-stream', '']) {
      const a = await send('POST', PHOTOS_PATH, jpeg(), { 'content-type': type });
      expect(a).toMatchObject({ status: 415, body: { code: 'unsupported_media' } });
    }
    const fake = await send('POST', PHOTOS_PATH, png(), { 'content-type': 'image/jpeg' });
    expect(fake).toMatchObject({ status: 415, body: { code: 'unsupported_media' } });
    const empty = await send('POST', PHOTOS_PATH, Buffer.alloc(0));
    expect(empty).toMatchObject({ status: 400, body: { code: 'empty' } });
  });

  it('without the pass, from another origin or with no origin: refused, nothing staged', async () => {
    const before = readdirSync(vault()).length;
    const cases: [Record<string, string | undefined>, number, string][] = [
      [{ cookie: undefined }, 401, 'no_pass'],
      [{ cookie: `kiosk_pass_${new URL(pass.origin).port}=forged` }, 401, 'no_pass'],
      [{ origin: 'http://evil.example' }, 403, 'foreign_origin'],
      [{ origin: undefined }, 403, 'foreign_origin'],
    ];
    for (const [headers, status, code] of cases) {
      const a = await send('POST', PHOTOS_PATH, jpeg(), headers);
      expect(a).toMatchObject({ status, body: { code } });
    }
    expect(readdirSync(vault()).length).toBe(before);
  });

  it('other methods are 405', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'OPTIONS']) {
      const a = await send(method, PHOTOS_PATH, null);
      expect(a).toMatchObject({ status: 405, body: { code: 'method' } });
    }
  });
});

describe('DELETE /api/photos/<photoId>', () => {
  it('a retake: the staged photo is gone from the vault and journalled discarded', async () => {
    const ref = StagedPhotoRef.parse((await send('POST', PHOTOS_PATH, jpeg())).body);
    const file = row(ref.photoId).file ?? '';
    const a = await send('DELETE', `${PHOTOS_PATH}/${ref.photoId}`, null);
    expect(a.status).toBe(204);
    expect(row(ref.photoId)).toMatchObject({ state: 'purged', file: null });
    expect(readdirSync(vault())).not.toContain(file);
  });

  it("ids not of the vault's shape are 404; an unknown one of its shape is quietly 204", async () => {
    for (const id of ['0', '-1', '01', 'abc', '1e3', '99999999999999999', '%31', '1/2', '']) {
      const a = await send('DELETE', `${PHOTOS_PATH}/${id}`, null);
      expect(a, id).toMatchObject({ status: 404, body: { code: 'unknown_photo' } });
    }
    expect((await send('DELETE', `${PHOTOS_PATH}/987654`, null)).status).toBe(204);
  });

  it("needs the pass and the page's origin like an upload", async () => {
    const ref = StagedPhotoRef.parse((await send('POST', PHOTOS_PATH, jpeg())).body);
    const target = `${PHOTOS_PATH}/${ref.photoId}`;
    expect((await send('DELETE', target, null, { cookie: undefined })).status).toBe(401);
    expect((await send('DELETE', target, null, { origin: 'null' })).status).toBe(403);
    expect(row(ref.photoId).state).toBe('staged');
  });
});
