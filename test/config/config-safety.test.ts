// A production config cannot be unsafe by accident: the gateway is reached over https (plain
// http only to a loopback simulator, with a switch that warns at every start), the terminal
// secret is strong and private, and no config error ever repeats what the config holds.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configWarnings } from '../../src/config/config-warnings';
import { loadConfig } from '../../src/config/load-config';
import { assertProductionConfig } from '../../src/config/production';
import { refusal } from './refusal';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-safety-'));
const SECRET = randomBytes(32).toString('hex');
const base = {
  terminal: { id: 'SH-XH-WK-0007', secret: SECRET },
  gateway: { baseUrl: 'https://gateway.example.test' },
  journal: { path: 'var/journal.sqlite' },
  logging: { dir: 'var/log' },
  devices: { billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' } },
};

function write(name: string, content: string, mode = 0o644): string {
  const f = path.join(dir, `${Math.random()}-${name}`);
  writeFileSync(f, content, { mode });
  return f;
}
const configFile = (content: unknown) =>
  write('kiosk.json', typeof content === 'string' ? content : JSON.stringify(content));
const withGateway = (gateway: Record<string, unknown>) => ({ ...base, gateway });
const withTerminal = (terminal: Record<string, unknown>) => ({
  ...base,
  terminal: { id: 'SH-XH-WK-0007', ...terminal },
});

describe('the gateway is reached over https', () => {
  it('refuses plain http:// without the lab switch, naming the key and the rule', () => {
    const message = refusal(configFile(withGateway({ baseUrl: 'http://10.1.2.3:8741' })));
    expect(message).toMatch(/^config error at gateway\.baseUrl: .*https:\/\//);
  });

  it('names the variable when the http:// came from one', () => {
    const message = refusal(configFile(base), { KIOSK_GATEWAY__BASE_URL: 'http://10.1.2.3' });
    expect(message).toMatch(/gateway\.baseUrl.*\(from KIOSK_GATEWAY__BASE_URL\)/);
  });

  it('with gateway.labPlainHttp takes http:// to a loopback simulator, and warns', () => {
    for (const baseUrl of ['http://127.0.0.1:8741', 'http://localhost:8741', 'http://[::1]:8741']) {
      const c = loadConfig(configFile(withGateway({ baseUrl, labPlainHttp: true })), {});
      expect(configWarnings(c)).toEqual([expect.stringMatching(/labPlainHttp.*plain http/)]);
    }
  });

  it('never sends plain http:// over a network, even with the lab switch', () => {
    const lab = withGateway({ baseUrl: 'http://192.168.1.20:8741', labPlainHttp: true });
    expect(refusal(configFile(lab))).toMatch(/gateway\.baseUrl: .*loopback/);
  });

  it('takes loopback http:// when the simulator launcher runs the gateway (no warning)', () => {
    const sim = {
      ...withGateway({ baseUrl: 'http://127.0.0.1:8741' }),
      simulation: { gateway: { port: 8741, dbPath: 'sim.sqlite' } },
    };
    const c = loadConfig(configFile(sim), {});
    expect(configWarnings(c)).toEqual([]);
    // …and the production entry refuses such a config.
    expect(() => assertProductionConfig(c)).toThrow(/simulation\.gateway.*npm start/);
  });

  it('a production config has no warnings and passes the production checks', () => {
    const c = loadConfig(configFile(base), {});
    expect(c.gateway).toMatchObject({ labPlainHttp: false, maxRetryAfterMs: 900_000 });
    expect(configWarnings(c)).toEqual([]);
    expect(() => assertProductionConfig(c)).not.toThrow();
  });

  it.each([
    ['ftp://gateway.example.test', /https:\/\//],
    ['https://user:pass@gateway.example.test', /credentials/],
    ['https://gateway.example.test/?key=1', /query/],
  ])('refuses the base URL %s', (baseUrl, rule) => {
    expect(refusal(configFile(withGateway({ baseUrl })))).toMatch(rule);
  });

  it('resolves the TLS files against the config folder and checks them', () => {
    const ca = write('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    const cert = write('client.pem', '-----BEGIN CERTIFICATE-----\n');
    const key = write('client.key', '-----BEGIN PRIVATE KEY-----\n', 0o600);
    const gateway = {
      baseUrl: 'https://gateway.example.test/collect/',
      caFile: path.basename(ca),
      clientCertFile: path.basename(cert),
      clientKeyFile: path.basename(key),
    };
    const c = loadConfig(configFile(withGateway(gateway)), {});
    expect(c.gateway).toMatchObject({ caFile: ca, clientCertFile: cert, clientKeyFile: key });
  });

  it.each([
    [{ caFile: 'nope.pem' }, /gateway\.caFile: .*nope\.pem cannot be read \(ENOENT\)/],
    [{ clientCertFile: 'c.pem' }, /gateway: .*clientCertFile and clientKeyFile/],
    [{ baseUrl: 'http://127.0.0.1:1', labPlainHttp: true, caFile: 'x.pem' }, /https:\/\//],
  ])('refuses TLS settings that cannot work (%#)', (gateway, rule) => {
    const g = { baseUrl: 'https://gateway.example.test', ...gateway };
    expect(refusal(configFile(withGateway(g)))).toMatch(rule);
  });

  it('refuses a client key readable by others, naming the file and its mode', () => {
    const cert = write('client.pem', 'CERT');
    const key = write('client.key', 'PRIVATE-KEY-CONTENT', 0o644);
    const gateway = { baseUrl: 'https://g.test', clientCertFile: cert, clientKeyFile: key };
    const message = refusal(configFile(withGateway(gateway)));
    expect(message).toMatch(/gateway\.clientKeyFile: .*client\.key .*mode 0644.*0600/);
    expect(message).not.toContain('PRIVATE-KEY-CONTENT');
  });
});

describe('the terminal secret', () => {
  it.each([
    'demo-secret-change-me',
    'provisioned-at-install',
    'REPLACE-WITH-THE-EXAMPLE-SECRET-0123456789abcdef0123456789',
    'x'.repeat(64),
    'ab'.repeat(40),
    '0123456789abcdef'.repeat(4),
    'correct-horse-battery-staple-correct-horse-battery-staple',
    randomBytes(16).toString('hex'), // 16 bytes: half of what is needed
    'Tr0ub4dor&3-but-longer!',
  ])('refuses a placeholder or weak secret (%#), without repeating it', (secret) => {
    const message = refusal(configFile(withTerminal({ secret })));
    expect(message).toMatch(/^config error at terminal\.secret: /);
    expect(message).not.toContain(secret);
  });

  // Fixed stand-ins for random bytes (SHA-256 of a counter), so a run is repeatable.
  const bytes = (i: number, n = 32) =>
    Buffer.concat([0, 1].map((k) => createHash('sha256').update(`${i}/${k}`).digest())).subarray(
      0,
      n,
    );
  it.each([
    ['hex', (i: number) => bytes(i).toString('hex')],
    ['base64', (i: number) => bytes(i).toString('base64')],
    ['base64url', (i: number) => bytes(i).toString('base64url')],
    ['printable', (i: number) => bytes(i, 48).toString('base64').replace(/[+/]/g, '!')],
  ])('accepts 32 random bytes as %s', (_kind, make) => {
    for (let i = 0; i < 200; i++) {
      const secret = make(i);
      expect(loadConfig(configFile(withTerminal({ secret })), {}).terminal.secret).toBe(secret);
    }
  });

  it('reads terminal.secretFile (0600), relative to the config, trimmed', () => {
    const file = write('terminal.secret', `${SECRET}\n`, 0o600);
    const c = loadConfig(configFile(withTerminal({ secretFile: path.basename(file) })), {});
    expect(c.terminal).toEqual({ id: 'SH-XH-WK-0007', secret: SECRET });
  });

  it.each([0o644, 0o640, 0o604])(
    'refuses a secretFile of mode %o, naming file and mode',
    (mode) => {
      const file = write('terminal.secret', SECRET, mode);
      const message = refusal(configFile(withTerminal({ secretFile: file })));
      const shown = mode.toString(8).padStart(4, '0');
      expect(message).toMatch(new RegExp(`terminal\\.secretFile: ${file} .*mode ${shown}.*0600`));
      expect(message).not.toContain(SECRET);
    },
  );

  it('refuses a weak secret in the secretFile without repeating it', () => {
    const file = write('terminal.secret', 'provisioned-at-install\n', 0o600);
    const message = refusal(configFile(withTerminal({ secretFile: file })));
    expect(message).toMatch(/terminal\.secretFile: .*terminal\.secret: .*placeholder/);
    expect(message).not.toContain('provisioned');
  });

  it('names the variable that gave the secretFile', () => {
    const file = write('terminal.secret', SECRET, 0o644);
    const message = refusal(configFile(withTerminal({ secretFile: '/nope' })), {
      KIOSK_TERMINAL__SECRET_FILE: file,
    });
    expect(message).toMatch(/\(from KIOSK_TERMINAL__SECRET_FILE\)$/);
  });

  it('takes exactly one of secret and secretFile', () => {
    const file = write('terminal.secret', SECRET, 0o600);
    expect(refusal(configFile(withTerminal({ secret: SECRET, secretFile: file })))).toMatch(
      /terminal: .*exactly one of secret and secretFile/,
    );
    expect(refusal(configFile(withTerminal({})))).toMatch(/terminal: .*exactly one/);
  });

  it('names the variable that gave a weak secret, without repeating it', () => {
    const message = refusal(configFile(base), { KIOSK_TERMINAL__SECRET: 'hunter2hunter2' });
    expect(message).toMatch(/terminal\.secret.*\(from KIOSK_TERMINAL__SECRET\)/);
    expect(message).not.toContain('hunter2');
  });
});

describe('config errors never repeat what the config holds', () => {
  const SENTINEL = 's3nt1nel';

  it.each([
    ['{\n  "terminal": { "id": "X", "secret": S3NT1NEL-abc }\n}', /line 2, column 38/],
    [`{"terminal": {"secret": "${SENTINEL}"}`, /line 1, column 36/],
    [`{"a": "${SENTINEL}",}`, /line 1, column 18/],
    [`{"a": "${SENTINEL}" "b": 1}`, /line 1, column 18/],
    [`{"a": 1}} ${SENTINEL}`, /line 1, column 9/],
  ])('a JSON syntax error (%#) names line and column only', (text, where) => {
    const message = refusal(configFile(text));
    expect(message).toMatch(/is not valid JSON/);
    expect(message).toMatch(where);
    expect(message).not.toContain(SENTINEL);
  });

  it.each([
    [{ server: { host: SENTINEL } }, /server\.host/],
    [{ server: { port: SENTINEL } }, /server\.port/],
    [{ gateway: { baseUrl: SENTINEL } }, /gateway\.baseUrl/],
    [{ gateway: { baseUrl: `http://${SENTINEL}.example` } }, /gateway\.baseUrl/],
    [{ logging: { dir: 'log', level: SENTINEL } }, /logging\.level/],
    [{ devices: { billAcceptor: { driver: SENTINEL, port: 'x' } } }, /devices\.billAcceptor/],
    [{ terminal: { id: SENTINEL, secret: SECRET } }, /terminal\.id/],
    [{ terminal: { id: 'SH-XH-WK-0007', secret: `${SENTINEL}` } }, /terminal\.secret/],
  ])('a schema error (%#) names the key and the rule, never the value', (patch, key) => {
    const message = refusal(configFile({ ...base, ...patch }));
    expect(message).toMatch(key);
    expect(message).not.toContain(SENTINEL);
    expect(message).not.toContain(SECRET);
  });
});

describe('environment variables', () => {
  it('an unknown KIOSK_ variable is named as the variable, not blamed on the file', () => {
    const f = configFile(base);
    const message = refusal(f, { KIOSK_GATEWAY__BASEURL: 'https://other.test' });
    expect(message).toMatch(/KIOSK_GATEWAY__BASEURL names no setting/);
    expect(message).not.toContain(f);
    expect(refusal(f, { KIOSK_NOPE__DEEP__KEY: '1' })).toMatch(/KIOSK_NOPE__DEEP__KEY names no/);
  });

  it("the Electron shell's own variables (KIOSK_CONFIG, KIOSK_UI_DIR) are not overrides", () => {
    const c = loadConfig(configFile(base), {
      KIOSK_CONFIG: '/x/kiosk.json',
      KIOSK_UI_DIR: '/x/ui',
    });
    expect(c).not.toHaveProperty('config');
    expect(c).not.toHaveProperty('uiDir');
  });

  it('an unknown key in the file is still blamed on the file', () => {
    const f = configFile({ ...base, printer: {} });
    expect(refusal(f)).toMatch(new RegExp(`config error at \\(root\\): .*printer.*\\(in ${f}\\)`));
  });

  it('a variable that replaces a section with a bad value is named', () => {
    expect(refusal(configFile(base), { KIOSK_GATEWAY: '{"baseUrl": 5}' })).toMatch(
      /gateway\.baseUrl.*\(from KIOSK_GATEWAY\)/,
    );
  });
});
