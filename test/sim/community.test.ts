// The gateway simulator's community service routes, through the kiosk's own client (so every
// reply also passes the kiosk's schemas): the catalogue, uploads checked by hash, applications
// of each service moving on the simulator's clock, the seeded ones (needs more, rejected), VAT
// invoice titles and requests, the care programme (staff only, every read logged), notices
// counted by consenting recipients, and faults on every new route.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTaxId } from '../../src/community/checks';
import { CommunityClient } from '../../src/community/client';
import type { ApplicationRequest, Service } from '../../src/community/contract';
import {
  DEMO_COMMUNITY,
  DEMO_HOUSEHOLDS,
  DEMO_RESIDENTS,
  DEMO_SERVICES,
  DEMO_TAX_IDS,
} from '../../sim/gateway/community-seed';
import { COMMUNITY_ROUTES } from '../../sim/gateway/community-routes';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { TERMINAL } from './signed-fetch';
import { HOUR, MINUTE, startTestSim, type TestSim } from './sim-fixture';
import { formFor, jpeg, pagesFor, png, sha256, uploadBody } from '../community/fixtures';

const DAY = 24 * HOUR;
/** 2026-12-06 10:03:30 in Shanghai, the contract's example submission. */
const START = '2026-12-06T10:03:30.000+08:00';

let s: TestSim;
let client: CommunityClient;
let serialNo = 0;

beforeEach(async () => {
  s = await startTestSim({ start: START });
  client = new CommunityClient({
    baseUrl: s.sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: 5_000,
    clock: () => s.now().getTime(),
  });
});
afterEach(() => s.close());

const nextSerial = () => `${TERMINAL}-20261206-${String(++serialNo).padStart(6, '0')}`;

async function upload(bytes = jpeg()): Promise<string> {
  const r = await client.upload(uploadBody(bytes));
  if (!r.ok) throw new Error(`upload refused: ${JSON.stringify(r)}`);
  expect(r.status).toBe(201);
  return r.body.uploadId;
}

/** A complete application for a service, its documents and signature uploaded first. */
async function applicationFor(
  service: Service,
  over: Partial<ApplicationRequest> = {},
): Promise<ApplicationRequest> {
  const documents = [];
  for (const d of pagesFor(service)) {
    const uploadIds = [];
    for (let i = 0; i < d.pages; i++) uploadIds.push(await upload());
    documents.push({ documentId: d.documentId, uploadIds });
  }
  const signature = service.signature
    ? { signature: { uploadId: await upload(), signedAt: START } }
    : {};
  return {
    applicationSerial: nextSerial(),
    serviceId: service.id,
    billerId: 'sh-power',
    account: '3100123456',
    applicant: { name: '王芳', phone: '13800138000' },
    fields: formFor(service),
    documents,
    ...signature,
    consent: { smsNotices: true, termsVersion: '2026-01' },
    submittedAt: START,
    ...over,
  };
}

