// The renderer's upload client: each answer of the edge becomes the photo's reference or one of
// three problems (too_large, refused, unreachable); it never throws.
import { describe, expect, it, vi } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/api/photos';
import { discardPhoto, uploadPhoto } from '../../ui/transport/photo-upload';

const REF = { photoId: '17', sha256: 'a'.repeat(64), size: 3, mime: 'image/jpeg' };
const jpeg = (size = 3) => new Blob([new Uint8Array(size)], { type: 'image/jpeg' });

function answering(status: number, body: unknown) {
  const calls: { input: string; init: RequestInit }[] = [];
  const fetchFn = (input: string, init: RequestInit) => {
    calls.push({ input, init });
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), { status }),
    );
  };
  return { calls, fetchFn };
}

describe('uploadPhoto', () => {
  it('sends the blob raw with its type and answers the staged reference', async () => {
    const { calls, fetchFn } = answering(201, REF);
    expect(await uploadPhoto(jpeg(), fetchFn)).toEqual({ ok: true, photo: REF });
    expect(calls[0]?.input).toBe('/api/photos');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      credentials: 'same-origin',
    });
  });

  it('a blob over the limit or of another type never leaves the page', async () => {
    const { calls, fetchFn } = answering(201, REF);
    expect(await uploadPhoto(jpeg(MAX_PHOTO_BYTES + 1), fetchFn)).toEqual({
      ok: false,
      problem: 'too_large',
    });
    const gif = new Blob([new Uint8Array(3)], { type: 'image/gif' });
    expect(await uploadPhoto(gif, fetchFn)).toEqual({ ok: false, problem: 'refused' });
    expect(calls).toEqual([]);
  });

  it.each([
    [413, { code: 'too_large', message: '' }, 'too_large'],
    [415, { code: 'unsupported_media', message: '' }, 'refused'],
    [401, { code: 'no_pass', message: '' }, 'refused'],
    [403, { code: 'foreign_origin', message: '' }, 'refused'],
    [429, { code: 'busy', message: '' }, 'unreachable'],
    [500, { code: 'not_stored', message: '' }, 'unreachable'],
    [502, undefined, 'unreachable'],
    [201, { photoId: '../1', sha256: 'x', size: 1, mime: 'image/jpeg' }, 'refused'],
    [201, undefined, 'refused'],
  ])('HTTP %i %j → %s', async (status, body, problem) => {
    const { fetchFn } = answering(status, body);
    expect(await uploadPhoto(jpeg(), fetchFn)).toEqual({ ok: false, problem });
  });

  it('no answer at all is unreachable', async () => {
    const down = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await uploadPhoto(jpeg(), down)).toEqual({ ok: false, problem: 'unreachable' });
  });
});

describe('in Electron, through the preload bridge', () => {
  const reply = (status: number, body: unknown) => {
    const calls: [Uint8Array, string][] = [];
    const bridge = {
      upload: (bytes: Uint8Array, mime: string) => {
        calls.push([bytes, mime]);
        return Promise.resolve({ status, body });
      },
      discard: vi.fn(() => Promise.resolve()),
    };
    return { calls, bridge };
  };
  const noFetch = () => Promise.reject(new Error('no fetch in Electron'));

  it('sends the bytes and their type; answers as over HTTP', async () => {
    const { calls, bridge } = reply(201, REF);
    expect(await uploadPhoto(jpeg(3), noFetch, bridge)).toEqual({ ok: true, photo: REF });
    expect(calls[0]?.[0]).toEqual(new Uint8Array(3));
    expect(calls[0]?.[1]).toBe('image/jpeg');
    expect(await uploadPhoto(jpeg(), noFetch, reply(413, null).bridge)).toEqual({
      ok: false,
      problem: 'too_large',
    });
    expect(await uploadPhoto(jpeg(), noFetch, reply(403, null).bridge)).toEqual({
      ok: false,
      problem: 'refused',
    });
  });

  it('a bridge that fails is unreachable; a discard goes by the bridge', async () => {
    const broken = { upload: () => Promise.reject(new Error('gone')), discard: vi.fn() };
    expect(await uploadPhoto(jpeg(), noFetch, broken)).toEqual({
      ok: false,
      problem: 'unreachable',
    });
    const { bridge } = reply(204, null);
    await discardPhoto('17', noFetch, bridge);
    expect(bridge.discard).toHaveBeenCalledWith('17');
  });
});

describe('discardPhoto', () => {
  it('deletes by id, and a failure is let be', async () => {
    const { calls, fetchFn } = answering(204, undefined);
    await discardPhoto('17', fetchFn);
    expect(calls[0]).toMatchObject({ input: '/api/photos/17', init: { method: 'DELETE' } });
    await expect(discardPhoto('17', () => Promise.reject(new Error('down')))).resolves.toBe(
      undefined,
    );
  });
});
