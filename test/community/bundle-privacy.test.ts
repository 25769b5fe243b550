// No photo, and none of what a resident typed, reaches a log or the diagnostic bundle. The room
// runs against the gateway simulator with the host's real logger at debug level: applications
// accepted, one accepted for later while the gateway is down, one refused, photos staged,
// discarded, held and purged. Then the technician's bundle is written and unpacked with the
// system's tar, and every file in it (and every log file) is searched for any 16 bytes of any
// photo, in the clear, as base64 or as hex, for the applicant's name and phone, and for the
// vault's file names; none may be there. The vault itself is never in the bundle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { CommunityClient, openCommunityRoom, type CommunityRoom } from '../../src/community';
import { KioskConfig } from '../../src/config/schema';
import { createLogger } from '../../src/host/logger';
import { readJournalFigures } from '../../src/service/bundle-journal';
import { writeDiagnosticBundle } from '../../src/service/diagnostic-bundle';
import { CashBox } from '../../offline-queue/cash-box';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { StaffItems } from '../../offline-queue/staff-items';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { tempDir, TERMINAL, type TempDir } from '../offline-queue/journal-fixture';
import { formFor, jpeg, pagesFor, png } from './fixtures';

const NAME = '欧阳娜娜';
const PHONE = '13912345678';

let tmp: TempDir;
let sim: GatewaySim;
let db: JournalDb;

beforeEach(async () => {
  tmp = tempDir('kiosk-community-bundle-');
  mkdirSync(tmp.file('usb'));
  sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  db = openJournal(tmp.file('journal.sqlite'));
});
afterEach(async () => {
  db.close();
  await sim.close();
  tmp.remove();
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false; // a folder
      }
    });
}

it('no photo byte, name or phone in the logs or the diagnostic bundle', async () => {
  const config = KioskConfig.parse({
    terminal: { id: TERMINAL, secret: DEMO_TERMINALS[TERMINAL] },
    gateway: { baseUrl: 'https://gateway.example.test/' },
    journal: { path: tmp.file('journal.sqlite') },
    logging: { dir: tmp.file('log'), level: 'trace' },
    devices: { billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' } },
    community: { id: DEMO_COMMUNITY },
    service: { bundleDir: tmp.file('usb') },
  });
  const logging = createLogger(config.logging);
  const room: CommunityRoom = openCommunityRoom({
    db,
    terminalId: TERMINAL,
    terminalSecret: config.terminal.secret,
    photosDir: tmp.file('community-photos'),
    community: DEMO_COMMUNITY,
    client: new CommunityClient({
      baseUrl: sim.url,
      terminalId: TERMINAL,
      secret: config.terminal.secret,
      timeoutMs: 2_000,
    }),
    onDuty: () => ({ staffNumber: '1001', role: 'staff' }),
    audit: () => undefined,
    answerWaitMs: 2_000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    log: logging.log.child({ room: 'community' }),
  });
  room.start();
  const photos: Buffer[] = [];
  const stage = (bytes: Buffer, mime: 'image/jpeg' | 'image/png' = 'image/jpeg') => {
    photos.push(bytes);
    const r = room.stagePhoto({ mime, bytes });
    if (!r.ok) throw new Error(r.message);
    return r.value.photoId;
  };
  const services = await room.services();
  if (!services.ok) throw new Error(services.message);
  const apply = async (serviceId: string, account = '3100123456') => {
    const service = services.value.find((s) => s.id === serviceId);
    if (!service) throw new Error(serviceId);
    return room.submitApplication({
      serviceId,
      billerId: 'sh-power',
      account,
      applicant: { name: NAME, phone: PHONE },
      fields: { ...formFor(service), phone: PHONE },
      documents: pagesFor(service).map((d) => ({
        documentId: d.documentId,
        photos: Array.from({ length: d.pages }, () => stage(jpeg(8 * 1024))),
      })),
      signature: { photo: stage(png(2048), 'image/png'), signedAt: Date.now() },
      consent: { smsNotices: true, termsVersion: '2026-01' },
    });
  };
  expect(await apply('multi-person-household')).toMatchObject({ state: 'accepted' });
  expect(await apply('real-name', '3100999999')).toMatchObject({ state: 'rejected' });
  sim.setFaults([{ route: '*', kind: 'malformed_json' }]);
  expect(await apply('ev-charger')).toMatchObject({ state: 'pending' });
  sim.clearFaults();
  room.discardPhotos([stage(jpeg(4096))]);
  stage(jpeg(4096)); // left staged
  await room.care.alerts();
  await room.close();
  await logging.close();

  const bundle = await writeDiagnosticBundle({
    config,
    devices: [],
    journal: readJournalFigures({
      db,
      journal: new PaymentJournal(db),
      cashBox: new CashBox(db, new PaymentJournal(db), new StaffItems(db), Date.now),
      staffItems: new StaffItems(db),
    }),
  });
  const out = tmp.file('unpacked');
  mkdirSync(out);
  const tar = spawnSync('tar', ['-xzf', bundle.file, '-C', out], { encoding: 'utf8' });
  expect(tar.status, tar.stderr).toBe(0);

  const unpacked = allFiles(out);
  expect(unpacked.some((f) => f.includes(`logs${path.sep}`))).toBe(true);
  expect(unpacked.map((f) => path.relative(out, f)).join('\n')).not.toMatch(
    /photo|community-photos/,
  );
  const searched = [...unpacked, ...allFiles(tmp.file('log'))].map((f) => ({
    f,
    bytes: readFileSync(f),
  }));
  // The logs did say what happened, so the search looked at something.
  const logText = searched.map((s) => s.bytes.toString('utf8')).join('\n');
  expect(logText).toContain('community application journalled');
  const vaultNames = readdirSync(tmp.file('community-photos'));
  expect(vaultNames.length).toBeGreaterThan(0); // the pending one's and the staged one
  for (const { f, bytes } of searched) {
    const text = bytes.toString('utf8');
    expect(text.includes(NAME), `${f}: the applicant's name`).toBe(false);
    expect(text.includes(PHONE), `${f}: the applicant's phone`).toBe(false);
    for (const name of vaultNames) expect(text.includes(name), `${f}: ${name}`).toBe(false);
    for (const photo of photos) {
      for (let at = 16; at + 16 <= photo.length; at += 1024) {
        const piece = photo.subarray(at, at + 16);
        expect(bytes.includes(piece), `${f}: photo bytes`).toBe(false);
        expect(text.includes(piece.toString('hex')), `${f}: photo bytes as hex`).toBe(false);
      }
      const b64 = photo.toString('base64');
      for (let at = 0; at + 24 <= b64.length; at += 2048) {
        expect(text.includes(b64.slice(at, at + 24)), `${f}: photo bytes as base64`).toBe(false);
      }
    }
  }
}, 30_000);
