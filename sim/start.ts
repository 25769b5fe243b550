// `npm start [-- --config FILE] [--open]`: the kiosk with simulated devices and gateway.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config';
import { guardProcess } from '../src/host/process-guard';
import { setDemoPins } from './demo-pins';
import { chromiumCameraArgs } from './fake-camera/fake-camera';
import { CHROMIUM, chromiumKioskArgs, launchSimulatedKiosk, type SimulatedKiosk } from './launch';

const DEFAULT_CONFIG = path.resolve(import.meta.dirname, '../config/kiosk.demo.json');

let kiosk: SimulatedKiosk | null = null;
guardProcess({ name: 'kiosk', log: () => kiosk?.host.log ?? null });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: DEFAULT_CONFIG },
      open: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig(values.config ?? DEFAULT_CONFIG);
  // The document camera is Chromium's fake one, playing pages drawn by Chromium too.
  const launched = await launchSimulatedKiosk(config, {
    ...(CHROMIUM ? { fakeCamera: { chromiumPath: CHROMIUM } } : {}),
  });
  kiosk = launched;
  if (launched.panelUrl) console.log(`developer panel: ${launched.panelUrl}`);
  // The kiosk page opens as the kiosk's screen once per launch address (the panel makes more).
  console.log(`kiosk (once):    ${launched.launchUrl()}`);
  if (launched.gateway) console.log(`gateway sim:     ${launched.gateway.url}`);
  console.log(`logs:            ${config.logging.dir}`);
  if (launched.camera) {
    console.log(`fake camera:     ${chromiumCameraArgs(launched.camera.file).join(' ')}`);
  }
  for (const line of await setDemoPins(launched.host.service, config.people)) {
    console.log(`staff sign-in:   ${line}`);
  }
  if (values.open) {
    if (CHROMIUM) {
      const args = [
        ...chromiumKioskArgs(
          launched.launchUrl(),
          mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-')),
        ),
        ...(launched.camera ? chromiumCameraArgs(launched.camera.file) : []),
      ];
      if (process.getuid?.() === 0) args.push('--no-sandbox');
      spawn(CHROMIUM, args, { stdio: 'ignore', detached: true }).unref();
    } else {
      console.log('Chromium not found: open the kiosk address above in any browser');
    }
  }
  const stop = () => void launched.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  process.exit(1);
});
