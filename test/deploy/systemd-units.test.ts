// The systemd units of a browser-mode terminal, checked by systemd itself: each is loaded by
// `systemd-analyze verify` in a throwaway root holding the system's own unit library, the units
// where the README installs them, the browser script at its installed path and stand-ins for
// the programs a build machine lacks (node 24, cage). Any message of systemd fails the check,
// not only its exit code: systemd "ignores" a bad value with a warning and carries on.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchdogIntervalMs } from '../../src/host/service-notify';
import { DEPLOY_DIR, listSetting, parseUnit, readUnit, setting, unitFiles } from './unit-file';

const HOST = 'community-kiosk-host.service';
const BROWSER = 'community-kiosk-browser@.service';
const INSTALL_DIR = '/opt/community-kiosk';
const SYSTEM_UNITS = '/usr/lib/systemd/system';

/** The programs the units run that a build machine may lack, as empty executables. */
const STAND_INS = ['/usr/bin/node', '/usr/bin/cage'];

function verify(units: Record<string, string>, o: { standIns?: string[] } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'kiosk-units-'));
  cpSync(SYSTEM_UNITS, path.join(root, SYSTEM_UNITS), { recursive: true, verbatimSymlinks: true });
  const etc = path.join(root, 'etc/systemd/system');
  mkdirSync(etc, { recursive: true });
  for (const [name, text] of Object.entries(units)) writeFileSync(path.join(etc, name), text);
  for (const program of o.standIns ?? STAND_INS) {
    mkdirSync(path.join(root, path.dirname(program)), { recursive: true });
    writeFileSync(path.join(root, program), '#!/bin/sh\n');
    chmodSync(path.join(root, program), 0o755);
  }
  const script = path.join(root, INSTALL_DIR, 'deploy/kiosk-browser.sh');
  mkdirSync(path.dirname(script), { recursive: true });
  cpSync(path.join(DEPLOY_DIR, 'kiosk-browser.sh'), script);
  // A template is checked as the instance it is enabled as (DefaultInstance=).
  const names = Object.entries(units).map(([name, text]) => {
    const instance = setting(parseUnit(text), 'Install', 'DefaultInstance');
    return name.endsWith('@.service') ? name.replace('@.service', `@${instance}.service`) : name;
  });
  const run = spawnSync('systemd-analyze', ['verify', `--root=${root}`, ...names], {
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  return { ok: run.status === 0 && `${run.stdout}${run.stderr}`.trim() === '', run };
}

const deployed = () =>
  Object.fromEntries(unitFiles().map((f) => [f, readFileSync(path.join(DEPLOY_DIR, f), 'utf8')]));

describe('the units in deploy/', () => {
  it('are the host and the browser units', () => {
    expect(unitFiles().sort()).toEqual([BROWSER, HOST]);
  });

  it('pass systemd-analyze verify without a single warning', () => {
    expect(existsSync(SYSTEM_UNITS), 'systemd must be installed (apt-get install systemd)').toBe(
      true,
    );
    const { ok, run } = verify(deployed());
    expect(`${run.stdout}${run.stderr}`).toBe('');
    expect(ok).toBe(true);
  });

  it('fail the check on a bad value, a misspelt key or a missing program', () => {
    const units = deployed();
    const host = units[HOST] ?? '';
    const badValue = verify({
      ...units,
      [HOST]: host.replace('Restart=always', 'Restart=sometimes'),
    });
    expect(badValue.ok).toBe(false);
    expect(badValue.run.stderr).toMatch(/restart specifier/);
    const misspelt = verify({ ...units, [HOST]: host.replace('WatchdogSec=', 'WatchdogSecs=') });
    expect(misspelt.ok).toBe(false);
    expect(misspelt.run.stderr).toMatch(/Unknown key 'WatchdogSecs'/);
    const noCage = verify(units, { standIns: ['/usr/bin/node'] });
    expect(noCage.ok).toBe(false);
    expect(noCage.run.stderr).toMatch(/\/usr\/bin\/cage is not executable/);
  });
});

describe('the host unit', () => {
  const unit = readUnit(HOST);
  const service = (key: string) => setting(unit, 'Service', key);

  it('runs the compiled host with the terminal config as its own user', () => {
    // Exactly as `npm run host` runs it, Node's flags included (bench P8).
    const script = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { host: string } }
    ).scripts.host;
    expect(script).toBe('node --max-semi-space-size=8 dist/host/main.mjs');
    expect(service('ExecStart')).toBe(
      `/usr/bin/${script.replace('dist/', `${INSTALL_DIR}/dist/`)} --config /etc/community-kiosk/kiosk.json`,
    );
    expect(service('User')).toBe('kiosk');
    expect(listSetting(unit, 'Service', 'SupplementaryGroups')).toEqual(['dialout', 'plugdev']);
  });

  it('is always restarted, within a start limit against boot loops', () => {
    expect(service('Restart')).toBe('always');
    expect(Number(service('RestartSec'))).toBeGreaterThan(0);
    expect(Number(setting(unit, 'Unit', 'StartLimitBurst'))).toBeGreaterThan(1);
    expect(Number(setting(unit, 'Unit', 'StartLimitIntervalSec'))).toBeGreaterThan(0);
  });

  it('is watched: Type=notify with a watchdog the host pings at half the period', () => {
    expect(service('Type')).toBe('notify');
    // The pings come from the systemd-notify tool, a child of the host.
    expect(service('NotifyAccess')).toBe('all');
    const seconds = Number(service('WatchdogSec'));
    expect(seconds).toBeGreaterThan(0);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: String(seconds * 1e6) }, 1)).toBe(
      (seconds * 1000) / 2,
    );
  });

  it('is hardened without losing the serial and USB devices', () => {
    expect(service('ProtectSystem')).toBe('strict');
    expect(service('PrivateTmp')).toBe('yes');
    expect(service('NoNewPrivileges')).toBe('yes');
    // Others get nothing; the group (the browser's user) only the launch ticket, since the
    // journal and logs are in folders of mode 0700 (see the next test).
    expect(service('UMask')).toBe('0077');
    expect(service('CapabilityBoundingSet')).toBe('');
    // Any of these would hide /dev/ttyUSB*, /dev/hidraw* or the USB bus from the drivers.
    expect(service('PrivateDevices')).toBeUndefined();
    expect(service('DevicePolicy')).toBeUndefined();
    expect(service('PrivateUsers')).toBeUndefined();
    expect(listSetting(unit, 'Service', 'RestrictAddressFamilies')).toEqual(
      expect.arrayContaining(['AF_UNIX', 'AF_INET', 'AF_NETLINK']),
    );
  });

  it('may write only its journal, its logs and the launch ticket', () => {
    expect(service('StateDirectory')).toBe('community-kiosk');
    expect(service('LogsDirectory')).toBe('community-kiosk');
    expect(service('StateDirectoryMode')).toBe('0700');
    expect(service('LogsDirectoryMode')).toBe('0700');
    expect(service('RuntimeDirectory')).toBe('community-kiosk');
    expect(service('RuntimeDirectoryMode')).toBe('0750');
  });
});

