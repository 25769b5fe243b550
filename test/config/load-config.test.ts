import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config';
import { KioskConfigFile } from '../../src/config/schema';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { refusal } from './refusal';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
/** A secret of 32 random bytes, as `openssl rand -hex 32` makes one. */
const SECRET = randomBytes(32).toString('hex');
const base = {
  terminal: { id: 'SH-XH-WK-0007', secret: SECRET },
  gateway: { baseUrl: 'https://gateway.example.test' },
  journal: { path: 'var/journal.sqlite' },
  logging: { dir: 'var/log' },
  devices: { billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' } },
};

function file(content: unknown, mode = 0o644): string {
  const f = path.join(dir, `c-${Math.random()}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content), { mode });
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
    [{ ...base, terminal: { id: 'bad id', secret: SECRET } }, {}, /^config error at terminal\.id/],
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
    [base, { KIOSK_SERVER__PORTT: '9000' }, /KIOSK_SERVER__PORTT/],
  ])('refuses bad config %#, naming the key', (content, env, message) => {
    expect(() => loadConfig(file(content), env)).toThrow(ConfigError);
    expect(() => loadConfig(file(content), env)).toThrow(message);
  });

  it('takes the diagnostic bundle folder (optional), resolved against the config file', () => {
    expect(loadConfig(file(base), {}).service.bundleDir).toBeUndefined();
    const c = loadConfig(file({ ...base, service: { bundleDir: 'usb' } }), {});
    expect(c.service.bundleDir).toBe(path.join(dir, 'usb'));
    const env = loadConfig(file(base), { KIOSK_SERVICE__BUNDLE_DIR: '/media/kiosk-usb' });
    expect(env.service.bundleDir).toBe('/media/kiosk-usb');
    expect(() => loadConfig(file({ ...base, service: { bundleDir: '' } }), {})).toThrow(
      /^config error at service\.bundleDir/,
    );
    expect(() => loadConfig(file({ ...base, service: { bundle: 'usb' } }), {})).toThrow(
      /^config error at service/,
    );
  });

  it('takes the service hall residents are sent to, checked', () => {
    expect(loadConfig(file(base), {}).site).toEqual({});
    const words = (zh: string, en: string) => ({ 'zh-CN': zh, en });
    const hall = {
      name: words('徐汇供电营业厅', 'Xuhui service hall'),
      address: words('漕溪北路 201 号', '201 North Caoxi Road'),
    };
    const c = loadConfig(file({ ...base, site: { serviceHall: hall } }), {});
    expect(c.site.serviceHall).toEqual(hall);
    const bad = (site: unknown) => () => loadConfig(file({ ...base, site }), {});
    // Both languages, one line each, nothing unknown.
    expect(bad({ serviceHall: { ...hall, name: { 'zh-CN': '徐汇' } } })).toThrow(
      /^config error at site\.serviceHall\.name\.en/,
    );
    expect(bad({ serviceHall: { ...hall, address: words('漕溪\n北路', 'x') } })).toThrow(
      /^config error at site\.serviceHall\.address\.zh-CN: one line/,
    );
    expect(bad({ serviceHall: { ...hall, name: words(' ', 'x') } })).toThrow(
      /site\.serviceHall\.name\.zh-CN/,
    );
    expect(bad({ serviceHall: { ...hall, phone: '021' } })).toThrow(/site\.serviceHall/);
  });

  it("takes the terminal's front (where notes, scanner and receipt are), with a default", () => {
    expect(loadConfig(file(base), {}).frontPanel).toEqual({
      left: [],
      right: ['notes', 'receipt'],
      below: ['scanner'],
    });
    const other = { left: ['receipt'], right: ['scanner'], below: ['notes'] };
    expect(loadConfig(file({ ...base, frontPanel: other }), {}).frontPanel).toEqual(other);
    // A side left out is empty; the parts must still all be somewhere.
    const env = { KIOSK_FRONT_PANEL: '{"left":["notes","scanner","receipt"]}' };
    expect(loadConfig(file(base), env).frontPanel).toEqual({
      left: ['notes', 'scanner', 'receipt'],
      right: [],
      below: [],
    });
    const bad = (frontPanel: unknown) => () => loadConfig(file({ ...base, frontPanel }), {});
    expect(bad({ right: ['notes', 'receipt'] })).toThrow(
      /^config error at frontPanel.*scanner is on no side/,
    );
    expect(bad({ right: ['notes', 'receipt'], below: ['scanner', 'notes'] })).toThrow(
      /notes is on more than one side/,
    );
    expect(bad({ right: ['notes', 'receipt', 'coins'] })).toThrow(
      /^config error at frontPanel\.right/,
    );
    expect(bad({ above: ['notes'] })).toThrow(/^config error at frontPanel/);
  });

  it('names a missing file', () => {
    expect(() => loadConfig(path.join(dir, 'nope.json'), {})).toThrow(
      /cannot read config file .*nope\.json/,
    );
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const shipped = (name: string) => path.join(ROOT, 'config', name);

describe('the shipped configs', () => {
  it("the demo config loads, with the simulator terminal's secret", () => {
    const demo = loadConfig(shipped('kiosk.demo.json'), {});
    expect(demo.simulation.devPanel).toBe(true);
    expect(demo.site.serviceHall?.name['zh-CN']).toMatch(/营业厅$/);
    expect(demo.terminal.secret).toBe(DEMO_TERMINALS[demo.terminal.id]);
  });

  it('the example (packaged as the production config) carries no secret: it names a secretFile', () => {
    const raw = JSON.parse(readFileSync(shipped('kiosk.example.json'), 'utf8')) as {
      terminal: Record<string, unknown>;
      gateway: { baseUrl: string };
    };
    expect(raw.terminal).not.toHaveProperty('secret');
    expect(raw.terminal.secretFile).toMatch(/^\//);
    expect(raw.gateway.baseUrl).toMatch(/^https:\/\//);
    expect(KioskConfigFile.safeParse(raw).success).toBe(true);
    // Until the installer provisions the file, the host refuses to start, naming it.
    expect(refusal(shipped('kiosk.example.json'))).toMatch(
      /terminal\.secretFile: .*terminal\.secret cannot be read \(ENOENT\)/,
    );
  });

  it('the lab config loads: real devices, the simulator over loopback http with the lab switch', () => {
    const lab = loadConfig(shipped('kiosk.lab.json'), {});
    expect(lab.devices.billAcceptor.port).toMatch(/^\/dev\//);
    expect(lab.gateway).toMatchObject({ baseUrl: 'http://127.0.0.1:8741', labPlainHttp: true });
    expect(lab.simulation.gateway).toBeUndefined();
    expect(lab.terminal.secret).toBe(DEMO_TERMINALS[lab.terminal.id]);
  });
});
