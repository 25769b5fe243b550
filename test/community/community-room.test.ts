// The room's face as the screens' flows will call it, against the gateway simulator over HTTP:
// each of the six services applied for with photos and a signature (the gateway holds every
// document, the terminal none), refusals said before anything is journalled, a submission that
// cannot reach the gateway accepted for later and delivered once it can, the seeded "needs more"
// answered, a VAT invoice with its register lookup, and the staff-only care view and notices
// (refused with nobody signed in; every step audited).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../offline-queue/open-journal';
import {
  type CommunityAuditEntry,
  type CommunityRoom,
  type Service,
  type StaffOnDuty,
  type SubmissionReceipt,
} from '../../src/community';
import { DEMO_COMMUNITY, DEMO_TAX_IDS } from '../../sim/gateway/community-seed';
import type { GatewaySim } from '../../sim/gateway/server';
import type { TempDir } from '../offline-queue/journal-fixture';
import { roomOnSimulator, type RoomOnSimulator } from './room-on-simulator';
import { formFor, jpeg, pagesFor, png } from './fixtures';

let tmp: TempDir;
let sim: GatewaySim;
let db: JournalDb;
let room: CommunityRoom;
let onDuty: StaffOnDuty | null;
let audit: CommunityAuditEntry[];

let opened: RoomOnSimulator;

beforeEach(async () => {
  onDuty = null;
  audit = [];
  opened = await roomOnSimulator('community-room', {
    community: DEMO_COMMUNITY,
    onDuty: () => onDuty,
    audit: (e) => audit.push(e),
  });
  ({ tmp, sim, db, room } = opened);
});

afterEach(() => opened.close());

const photoFiles = () => readdirSync(tmp.file('community-photos'));

function stage(bytes = jpeg()): number {
  const r = room.stagePhoto({ mime: 'image/jpeg', bytes });
  if (!r.ok) throw new Error(r.message);
  return r.value.photoId;
}

