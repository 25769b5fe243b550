// The page's photos in Electron (src/electron/photo-ipc.ts): the two ipc handlers answer as the
// edge's photo route does and check what it checks — the app's own page only, the two types,
// bytes within the limit — before the host's room stages or discards anything.
import { describe, expect, it, vi } from 'vitest';
import {
  IPC_PHOTO_DISCARD_CHANNEL,
  IPC_PHOTO_UPLOAD_CHANNEL,
  MAX_PHOTO_BYTES,
} from '../../src/api/photos';
import type { PhotoDesk } from '../../src/edge/photo-route';
import { bindPhotoIpc } from '../../src/electron/photo-ipc';
import { APP_URL } from '../../src/electron/trusted-url';

type Handler = (e: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

function rig() {
  const handlers = new Map<string, Handler>();
  const desk: PhotoDesk & { staged: Uint8Array[]; discarded: number[][] } = {
    staged: [],
    discarded: [],
    stagePhoto({ mime, bytes }) {
      this.staged.push(bytes);
      return { ok: true, value: { photoId: 7, sha256: 'b'.repeat(64), size: bytes.length, mime } };
    },
    discardPhotos(ids) {
      this.discarded.push([...ids]);
    },
  };
  const warn = vi.fn();
  const unbind = bindPhotoIpc({
    ipcMain: {
      handle: (c: string, f: Handler) => handlers.set(c, f),
      removeHandler: (c: string) => handlers.delete(c),
    } as never,
    photos: desk,
    log: { warn },
  });
  const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
  const upload = (url: string | null, ...args: unknown[]) =>
    handlers.get(IPC_PHOTO_UPLOAD_CHANNEL)?.(from(url), ...args);
  const discard = (url: string | null, id: unknown) =>
    handlers.get(IPC_PHOTO_DISCARD_CHANNEL)?.(from(url), id);
  return { desk, upload, discard, warn, handlers, unbind };
}

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

describe('photos over ipc', () => {
  it('the kiosk page: staged, answered 201 with the reference', () => {
    const r = rig();
    expect(r.upload(APP_URL, jpeg, 'image/jpeg')).toEqual({
      status: 201,
      body: { photoId: '7', sha256: 'b'.repeat(64), size: jpeg.length, mime: 'image/jpeg' },
    });
    expect(r.desk.staged).toEqual([jpeg]);
  });

  it('any other frame: 403, nothing staged, and logged', () => {
    const r = rig();
    for (const url of ['https://evil.example/', 'app://kiosk.evil/', 'file:///index.html', null]) {
      expect(r.upload(url, jpeg, 'image/jpeg')).toMatchObject({ status: 403 });
    }
    expect(r.desk.staged).toEqual([]);
    expect(r.warn).toHaveBeenCalledTimes(4);
  });

  it('another type 415, no bytes 400, empty 400, over the limit 413', () => {
    const r = rig();
    expect(r.upload(APP_URL, jpeg, 'image/gif')).toMatchObject({ status: 415 });
    expect(r.upload(APP_URL, jpeg, undefined)).toMatchObject({ status: 415 });
    expect(r.upload(APP_URL, 'not bytes', 'image/jpeg')).toMatchObject({ status: 400 });
    expect(r.upload(APP_URL, [1, 2, 3], 'image/jpeg')).toMatchObject({ status: 400 });
    expect(r.upload(APP_URL, new Uint8Array(0), 'image/jpeg')).toMatchObject({ status: 400 });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    expect(r.upload(APP_URL, big, 'image/png')).toMatchObject({
      status: 413,
      body: { code: 'too_large' },
    });
    expect(r.desk.staged).toEqual([]);
  });

  it("discard: the page's ids of the vault's shape only", () => {
    const r = rig();
    r.discard('https://evil.example/', '7');
    for (const id of ['0', '07', '-1', 'x', 7, null, '1'.repeat(20)]) r.discard(APP_URL, id);
    expect(r.desk.discarded).toEqual([]);
    r.discard(APP_URL, '7');
    expect(r.desk.discarded).toEqual([[7]]);
  });

  it('unbinding removes both handlers', () => {
    const r = rig();
    r.unbind();
    expect(r.handlers.size).toBe(0);
  });
});
