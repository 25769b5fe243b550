// The simulated kiosk's document camera: its pages drawn by Chromium, the camera's file, and
// the control route (the developer panel's buttons) that shows another page from the camera's
// next start, by replacing the file whole. Without a fake camera the route is 409.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTROL_PREFIX, ControlReply, ControlState } from '../../sim/control/protocol';
import { controlInit } from '../support/control-call';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

const kiosks: TestKioskHandle[] = [];
afterAll(async () => {
  for (const k of kiosks) await k.stop();
});

const call = async (kiosk: TestKioskHandle, route: string, body?: unknown) => {
  const res = await fetch(
    new URL(route, kiosk.panelUrl ?? ''),
    controlInit(kiosk.controlToken ?? '', body),
  );
  return { status: res.status, body: (await res.json()) as unknown };
};

const isJpeg = (b: Buffer) =>
  b[0] === 0xff && b[1] === 0xd8 && b.at(-2) === 0xff && b.at(-1) === 0xd9;

describe('the fake document camera', () => {
  it('plays a drawn page; the panel shows another from the next start', async () => {
    const kiosk = await startTestKiosk({}, { fakeCamera: true });
    kiosks.push(kiosk);
    const camera = kiosk.camera;
    if (!camera) throw new Error('no camera');
    const register = readFileSync(camera.file);
    expect(isJpeg(register)).toBe(true);
    expect(ControlState.parse((await call(kiosk, `${CONTROL_PREFIX}/state`)).body).camera).toEqual({
      shown: 'household-register',
    });

    const r = await call(kiosk, `${CONTROL_PREFIX}/camera`, { shot: 'id-card-front' });
    expect(ControlReply.parse(r.body).ok).toBe(true);
    const card = readFileSync(camera.file);
    expect(isJpeg(card)).toBe(true);
    expect(card.equals(register)).toBe(false);
    expect(ControlState.parse((await call(kiosk, `${CONTROL_PREFIX}/state`)).body).camera).toEqual({
      shown: 'id-card-front',
    });
    expect((await call(kiosk, `${CONTROL_PREFIX}/camera`, { shot: 'selfie' })).status).toBe(400);
  }, 60_000);

  it('a kiosk without one: no camera in the state, the route 409', async () => {
    const kiosk = await startTestKiosk();
    kiosks.push(kiosk);
    expect(
      ControlState.parse((await call(kiosk, `${CONTROL_PREFIX}/state`)).body).camera,
    ).toBeNull();
    expect((await call(kiosk, `${CONTROL_PREFIX}/camera`, { shot: 'dark' })).status).toBe(409);
  }, 60_000);
});
