// The production entry of the kiosk host: `node --import tsx src/main.ts --config FILE`.
// Any start-up failure prints one line naming the cause and exits non-zero.
import { parseArgs } from 'node:util';
import { loadConfig } from './config/load-config';
import { assertProductionConfig } from './config/production';
import { startHost } from './host/start-host';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  if (!values.config) throw new Error('usage: kiosk-host --config FILE');
  const config = loadConfig(values.config);
  assertProductionConfig(config);
  const host = await startHost(config);
  console.log(`kiosk host ready at ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  process.exit(1);
});
