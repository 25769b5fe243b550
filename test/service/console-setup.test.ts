// The first technician's PIN at the console (src/service/console-setup.ts, set-pin-cli.ts): only
// for a technician, only while no technician has a PIN (or with --recover), never as root or
// another user than the journal's, the PIN from stdin and into the journal hashed and audited.
import { spawnSync } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../offline-queue/open-journal';
import { AuditLog } from '../../src/service/audit-log';
import { ServiceAuth } from '../../src/service/authenticator';
import { runConsoleSetup } from '../../src/service/console-setup';
import { People, PeopleConfig } from '../../src/service/people';
import { testConfig } from '../support/kiosk-fixture';
import { tempDir, TEST_PEOPLE, TEST_PIN_HASH, type TempDir } from './service-fixture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOBODY = 65534;

let tmp: TempDir;
let configFile: string;
beforeEach(() => {
  tmp = tempDir('kiosk-set-pin-');
  configFile = tmp.file('kiosk.json');
  writeFileSync(configFile, JSON.stringify({ ...testConfig(tmp.dir), people: TEST_PEOPLE }));
});
afterEach(() => tmp.remove());

/** The kiosk's user, as these tests pretend to be (the journal is theirs). */
const KIOSK_UID = 1000;
const asKiosk = { uid: KIOSK_UID, fileOwner: () => KIOSK_UID };
const setup = (
  staffNumber: string,
  pin: string,
  o: { recover?: boolean; uid?: number; fileOwner?: () => number } = {},
) =>
  runConsoleSetup({
    configFile,
    staffNumber,
    readPin: () => Promise.resolve(pin),
    env: {},
    ...asKiosk,
    pinHash: TEST_PIN_HASH,
    ...o,
  });

/** Tries a PIN against the journal as the host would. */
async function enters(staffNumber: string, pin: string): Promise<boolean> {
  const db = openJournal(tmp.file('journal.sqlite'));
  try {
    const auth = new ServiceAuth({
      db,
      people: new People(PeopleConfig.parse(TEST_PEOPLE)),
      audit: new AuditLog(db),
      pinHash: TEST_PIN_HASH,
    });
    return (await auth.authenticate({ staffNumber }, pin)).ok;
  } finally {
    db.close();
  }
}

describe('runConsoleSetup', () => {
  it('sets the first technician’s PIN, once', async () => {
    expect(await setup('9001', '135792')).toEqual({
      ok: true,
      message: 'PIN set for technician 9001; further PINs are set at the kiosk',
    });
    expect(await enters('9001', '135792')).toBe(true);
    const again = await setup('9002', '864209');
    expect(again.ok).toBe(false);
    expect(again.message).toMatch(/already has a PIN/);
    expect(await enters('9002', '864209')).toBe(false);
  });

  it('refuses staff, strangers and weak PINs, saying why, and asks for no PIN it cannot use', async () => {
    const asked: string[] = [];
    const never = () => {
      asked.push('asked');
      return Promise.resolve('135792');
    };
    const staff = await runConsoleSetup({
      configFile,
      staffNumber: '1001',
      readPin: never,
      env: {},
      ...asKiosk,
    });
    expect(staff).toMatchObject({ ok: false, message: expect.stringMatching(/not a technician/) });
    const stranger = await runConsoleSetup({
      configFile,
      staffNumber: '4444',
      readPin: never,
      env: {},
      ...asKiosk,
    });
    expect(stranger.message).toMatch(/no one in the config/);
    expect(asked).toEqual([]);
    expect((await setup('9001', '123456')).message).toMatch(/too easy to guess/);
    expect(await enters('9001', '123456')).toBe(false);
  });

  it('refuses root, and a journal that belongs to another user', async () => {
    expect((await setup('9001', '135792', { uid: 0 })).message).toMatch(/not root/);
    await setup('9001', '135792'); // the journal now exists, ours
    const other = await setup('9001', '864209', { recover: true, fileOwner: () => KIOSK_UID + 1 });
    expect(other.message).toMatch(/belongs to another user/);
    expect(await enters('9001', '135792')).toBe(true);
  });

  it('--recover replaces a forgotten technician PIN, audited', async () => {
    await setup('9001', '135792');
    expect((await setup('9001', '864209', { recover: true })).ok).toBe(true);
    expect(await enters('9001', '864209')).toBe(true);
    expect(await enters('9001', '135792')).toBe(false);
    const db = openJournal(tmp.file('journal.sqlite'));
    const rows = new AuditLog(db).list({ action: 'pin.console_setup' });
    db.close();
    expect(rows.map((r) => r.detail)).toEqual([
      { outcome: 'set', recover: false },
      { outcome: 'set', recover: true },
    ]);
  });
});

describe('set-pin (the command)', () => {
  const root = process.getuid?.() === 0;
  /** Runs the command; as root, as the user nobody (owning the test folder), unless `asRoot`. */
  const run = (args: string[], input: string, o: { asRoot?: boolean } = {}) => {
    const switchUser = root && !o.asRoot;
    if (switchUser) for (const f of [tmp.dir, configFile]) chownSync(f, NOBODY, NOBODY);
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/service/set-pin-cli.ts', ...args],
      {
        cwd: ROOT,
        input,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
        timeout: 60_000,
        ...(switchUser ? { uid: NOBODY, gid: NOBODY } : {}),
      },
    );
    // Run as nobody, node itself must be readable by them (not under root's home: NODE24_DIR).
    if (result.error) {
      throw new Error(
        `set-pin could not be started${switchUser ? ' as nobody' : ''}: ${result.error.message}`,
      );
    }
    return result;
  };

  it('reads the PIN from a pipe, sets it with the production hash, exits 0; refuses a second', async () => {
    const ok = run(['--config', configFile, '--staff', '9001'], '135792\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/set-pin: PIN set for technician 9001/);
    expect(ok.status).toBe(0);
    const db = openJournal(tmp.file('journal.sqlite'));
    const row = db.prepare('SELECT cost_n, block_r, parallel_p FROM staff_pin').get();
    db.close();
    expect(row).toEqual({ cost_n: 32768, block_r: 8, parallel_p: 1 });
    expect(await enters('9001', '135792')).toBe(true);

    const again = run(['--config', configFile, '--staff', '9002'], '864209\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/set-pin: a technician already has a PIN/);
    expect(again.stdout + again.stderr).not.toContain('864209');
  });

  it.runIf(root)('refuses to run as root', () => {
    const r = run(['--config', configFile, '--staff', '9001'], '135792\n', { asRoot: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not root/);
  });

  it('usage without --config or --staff', () => {
    const r = run(['--staff', '9001'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: set-pin --config FILE --staff STAFF_NUMBER/);
  });
});
