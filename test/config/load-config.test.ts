import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
const base = {
  terminal: { id: 'SH-XH-WK-0007', secret: 'demo-secret-change-me' },
  gateway: { baseUrl: 'http://127.0.0.1:8741' },
  journal: { path: 'var/journal.sqlite' },
  logging: { dir: 'var/log' },
  devices: { billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' } },
};

function file(content: unknown): string {
  const f = path.join(dir, `c-${Math.random()}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('loading the config', () => {
  it('fills defaults and resolves paths against the config file', () => {
    const c = loadConfig(file(base), {});
    expect(c.server).toEqual({ host: '127.0.0.1', port: 8730 });
    expect(c.journal.path).toBe(path.join(dir, 'var/journal.sqlite'));
    expect(c.logging).toMatchObject({
      dir: path.join(dir, 'var/log'),
      level: 'info',
      maxFiles: 10,
    });
    expect(c.devices.billAcceptor.pollIntervalMs).toBe(200);
    expect(c.session).toEqual({
      writeOffWaitMs: 15_000,
      doneScreenMs: 60_000,
      partialCashWaitMs: 120_000,
      inactivityMs: 90_000,
      moreTimeAnswerMs: 30_000,
      qrPollMs: 3_000,
      qrGiveUpMs: 60_000,
    });
    expect(c.simulation).toEqual({ devPanel: false });
  });

  it('applies environment overrides by path, parsing JSON values', () => {
    const c = loadConfig(file(base), {
      KIOSK_SERVER__PORT: '9000',
      KIOSK_DEVICES__BILL_ACCEPTOR__PORT: '/tmp/bv',
      KIOSK_LOGGING__LEVEL: 'debug',
      UNRELATED: 'x',
    });
    expect(c.server.port).toBe(9000);
    expect(c.devices.billAcceptor.port).toBe('/tmp/bv');
    expect(c.logging.level).toBe('debug');
  });

  it.each([
    [{ ...base, server: { port: 70000 } }, {}, /^config error at server\.port: .*\(in .*\)$/],
    [{ ...base, server: { host: '0.0.0.0' } }, {}, /^config error at server\.host/],
    [
      { ...base, terminal: { id: 'bad id', secret: 'long-enough' } },
      {},
      /^config error at terminal\.id/,
    ],
    [
      { ...base, devices: { billAcceptor: { driver: 'mdb', port: 'x' } } },
      {},
      /devices\.billAcceptor\.driver/,
    ],
    [
      { ...base, devices: { billAcceptor: { driver: 'id003', port: 'x', pollIntervalMs: 5 } } },
      {},
      /pollIntervalMs/,
    ],
    [{ ...base, gateway: { baseUrl: 'not a url' } }, {}, /gateway\.baseUrl/],
    [
      base,
      { KIOSK_GATEWAY__TIMEOUT_MS: '"soon"' },
      /gateway\.timeoutMs.*\(from KIOSK_GATEWAY__TIMEOUT_MS\)/,
    ],
    [[1, 2], {}, /must hold a JSON object/],
    ['{"terminal":', {}, /is not valid JSON/],
  ])('refuses bad config %#, naming the key', (content, env, message) => {
    expect(() => loadConfig(file(content), env)).toThrow(ConfigError);
    expect(() => loadConfig(file(content), env)).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadConfig(path.join(dir, 'nope.json'), {})).toThrow(
      /cannot read config file .*nope\.json/,
    );
  });

  it('ships a demo config and an example config that are both valid', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(loadConfig(path.join(root, 'config/kiosk.demo.json'), {}).simulation.devPanel).toBe(
      true,
    );
    expect(
      loadConfig(path.join(root, 'config/kiosk.example.json'), {}).devices.billAcceptor.port,
    ).toBe('/dev/ttyUSB0');
  });
});