describe('the browser unit', () => {
  const unit = readUnit(BROWSER);
  const service = (key: string) => setting(unit, 'Service', key);

  it('starts after the host, and again whenever Chromium exits', () => {
    expect(listSetting(unit, 'Unit', 'Wants')).toContain(HOST);
    expect(listSetting(unit, 'Unit', 'After')).toContain(HOST);
    expect(service('Restart')).toBe('always');
  });

  it('runs the browser script under cage on its terminal, as its own user, without a login', () => {
    expect(service('ExecStart')).toBe(`/usr/bin/cage -d -- ${INSTALL_DIR}/deploy/kiosk-browser.sh`);
    expect(service('User')).toBe('kiosk-browser');
    expect(service('TTYPath')).toBe('/dev/%I');
    expect(service('PAMName')).toBe('community-kiosk-browser');
    expect(existsSync(path.join(DEPLOY_DIR, 'pam.d/community-kiosk-browser'))).toBe(true);
    expect(listSetting(unit, 'Unit', 'Conflicts')).toContain('getty@%i.service');
    expect(setting(unit, 'Install', 'DefaultInstance')).toBe('tty1');
  });

  it('reads the launch ticket from the folder the host unit creates', () => {
    const env = listSetting(unit, 'Service', 'Environment');
    const hostRuntime = setting(readUnit(HOST), 'Service', 'RuntimeDirectory');
    expect(env).toContain(`KIOSK_TICKET_FILE=/run/${hostRuntime}/launch-ticket`);
    expect(env).toContain('KIOSK_URL=http://127.0.0.1:8730/');
  });

  it('is a script systemd may run: executable, POSIX sh', () => {
    const script = path.join(DEPLOY_DIR, 'kiosk-browser.sh');
    expect(() => execFileSync('sh', ['-n', script])).not.toThrow();
    expect(readFileSync(script, 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
    expect(statSync(script).mode & 0o111).toBe(0o111);
  });
});
