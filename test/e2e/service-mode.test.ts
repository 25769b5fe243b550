// End to end in headless Chromium, by visible text, in both languages: a technician signs in,
// reads every device's diagnosis, prints a test page (on the emulated printer's paper, no money
// moved), checks the gateway, takes the kiosk out of service with a reason residents then read,
// and puts it back. Committee staff see no service screens and cannot open them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { useKioskInChromium } from '../support/e2e-fixture';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { TERMINAL_ID } from '../support/kiosk-fixture';
import { attractIn } from '../support/kiosk-locale';
import { PEOPLE, STAFF, TECH, setPeoplePins, signIn } from '../support/staff-people';

const SECRET = DEMO_TERMINALS[TERMINAL_ID] ?? 'the terminal secret';
/** The removable drive the diagnostic bundle goes to. */
const USB = mkdtempSync(path.join(tmpdir(), 'kiosk-usb-'));
const env = useKioskInChromium({
  service: { bundleDir: USB },
  people: PEOPLE,
});

beforeAll(() => setPeoplePins(env.kiosk()));

describe.each<Locale>(['zh-CN', 'en'])('service mode (%s)', (locale) => {
  it('a technician diagnoses, tests without money, and takes the kiosk out of service and back', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const t = await attractIn(page, env.kiosk(), locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    await signIn(page, t, TECH);
    await page.getByRole('heading', { name: t('staffHome', { name: '李工' }) }).waitFor();

    await button(t('staffOpenDiagnostics')).click();
    await page.getByRole('heading', { name: t('diagnosticsTitle') }).waitFor();
    const acceptor = page.getByRole('article', { name: t('diagKindBillAcceptor') });
    await acceptor
      .getByText(t('diagDriver', { driver: 'id003', port: 'sim://bill-acceptor' }))
      .waitFor();
    await page.getByRole('article', { name: t('diagKindPrinter') }).waitFor();

    const printed = env.kiosk().printer.receipts.length;
    const cash = env.kiosk().host.money.cashBox.contents().total;
    await button(t('toolTestPage')).click();
    await page.getByText(t('toolOk', { tool: t('toolTestPage') })).waitFor();
    expect(env.kiosk().printer.receipts.length).toBe(printed + 1);
    expect(env.kiosk().printer.receipts.at(-1)?.lines.join('\n')).toContain('打印测试页');
    expect(env.kiosk().host.money.cashBox.contents().total).toBe(cash);

    await button(t('toolGateway')).click();
    await page
      .getByText(
        new RegExp(t('gatewayReachable', { latency: 'X', clock: 'Y' }).split('X')[0] ?? ''),
      )
      .waitFor();

    // The diagnostic bundle: on the drive, its checksum on screen, no secret in it.
    const before = new Set(readdirSync(USB));
    await button(t('toolBundle')).click();
    await page.getByText(t('toolOk', { tool: t('toolBundle') })).waitFor();
    const written = readdirSync(USB).filter((f) => !before.has(f));
    expect(written).toHaveLength(1);
    const file = path.join(USB, written[0] ?? '');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    await page.getByText(sha256).waitFor();
    const listing = execFileSync('tar', ['-xzOf', file], { encoding: 'utf8' });
    expect(listing).toContain('id003');
    expect(listing).not.toContain(SECRET);

    await button(t('staffBackHome')).click();
    await button(t('staffOpenServiceState')).click();
    const maintenance = t('outOfServiceReasonMaintenance');
    await button(t('serviceTakeOut', { reason: maintenance })).click();
    await page.getByText(t('serviceOutOfService', { reason: maintenance })).waitFor();
    await button(t('staffLeave')).click();

    // The resident reads why.
    await page
      .getByRole('alert')
      .filter({ hasText: t('outOfService') })
      .waitFor();
    await page.getByText(maintenance, { exact: true }).waitFor();

    await signIn(page, t, TECH);
    await button(t('staffOpenServiceState')).click();
    await button(t('serviceBackIn')).click();
    await page.getByText(t('serviceInService')).waitFor();
    await button(t('staffLeave')).click();
    await page.getByRole('button', { name: t('start'), exact: true }).waitFor();

    const actions = env
      .kiosk()
      .host.service.audit.list({})
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['diagnostics.test', 'service.out_of_service', 'service.in_service']),
    );
    await page.close();
  });

  it('committee staff see no service screens, and cannot open them', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const t = await attractIn(page, env.kiosk(), locale);
    await signIn(page, t, STAFF);
    await page.getByRole('heading', { name: t('staffHome', { name: '王芳' }) }).waitFor();
    expect(await page.getByRole('button', { name: t('staffOpenDiagnostics') }).count()).toBe(0);
    env.kiosk().host.send({ type: 'STAFF_OPEN', screen: 'diagnostics' });
    await new Promise((r) => setTimeout(r, 200));
    expect(env.kiosk().host.latest().staff?.name).toBe('staffHome');
    await page.getByRole('button', { name: t('staffLeave'), exact: true }).click();
    await page.getByRole('button', { name: t('start'), exact: true }).waitFor();
    await page.close();
  });
});
