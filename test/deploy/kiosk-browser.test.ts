// The browser unit's command line, run as systemd would run it but with stand-ins for cage
// and Chromium on PATH: it must wait for the host's launch ticket and open the kiosk page with
// it, in kiosk mode with the flags of browser mode; a missing or malformed ticket opens nothing.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs } from '../../sim/launch';
import { DEPLOY_DIR, listSetting, readUnit, setting } from './unit-file';

const unit = readUnit('community-kiosk-browser@.service');
const INSTALLED_SCRIPT = '/opt/community-kiosk/deploy/kiosk-browser.sh';

function standIn(dir: string, name: string, body: string): void {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Runs the unit's ExecStart with this ticket file; resolves with Chromium's arguments, if run. */
async function runUnit(o: { ticket?: string; ticketLater?: string; waitSeconds?: number }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-browser-'));
  const bin = path.join(dir, 'bin');
  const argsFile = path.join(dir, 'chromium-args');
  const ticketFile = path.join(dir, 'launch-ticket');
  mkdirSync(bin);
  // cage runs its application (the arguments after --) and exits with it.
  standIn(bin, 'cage', 'while [ "$1" != "--" ]; do shift; done; shift; "$@"');
  standIn(bin, 'chromium', `printf '%s\\n' "$@" > "${argsFile}"`);
  if (o.ticket !== undefined) writeFileSync(ticketFile, o.ticket);

  const [program = '', ...args] = (setting(unit, 'Service', 'ExecStart') ?? '').split(' ');
  const unitEnv = Object.fromEntries(
    listSetting(unit, 'Service', 'Environment').map((kv) => kv.split(/=(.*)/s).slice(0, 2)),
  );
  const child = spawn(
    path.join(bin, path.basename(program)),
    args.map((a) => (a === INSTALLED_SCRIPT ? path.join(DEPLOY_DIR, 'kiosk-browser.sh') : a)),
    {
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        ...unitEnv,
        KIOSK_TICKET_FILE: ticketFile,
        KIOSK_TICKET_WAIT_SECONDS: String(o.waitSeconds ?? 5),
        RUNTIME_DIRECTORY: path.join(dir, 'run'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const { ticketLater } = o;
  if (ticketLater !== undefined) {
    setTimeout(() => writeFileSync(ticketFile, ticketLater), 800);
  }
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const chromiumArgs = existsSync(argsFile)
    ? readFileSync(argsFile, 'utf8').trimEnd().split('\n')
    : null;
  return { code, stderr, chromiumArgs, profile: path.join(dir, 'run', 'chromium') };
}

describe('the kiosk browser script', () => {
  it('opens the kiosk page with the launch ticket, in kiosk mode, with a fresh profile', async () => {
    const r = await runUnit({ ticket: 'Zq3-x_9.~AbC\n' });
    expect(r.code).toBe(0);
    expect(r.chromiumArgs).toEqual([
      '--kiosk',
      '--app=http://127.0.0.1:8730/?launch=Zq3-x_9.~AbC',
      '--disable-pinch',
      '--autoplay-policy=no-user-gesture-required',
      '--overscroll-history-navigation=0',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ozone-platform=wayland',
      '--password-store=basic',
      `--user-data-dir=${r.profile}`,
    ]);
  });

  it('passes every flag of browser mode (sim/launch.ts) to Chromium', async () => {
    const r = await runUnit({ ticket: 'abc' });
    const modeFlags = chromiumKioskArgs('http://x/', '/profile').filter(
      (a) => !a.startsWith('--app=') && !a.startsWith('--user-data-dir='),
    );
    expect(r.chromiumArgs).toEqual(expect.arrayContaining(modeFlags));
  });

  it('waits for the host to write the ticket', async () => {
    const r = await runUnit({ ticketLater: 'late-ticket' });
    expect(r.code).toBe(0);
    expect(r.chromiumArgs).toContain('--app=http://127.0.0.1:8730/?launch=late-ticket');
  });

  it('reads the current ticket at every start (a restarted Chromium gets the next one)', async () => {
    const first = await runUnit({ ticket: 'first' });
    const next = await runUnit({ ticket: 'second' });
    expect(first.chromiumArgs?.[1]).toBe('--app=http://127.0.0.1:8730/?launch=first');
    expect(next.chromiumArgs?.[1]).toBe('--app=http://127.0.0.1:8730/?launch=second');
  });

  it.each([
    ['a query of its own', 'abc&next=https://evil.example/'],
    ['spaces', 'abc def'],
    ['a fragment', 'abc#x'],
  ])('opens nothing for a ticket with %s', async (_what, ticket) => {
    const r = await runUnit({ ticket });
    expect(r.code).not.toBe(0);
    expect(r.chromiumArgs).toBeNull();
    expect(r.stderr).toMatch(/does not hold a launch ticket/);
  });

  it('gives up, opening nothing, when no ticket comes', async () => {
    const r = await runUnit({ waitSeconds: 1 });
    expect(r.code).not.toBe(0);
    expect(r.chromiumArgs).toBeNull();
    expect(r.stderr).toMatch(/no launch ticket/);
  });
});

describe("the screen's Chromium policy (deploy/chromium-policy.json)", () => {
  const policy = JSON.parse(
    readFileSync(path.join(DEPLOY_DIR, 'chromium-policy.json'), 'utf8'),
  ) as {
    VideoCaptureAllowedUrls?: string[];
    AudioCaptureAllowed?: boolean;
    ScreenCaptureAllowed?: boolean;
  };
  const script = readFileSync(path.join(DEPLOY_DIR, 'kiosk-browser.sh'), 'utf8');
  const kioskUrl = /kiosk_url=\$\{KIOSK_URL:-([^}]+)\}/.exec(script)?.[1] ?? '';

  it('lets the kiosk page, and only it, use the document camera without a prompt', () => {
    expect(kioskUrl).not.toBe('');
    expect(policy.VideoCaptureAllowedUrls).toEqual([new URL(kioskUrl).origin]);
  });

  it('gives no page the microphone or the screen', () => {
    expect(policy.AudioCaptureAllowed).toBe(false);
    expect(policy.ScreenCaptureAllowed).toBe(false);
  });
});
