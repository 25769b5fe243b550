// tsx sim/gateway/cli.ts [--port 8741] [--host 127.0.0.1] [--db var/gateway-sim.sqlite]
//                        [--fault 'ROUTE=KIND[:OPTION=VALUE]…']…  (fault-flag.ts, README.md)
//                        [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]]
// Starts the gateway simulator until SIGINT/SIGTERM (HTTPS with --tls-cert and --tls-key;
// --tls-client-ca also requires client certificates). Bad flags: one line on stderr, exit 2.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_FLAG_SYNTAX, parseFaultFlag } from './fault-flag';
import type { Fault } from './faults';
import { startGatewaySim, type GatewaySimTls } from './server';

function usage(message: string): never {
  process.stderr.write(
    `gateway-sim: ${message} (usage: cli.ts [--port N] [--host H] [--db FILE] [--fault ${FAULT_FLAG_SYNTAX}]… [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]])\n`,
  );
  process.exit(2);
}

let values: {
  port?: string;
  host?: string;
  db?: string;
  fault?: string[];
  'tls-cert'?: string;
  'tls-key'?: string;
  'tls-client-ca'?: string;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-client-ca': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  usage((err as Error).message.split('\n')[0] ?? 'bad arguments');
}

const port = Number(values.port ?? '8741');
if (!/^\d+$/.test(values.port ?? '8741') || port > 65535) usage(`bad --port ${values.port}`);
const dbPath = values.db ?? 'var/gateway-sim.sqlite';
const faults: Fault[] = [];
for (const flag of values.fault ?? []) {
  const parsed = parseFaultFlag(flag);
  if (!parsed.ok) usage(parsed.message);
  faults.push(parsed.value);
}
if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
const tls = tlsFromFlags();

const sim = await startGatewaySim({
  dbPath,
  port,
  host: values.host ?? '127.0.0.1',
  faults,
  ...(tls ? { tls } : {}),
}).catch((err: unknown) => {
  process.stderr.write(`gateway-sim: cannot start: ${(err as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`gateway simulator listening on ${sim.url}\n`);
for (const f of sim.faults()) process.stdout.write(`fault: ${JSON.stringify(f)}\n`);

const stop = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

function tlsFromFlags(): GatewaySimTls | undefined {
  const { 'tls-cert': cert, 'tls-key': key, 'tls-client-ca': clientCa } = values;
  if (!cert && !key && !clientCa) return undefined;
  if (!cert || !key) usage('--tls-cert and --tls-key go together');
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      return usage(
        `cannot read ${flag} ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  };
  return {
    cert: read('--tls-cert', cert),
    key: read('--tls-key', key),
    ...(clientCa ? { clientCa: read('--tls-client-ca', clientCa) } : {}),
  };
}
