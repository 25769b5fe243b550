// The production entry of the kiosk host: `node --import tsx src/main.ts --config FILE`.
// Any start-up failure prints one line naming the cause and exits non-zero.
import { parseArgs } from 'node:util';
import { loadConfig } from './config/load-config';
import { assertProductionConfig } from './config/production';
import { guardProcess } from './host/process-guard';
import { startServiceNotify } from './host/service-notify';
import { startHost, type RunningHost } from './host/start-host';

let host: RunningHost | null = null;
guardProcess({ name: 'kiosk', log: () => host?.log ?? null });

async function main(): Promise<void> {
  // Under systemd: watchdog pings from now on (start-up included), READY=1 once serving.
  const service = startServiceNotify({ log: console });
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  if (!values.config) throw new Error('usage: kiosk-host --config FILE');
  const config = loadConfig(values.config);
  assertProductionConfig(config);
  const running = await startHost(config);
  host = running;
  console.log(`kiosk host ready at ${running.url}`);
  service.ready();
  const stop = () => {
    service.stopping();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  process.exit(1);
});
