// The production host refuses to start, with one clear line, on every configuration it cannot
// run safely with. Each case runs the real entry point (src/main.ts) in its own process.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-refusal-'));
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => busy.close(() => r())));

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    terminal: { id: 'SH-XH-WK-0007', secret: DEMO_TERMINALS['SH-XH-WK-0007'] },
    gateway: { baseUrl: 'http://127.0.0.1:1', labPlainHttp: true },
    server: { port: 0 },
    journal: { path: path.join(dir, `journal-${Math.random()}.sqlite`) },
    logging: { dir: path.join(dir, 'log') },
    devices: { billAcceptor: { driver: 'id003', port: '/dev/null' } },
    ...overrides,
  };
}

function writeConfig(content: string): string {
  const file = path.join(dir, `config-${Math.random()}.json`);
  writeFileSync(file, content);
  return file;
}

function runHost(
  file: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), '--config', file],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 20_000 },
      (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

async function expectRefusal(file: string, pattern: RegExp, env: Record<string, string> = {}) {
  const { code, stderr } = await runHost(file, env);
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^kiosk: /);
  expect(lines[0]).toMatch(pattern);
}

describe('the host refuses to start', () => {
  it('on a config file that is not JSON', async () => {
    await expectRefusal(writeConfig('{ "terminal": '), /is not valid JSON/);
  });

  it('on a config value of the wrong type, naming the key', async () => {
    await expectRefusal(
      writeConfig(JSON.stringify(config({ server: { port: 'eighty' } }))),
      /config error at server\.port/,
    );
  });

  it('on an unknown key, naming it', async () => {
    await expectRefusal(
      writeConfig(JSON.stringify(config({ printer: {} }))),
      /config error at \(root\).*printer/,
    );
  });

  it('on a bad environment override, naming the variable', async () => {
    await expectRefusal(writeConfig(JSON.stringify(config())), /server\.port.*KIOSK_SERVER__PORT/, {
      KIOSK_SERVER__PORT: '99999',
    });
  });

  it('when its HTTP port is taken', async () => {
    const file = writeConfig(JSON.stringify(config({ server: { port: busyPort } })));
    await expectRefusal(
      file,
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${busyPort}: EADDRINUSE`),
    );
  });

  it('when a device port does not exist', async () => {
    const devices = { billAcceptor: { driver: 'id003', port: path.join(dir, 'ttyNOPE') } };
    await expectRefusal(
      writeConfig(JSON.stringify(config({ devices }))),
      /devices\.billAcceptor\.port .*ttyNOPE.*ENOENT/,
    );
  });

  it('when a device port is a simulator port', async () => {
    const devices = { billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor' } };
    await expectRefusal(
      writeConfig(JSON.stringify(config({ devices }))),
      /sim:\/\/bill-acceptor.*simulator/,
    );
  });

  it('when the config would start the gateway simulator', async () => {
    const simulation = { gateway: { port: 0, dbPath: path.join(dir, 'sim.sqlite') } };
    await expectRefusal(
      writeConfig(JSON.stringify(config({ simulation }))),
      /simulation\.gateway starts the gateway simulator/,
    );
  });

  it('when the gateway is plain http without the lab switch', async () => {
    await expectRefusal(
      writeConfig(JSON.stringify(config({ gateway: { baseUrl: 'http://127.0.0.1:1' } }))),
      /config error at gateway\.baseUrl: must be https:\/\//,
    );
  });

  it('when a device is missing, having logged the lab switch (plain http warns at every start)', async () => {
    const logDir = path.join(dir, `log-${Math.random()}`);
    const devices = { billAcceptor: { driver: 'id003', port: path.join(dir, 'ttyNOPE') } };
    await expectRefusal(
      writeConfig(JSON.stringify(config({ devices, logging: { dir: logDir } }))),
      /ttyNOPE/,
    );
    const lines = readFileSync(path.join(logDir, 'kiosk.log'), 'utf8').trim().split('\n');
    const warning = JSON.parse(lines[0] ?? '{}') as { level?: number; msg?: string };
    expect(warning.level).toBe(40); // pino's warn
    expect(warning.msg).toMatch(/^LAB TERMINAL: gateway\.labPlainHttp is on/);
  });

  it('when the journal cannot run in WAL mode (an in-memory database)', async () => {
    await expectRefusal(
      writeConfig(JSON.stringify(config({ journal: { path: ':memory:' } }))),
      /cannot use WAL.*memory.*refusing to take money/,
    );
  });

  it('when the journal file is not a database', async () => {
    const bad = path.join(dir, 'garbage.sqlite');
    writeFileSync(bad, 'this is not sqlite, just text that happens to be long enough '.repeat(20));
    await expectRefusal(
      writeConfig(JSON.stringify(config({ journal: { path: bad } }))),
      /garbage\.sqlite.*not a database/,
    );
  });

  it("when the journal is another application's database", async () => {
    const foreign = path.join(dir, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE songs (title TEXT)');
    db.close();
    await expectRefusal(
      writeConfig(JSON.stringify(config({ journal: { path: foreign } }))),
      /not a kiosk journal/,
    );
  });

  it('when the journal path is a folder', async () => {
    const folder = path.join(dir, 'a-folder.sqlite');
    mkdirSync(folder);
    await expectRefusal(
      writeConfig(JSON.stringify(config({ journal: { path: folder } }))),
      /cannot open journal/,
    );
  });
});
