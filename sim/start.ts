// `npm start [-- --config FILE] [--open]`: the kiosk with simulated devices and gateway.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config';
import { CHROMIUM, chromiumKioskArgs, launchSimulatedKiosk } from './launch';

const DEFAULT_CONFIG = path.resolve(import.meta.dirname, '../config/kiosk.demo.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: DEFAULT_CONFIG },
      open: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig(values.config ?? DEFAULT_CONFIG);
  const kiosk = await launchSimulatedKiosk(config);
  console.log(`kiosk:           ${kiosk.kioskUrl}`);
  if (kiosk.panelUrl) console.log(`developer panel: ${kiosk.panelUrl}`);
  if (kiosk.gateway) console.log(`gateway sim:     ${kiosk.gateway.url}`);
  console.log(`logs:            ${config.logging.dir}`);
  if (values.open) {
    if (CHROMIUM) {
      const args = [
        ...chromiumKioskArgs(kiosk.kioskUrl, mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'))),
      ];
      if (process.getuid?.() === 0) args.push('--no-sandbox');
      spawn(CHROMIUM, args, { stdio: 'ignore', detached: true }).unref();
    } else {
      console.log('Chromium not found: open the kiosk URL in any browser');
    }
  }
  const stop = () => void kiosk.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  process.exit(1);
});
