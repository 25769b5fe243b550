// Debian's Chromium driven by playwright-core, launched as the machines here need it.
import { chromium, type Browser } from 'playwright-core';
import { chromiumCameraArgs } from '../../sim/fake-camera/fake-camera';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `cameraFile`: the document camera is the simulated kiosk's fake one (sim/fake-camera/). */
export function launchChromium(o: { cameraFile?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...(o.cameraFile ? chromiumCameraArgs(o.cameraFile) : []),
    ],
  });
}