async function catalogue(): Promise<Service[]> {
  const r = await room.services();
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

async function apply(service: Service): Promise<SubmissionReceipt> {
  const documents = pagesFor(service).map((d) => ({
    documentId: d.documentId,
    photos: Array.from({ length: d.pages }, () => stage()),
  }));
  const signature = room.stagePhoto({ mime: 'image/png', bytes: png() });
  if (!signature.ok) throw new Error(signature.message);
  const r = await room.submitApplication({
    serviceId: service.id,
    billerId: 'sh-power',
    account: '3100123456',
    applicant: { name: '张明', phone: '13800138000' },
    fields: formFor(service),
    documents,
    signature: { photo: signature.value.photoId, signedAt: Date.now() },
    consent: { smsNotices: true, termsVersion: '2026-01' },
  });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

describe('applications through the room', () => {
  it('each of the six services: accepted with a tracking code, every document at the gateway, no photo left', async () => {
    const services = await catalogue();
    expect(services).toHaveLength(6);
    for (const service of services) {
      const receipt = await apply(service);
      expect(receipt, service.id).toMatchObject({ state: 'accepted', kind: 'application' });
      expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(receipt.receiptQr).toBe(`KIOSK-APP:${receipt.serial}`);
      const atGateway = sim.community().applications.find((a) => a.serial === receipt.serial);
      const stored = db
        .prepare('SELECT request_json AS r FROM community_submission WHERE serial = ?')
        .get(receipt.serial) as { r: string };
      const sent = JSON.parse(stored.r) as { documents: unknown };
      expect(JSON.parse(atGateway?.documents ?? 'null')).toEqual(sent.documents);
      const progress = await room.progressByTrackingCode(
        (receipt.trackingCode ?? '').toLowerCase().replace('-', ''),
        '8000',
      );
      expect(progress.ok && progress.value.status).toBe('received');
      expect(sim.stats().community[`application:${receipt.serial}`]).toMatchObject({ commits: 1 });
    }
    expect(photoFiles()).toEqual([]);
  });

  it('refuses at once what the gateway would refuse, journalling nothing', async () => {
    const [mph] = await catalogue();
    if (!mph) throw new Error('no catalogue');
    const base = {
      serviceId: mph.id,
      billerId: 'sh-power',
      account: '3100123456',
      applicant: { name: '张明', phone: '13800138000' },
      fields: formFor(mph),
      documents: pagesFor(mph).map((d) => ({
        documentId: d.documentId,
        photos: [stage(), stage()].slice(0, d.pages),
      })),
      consent: { smsNotices: true, termsVersion: '2026-01' },
    };
    const sig = stage();
    const cases = [
      [{ ...base, serviceId: 'nothing' }, 'unknown_service'],
      [{ ...base, fields: { ...base.fields, persons: 3 } }, 'invalid_field'],
      [{ ...base, fields: { phone: '13800138000' } }, 'missing_field'],
      [{ ...base, applicant: { name: '张明', phone: '12345' } }, 'invalid_field'],
      [
        { ...base, signature: { photo: sig, signedAt: 0 }, documents: base.documents.slice(1) },
        'missing_document',
      ],
      [{ ...base }, 'missing_document'], // no signature
      [
        {
          ...base,
          fields: { ...base.fields, persons: 6 },
          signature: { photo: 9999, signedAt: 0 },
        },
        'photo_unknown',
      ],
    ] as const;
    for (const [draft, code] of cases) {
      const r = await room.submitApplication(draft);
      expect(r, code).toMatchObject({ ok: false, reason: 'invalid', code });
    }
    expect(db.prepare('SELECT count(*) AS n FROM community_submission').get()).toEqual({ n: 0 });
    expect(room.stagePhoto({ mime: 'image/jpeg', bytes: png() })).toMatchObject({
      ok: false,
      code: 'unsupported_media',
    });
    expect(room.stagePhoto({ mime: 'image/jpeg', bytes: jpeg(4 * 1024 * 1024) })).toMatchObject({
      ok: false,
      code: 'too_large',
    });
  });

  it('a retaken photo is gone at once', async () => {
    const id = stage();
    expect(photoFiles()).toHaveLength(1);
    room.discardPhotos([id]);
    expect(photoFiles()).toEqual([]);
  });

  it('when the gateway cannot be reached it is accepted for later, and delivered once it can be', async () => {
    const services = await catalogue();
    const realName = services.find((s) => s.id === 'real-name');
    if (!realName) throw new Error('no real-name');
    sim.setFaults([{ route: '*', kind: '503', retryAfter: 0 }]);
    const receipt = await apply(realName);
    expect(receipt).toMatchObject({ state: 'pending', trackingCode: null });
    expect(receipt.receiptQr).toBe(`KIOSK-APP:${receipt.serial}`);
    expect(room.waiting().map((w) => w.serial)).toEqual([receipt.serial]);
    expect(photoFiles().length).toBeGreaterThan(0); // still on the terminal, encrypted
    sim.clearFaults();
    room.retryNow();
    const deadline = Date.now() + 5_000;
    while (room.submission(receipt.serial)?.state !== 'accepted' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const now = room.submission(receipt.serial);
    expect(now).toMatchObject({ state: 'accepted' });
    expect(now?.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(room.waiting()).toEqual([]);
    expect(photoFiles()).toEqual([]);
    expect(sim.stats().community[`application:${receipt.serial}`]).toMatchObject({ commits: 1 });
  });

  it('the seeded "needs more": looked up by code, answered with the documents asked for', async () => {
    const progress = await room.progressByTrackingCode('N3ED-5MR8', '5678');
    if (!progress.ok) throw new Error(progress.message);
    expect(progress.value.status).toBe('needs_more');
    const serial = progress.value.applicationSerial ?? '';
    const r = await room.addDocuments({
      applicationSerial: serial,
      documents: [{ documentId: 'property-certificate', photos: [stage(), stage()] }],
    });
    expect(r).toMatchObject({
      ok: true,
      state: 'accepted',
      kind: 'documents',
      receiptQr: `KIOSK-APP:${serial}`,
    });
    const after = await room.progressBySerial(serial);
    expect(after.ok && after.value.status).toBe('in_review');
    expect(photoFiles()).toEqual([]);
  });
});

describe('VAT invoices through the room', () => {
  it('a bad code is refused before the gateway; a register lookup, then the request with evidence', async () => {
    expect(await room.invoiceTitle('91350100M000100Y44')).toMatchObject({
      ok: false,
      reason: 'invalid',
      code: 'invalid_tax_id',
    });
    expect(sim.requests({ route: 'GET /v1/invoice-titles' })).toEqual([]);
    const taxId = DEMO_TAX_IDS[0] ?? '';
    const title = await room.invoiceTitle(` ${taxId.toLowerCase()} `);
    if (!title.ok) throw new Error(title.message);
    const points = await room.pickupPoints();
    if (!points.ok) throw new Error(points.message);
    const r = await room.requestInvoice({
      billerId: 'sh-power',
      account: '3100123456',
      periods: ['2026-10'],
      type: 'special',
      buyer: { ...title.value, taxId },
      delivery: { pickupPointId: points.value[0]?.id ?? '' },
      phone: '13800138000',
      evidence: [stage()],
    });
    expect(r).toMatchObject({ ok: true, state: 'accepted', kind: 'invoice' });
    if (!r.ok) return;
    const progress = await room.invoiceProgress(r.serial);
    expect(progress.ok && progress.value.status).toBe('received');
    expect(
      await room.requestInvoice({
        billerId: 'sh-power',
        account: '3100123456',
        periods: ['2026-10'],
        type: 'normal',
        buyer: { ...title.value, taxId: '91350100M000100Y44' },
        delivery: { email: 'a@example.com' },
        phone: '13800138000',
      }),
    ).toMatchObject({ ok: false, code: 'invalid_tax_id' });
  });
});

describe('staff only: the care view and notices', () => {
  it('refused with nobody signed in, and nothing asked of the gateway', async () => {
    expect(await room.care.alerts()).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await room.care.households()).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await room.notices.sent()).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(sim.requests()).toEqual([]);
  });

  it('alerts, households and an outcome, every step audited and logged at the gateway', async () => {
    onDuty = { staffNumber: '1001', role: 'staff' };
    const alerts = await room.care.alerts();
    if (!alerts.ok) throw new Error(alerts.message);
    expect(alerts.value.map((a) => a.kind).sort()).toEqual(['low_usage', 'spike']);
    const homes = await room.care.households();
    expect(homes.ok && homes.value.every((h) => h.readings.length === 30)).toBe(true);
    const low = alerts.value.find((a) => a.kind === 'low_usage');
    const outcome = await room.care.recordOutcome(
      low?.alertId ?? '',
      'called_ok',
      '电话联系，老人外出',
    );
    expect(outcome.ok).toBe(true);
    expect(audit.map((a) => [a.action, a.actor.staffNumber])).toEqual([
      ['care.view', '1001'],
      ['care.view', '1001'],
      ['care.outcome', '1001'],
    ]);
    // No personal data in the audit: no note, no holder, no contact.
    expect(JSON.stringify(audit)).not.toMatch(/老人|王|138/);
    expect(sim.community().careReads.map((r) => r.staffId)).toEqual(['1001', '1001']);
  });

  it('a notice from a template: preview, send once, the sent list', async () => {
    onDuty = { staffNumber: '1001', role: 'staff' };
    const values = { date: '12月10日', time: '9:00', place: '居委会活动室' };
    const preview = room.notices.preview('safety-talk', values);
    expect(preview.ok && preview.value['zh-CN']).toContain('居委会活动室');
    expect(room.notices.preview('safety-talk', { date: '12月10日' })).toMatchObject({
      ok: false,
      code: 'missing_field',
    });
    const r = await room.notices.send({ templateId: 'safety-talk', values, tags: ['elder'] });
    expect(r).toMatchObject({ ok: true, state: 'accepted', kind: 'notice' });
    expect(r.ok && (r.reply?.recipients as number)).toBeGreaterThan(0);
    const sent = await room.notices.sent();
    expect(sent.ok && sent.value.map((n) => n.noticeSerial)).toEqual([r.ok ? r.serial : '']);
    expect(audit.map((a) => a.action)).toEqual(['notices.send', 'notices.view']);
  });
});

it('the vault is the folder it was given, private to the kiosk', () => {
  expect(path.basename(room.vault.dir)).toBe('community-photos');
  expect(statSync(room.vault.dir).mode & 0o777).toBe(0o700);
});