const service = (id: string): Service => {
  const found = DEMO_SERVICES.find((x) => x.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('the catalogue', () => {
  it('offers the six services, each with fields, documents and a signature', async () => {
    const r = await client.services();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body.services.map((x) => x.id)).toEqual([
      'multi-person-household',
      'capacity-increase',
      'meter-verification',
      'real-name',
      'ev-charger',
      'pv-grid-connection',
    ]);
    for (const x of r.body.services) {
      expect(x.fields.length).toBeGreaterThan(0);
      expect(x.documents.length).toBeGreaterThan(0);
      expect(x.fields.some((f) => f.kind === 'phone')).toBe(true);
    }
    const kinds = new Set(r.body.services.flatMap((x) => x.fields.map((f) => f.kind)));
    expect([...kinds].sort()).toEqual(['choice', 'date', 'integer', 'phone', 'text']);
  });
});

describe('uploads', () => {
  it('checks the hash; the same bytes give the same uploadId', async () => {
    const bytes = jpeg();
    const a = await client.upload(uploadBody(bytes));
    const b = await client.upload(uploadBody(bytes));
    expect(a.ok && b.ok && a.body.uploadId === b.body.uploadId).toBe(true);
    const png1 = await client.upload(uploadBody(png(), 'image/png'));
    expect(png1.ok).toBe(true);
    const wrong = await client.upload(
      JSON.stringify({
        mime: 'image/jpeg',
        sha256: sha256(jpeg()),
        bytes: bytes.toString('base64'),
      }),
    );
    expect(wrong).toMatchObject({ ok: false, status: 422, code: 'hash_mismatch' });
    const notJpeg = await client.upload(uploadBody(png(), 'image/jpeg'));
    expect(notJpeg).toMatchObject({ ok: false, status: 422, code: 'unsupported_media' });
    expect(s.sim.stats().community[`upload:${sha256(bytes)}`]).toMatchObject({
      commits: 1,
      replays: 1,
    });
  });

  it('takes 4 MiB and refuses more; other routes still stop at 64 KiB', async () => {
    const four = jpeg(4 * 1024 * 1024 - 6);
    expect((await client.upload(uploadBody(four))).ok).toBe(true);
    const over = await client.upload(uploadBody(jpeg(4 * 1024 * 1024)));
    expect(over).toMatchObject({ ok: false, status: 413 });
    const big = await s.post('/v1/applications', { pad: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });
});

describe('applications', () => {
  it.each(DEMO_SERVICES.map((x) => x.id))(
    '%s: received, then on through its timeline on the simulator clock',
    async (id) => {
      const req = await applicationFor(service(id));
      const r = await client.submitApplication(JSON.stringify(req));
      expect(r).toMatchObject({ ok: true, status: 201, body: { status: 'received' } });
      if (!r.ok) return;
      const again = await client.submitApplication(JSON.stringify(req));
      expect(again.ok && again.body).toEqual(r.body);
      const status = async () => {
        const p = await client.application(req.applicationSerial);
        if (!p.ok) throw new Error(JSON.stringify(p));
        return p.body;
      };
      expect((await status()).status).toBe('received');
      s.advance(11 * MINUTE);
      expect((await status()).status).toBe('in_review');
      s.advance(DAY);
      const visit = ['capacity-increase', 'meter-verification', 'ev-charger', 'pv-grid-connection'];
      const after = await status();
      expect(after.status).toBe(visit.includes(id) ? 'site_visit' : 'approved');
      if (after.status === 'site_visit') expect(after.visitAt).toBeDefined();
      s.advance(5 * DAY);
      const done = await status();
      expect(done.status).toBe('completed');
      expect(done.timeline.map((e) => e.status)[0]).toBe('received');
      // By tracking code and the phone's last four, from any kiosk; a wrong last four is 404.
      const byCode = await client.applicationByTrackingCode(r.body.trackingCode, '8000');
      expect(byCode.ok && byCode.body.applicationId).toBe(r.body.applicationId);
      const wrong = await client.applicationByTrackingCode(r.body.trackingCode, '0000');
      expect(wrong).toMatchObject({ ok: false, status: 404 });
      expect(s.sim.stats().community[`application:${req.applicationSerial}`]).toMatchObject({
        commits: 1,
        replays: 1,
        conflicts: 0,
      });
    },
  );

  it('the same serial with another body is 409 serial_conflict', async () => {
    const req = await applicationFor(service('real-name'));
    expect((await client.submitApplication(JSON.stringify(req))).ok).toBe(true);
    const other = { ...req, applicant: { ...req.applicant, name: '王小芳' } };
    expect(await client.submitApplication(JSON.stringify(other))).toMatchObject({
      ok: false,
      status: 409,
      code: 'serial_conflict',
    });
  });

  it('refuses with the contract 422 codes, committing nothing', async () => {
    const mph = service('multi-person-household');
    const base = await applicationFor(mph);
    const cases: [Partial<ApplicationRequest>, string][] = [
      [{ serviceId: 'no-such-service' }, 'unknown_service'],
      [{ fields: { phone: '13800138000' } }, 'missing_field'],
      [{ fields: { persons: 3, phone: '13800138000' } }, 'invalid_field'],
      [{ documents: base.documents.slice(1) }, 'missing_document'],
      [{ account: '3100555555' }, 'account_not_found'],
      [{ account: '3100999999' }, 'not_eligible'],
      [
        {
          documents: [
            { documentId: 'household-register', uploadIds: ['up_nothere'] },
            ...base.documents.slice(1),
          ],
        },
        'upload_expired',
      ],
    ];
    for (const [over, code] of cases) {
      const r = await client.submitApplication(
        JSON.stringify({ ...base, ...over, applicationSerial: nextSerial() }),
      );
      expect(r, code).toMatchObject({ ok: false, status: 422, code });
    }
    expect(s.sim.community().applications).toHaveLength(4); // the seeded ones only
  });

  it('an upload unused for 24 h is gone: upload_expired, until it is uploaded again', async () => {
    const req = await applicationFor(service('real-name'));
    s.advance(DAY + MINUTE);
    const late = await client.submitApplication(JSON.stringify(req));
    expect(late).toMatchObject({ ok: false, status: 422, code: 'upload_expired' });
  });

  it('seeded: one in review, one asking for more documents (answered here), one rejected', async () => {
    const review = await client.applicationByTrackingCode('K7QH-2M9D', '8000');
    expect(review.ok && review.body.status).toBe('in_review');
    const more = await client.applicationByTrackingCode('n3ed5mr8', '5678');
    expect(more.ok && more.body).toMatchObject({
      status: 'needs_more',
      requested: [{ documentId: 'property-certificate' }],
    });
    const rejected = await client.applicationByTrackingCode('R9TB-7WXC', '1234');
    expect(rejected.ok && rejected.body.status).toBe('rejected');
    expect(rejected.ok && rejected.body.reason?.['zh-CN']).toContain('物业');
    if (!more.ok || !more.body.applicationSerial) throw new Error('no serial');
    const body = JSON.stringify({
      supplementSerial: nextSerial(),
      documents: [{ documentId: 'property-certificate', uploadIds: [await upload()] }],
      submittedAt: START,
    });
    const added = await client.addDocuments(more.body.applicationSerial, body);
    expect(added).toMatchObject({ ok: true, status: 201, body: { status: 'in_review' } });
    expect((await client.addDocuments(more.body.applicationSerial, body)).ok).toBe(true);
    const now = await client.applicationByTrackingCode('N3ED-5MR8', '5678');
    expect(now.ok && now.body.status).toBe('in_review');
  });
});

describe('VAT invoices', () => {
  it('the register has its seeded companies, all with valid codes', async () => {
    expect(DEMO_TAX_IDS.length).toBeGreaterThanOrEqual(3);
    for (const id of DEMO_TAX_IDS) {
      expect(isTaxId(id)).toBe(true);
      const r = await client.invoiceTitle(id);
      expect(r.ok && r.body.name.length).toBeGreaterThan(0);
    }
    expect(await client.invoiceTitle('91350100M000100Y43')).toMatchObject({ status: 404 });
    expect(await client.invoiceTitle('91350100M000100Y44')).toMatchObject({
      status: 422,
      code: 'invalid_tax_id',
    });
    const points = await client.pickupPoints(DEMO_COMMUNITY);
    expect(points.ok && points.body.points.length).toBe(3);
  });

  it('a request for paid periods, once; unpaid ones need evidence; a bad code is 422', async () => {
    const title = (await client.invoiceTitle(DEMO_TAX_IDS[0] ?? '')) as {
      ok: true;
      body: Record<string, string>;
    };
    const buyer = { ...title.body, taxId: DEMO_TAX_IDS[0] };
    const req = {
      requestSerial: nextSerial(),
      billerId: 'sh-power',
      account: '3100123456',
      periods: ['2026-10'],
      type: 'special',
      buyer,
      delivery: { pickupPointId: 'pp-wukang-committee' },
      phone: '13800138000',
    };
    expect(await client.requestInvoice(JSON.stringify(req))).toMatchObject({
      ok: false,
      code: 'period_not_paid',
    });
    const withEvidence = { ...req, paymentEvidence: [{ uploadId: await upload() }] };
    const r = await client.requestInvoice(JSON.stringify(withEvidence));
    expect(r).toMatchObject({ ok: true, status: 201, body: { status: 'received' } });
    const twice = { ...withEvidence, requestSerial: nextSerial() };
    expect(await client.requestInvoice(JSON.stringify(twice))).toMatchObject({
      code: 'already_invoiced',
    });
    const badCode = {
      ...req,
      requestSerial: nextSerial(),
      buyer: { ...buyer, taxId: '91350100M000100Y44' },
    };
    expect(await client.requestInvoice(JSON.stringify(badCode))).toMatchObject({
      status: 422,
      code: 'invalid_tax_id',
    });
    s.advance(2 * HOUR);
    const issued = await client.invoice(req.requestSerial);
    expect(issued.ok && issued.body.status).toBe('issued');
    expect(issued.ok && issued.body.invoiceNumber).toMatch(/^\d{8}$/);
    s.advance(DAY);
    const ready = await client.invoice(req.requestSerial);
    expect(ready.ok && ready.body.status).toBe('ready_for_pickup');
  });
});

describe('community care (staff only)', () => {
  it('refuses a request without X-Staff-Id', async () => {
    const r = await s.get(`/v1/care/alerts?community=${DEMO_COMMUNITY}&status=open`);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'staff_only' });
  });

  it('one alert of each kind, households with 30 daily readings that show them; every read logged', async () => {
    const alerts = await client.careAlerts(DEMO_COMMUNITY, '1001');
    if (!alerts.ok) throw new Error(JSON.stringify(alerts));
    expect(alerts.body.alerts.map((a) => a.kind).sort()).toEqual(['low_usage', 'spike']);
    const low = alerts.body.alerts.find((a) => a.kind === 'low_usage');
    expect(low?.household.holder).toBe('王*芳');
    expect(low?.household.contact).toBe('138****8000');
    expect((low?.evidence.last24hKwh ?? 9) / (low?.evidence.median30dKwh ?? 1)).toBeLessThan(0.3);
    const homes = await client.careHouseholds(DEMO_COMMUNITY, '1001');
    if (!homes.ok) throw new Error(JSON.stringify(homes));
    expect(homes.body.households).toHaveLength(DEMO_HOUSEHOLDS.length);
    for (const h of homes.body.households) expect(h.readings).toHaveLength(30);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const spikeHome = homes.body.households.find((h) => h.householdId === 'hh-05');
    const kwh = spikeHome?.readings.map((r) => r.kwh) ?? [];
    for (const k of kwh.slice(-3)) expect(k).toBeGreaterThan(3 * median(kwh.slice(0, 27)));
    const lowHome = homes.body.households.find((h) => h.householdId === 'hh-01');
    const lows = lowHome?.readings.map((r) => r.kwh) ?? [];
    expect(lows.at(-1) ?? 9).toBeLessThan(0.3 * median(lows.slice(0, 29)));
    expect(s.sim.community().careReads.map((r) => [r.staffId, r.route])).toEqual([
      ['1001', 'GET /v1/care/alerts'],
      ['1001', 'GET /v1/care/households'],
    ]);
  });

  it('an outcome closes the alert, idempotent on (alert, outcome, by)', async () => {
    const alerts = await client.careAlerts(DEMO_COMMUNITY, '1001');
    const id = (alerts.ok && alerts.body.alerts[0]?.alertId) || '';
    const req = { outcome: 'visited_ok', note: '上门探望，老人安好', by: '1001' } as const;
    const a = await client.careOutcome(id, req, '1001');
    s.advance(MINUTE);
    const b = await client.careOutcome(id, req, '1001');
    expect(a.ok && b.ok && a.body.recordedAt === b.body.recordedAt).toBe(true);
    expect(s.sim.community().careOutcomes).toHaveLength(1);
    const open = await client.careAlerts(DEMO_COMMUNITY, '1001');
    expect(open.ok && open.body.alerts.map((x) => x.alertId)).not.toContain(id);
    expect(await client.careOutcome('ca_none', req, '1001')).toMatchObject({ status: 404 });
  });
});

describe('community notices (staff only)', () => {
  it('counts consenting residents with every tag, once per serial; the sent list counts deliveries', async () => {
    const req = {
      noticeSerial: nextSerial(),
      community: DEMO_COMMUNITY,
      audience: { tags: ['elder', 'building-12'] },
      text: { 'zh-CN': '12月10日上午9点在居委会举办安全用电讲座。' },
      sendAt: START,
    };
    const expected = DEMO_RESIDENTS.filter(
      (r) => r.consented && r.tags.includes('elder') && r.tags.includes('building-12'),
    ).length;
    expect(expected).toBeGreaterThan(0);
    const r = await client.sendNotice(JSON.stringify(req), '1001');
    expect(r).toMatchObject({ ok: true, status: 201, body: { recipients: expected } });
    const again = await client.sendNotice(JSON.stringify(req), '1001');
    expect(again.ok && again.body).toEqual(r.ok && r.body);
    const sent = await client.sentNotices(DEMO_COMMUNITY, '1001');
    expect(sent.ok && sent.body.notices).toHaveLength(1);
    expect(sent.ok && sent.body.notices[0]?.delivered).toBe(0);
    s.advance(3 * MINUTE);
    const later = await client.sentNotices(DEMO_COMMUNITY, '1001');
    expect(later.ok && later.body.notices[0]?.delivered).toBeGreaterThan(0);
    const tooLong = { ...req, noticeSerial: nextSerial(), text: { 'zh-CN': '字'.repeat(301) } };
    expect(await client.sendNotice(JSON.stringify(tooLong), '1001')).toMatchObject({
      status: 400,
    });
  });
});

describe('faults on the community routes', () => {
  it.each(COMMUNITY_ROUTES.map((r) => r.key))('%s takes an injected 503', async (key) => {
    s.sim.setFaults([{ route: key, kind: '503', times: 1 }]);
    const [method, path] = key.split(' ') as ['GET' | 'POST', string];
    const url = path.replace(':serial', `${TERMINAL}-20261206-000001`).replace(':id', 'ca_x');
    const r = method === 'GET' ? await s.get(url) : await s.post(url, {});
    expect(r.status).toBe(503);
    expect(s.sim.faults()).toEqual([]);
  });
});
