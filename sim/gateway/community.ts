// The community service routes (community-services.md): the catalogue, uploads checked by hash,
// applications moving through their timeline on the simulator's clock, additions of documents,
// invoice titles and requests, the care programme's alerts, households and outcomes, and
// notices counted by consenting recipients. Every POST is idempotent on its serial (or an
// upload on its hash): the same body answers the first answer again, another body is
// `409 serial_conflict`. Choices the contract leaves open: README.md, "Community services".
import { createHash, randomBytes } from 'node:crypto';
import { isTaxId, normalizeTrackingCode } from '../../src/community/checks';
import {
  MAX_UPLOAD_BYTES,
  type ApplicationProgress,
  type ApplicationRequest,
  type ApplicationStatus,
  type DocumentsRequest,
  type InvoiceProgress,
  type InvoiceRequest,
  type InvoiceStatus,
  type LocalText,
  type NoticeRequest,
  type Service,
  type UploadRequest,
} from '../../src/community/contract';
import { documentProblem, fieldProblem } from '../../src/community/form-check';
import { sha256Hex } from '../../src/gateway/signature';
import { canonicalJson } from './canonical';
import {
  DEMO_COMMUNITY,
  DEMO_HOUSEHOLDS,
  DEMO_PICKUP_POINTS,
  DEMO_RESIDENTS,
  DEMO_SERVICES,
  DEMO_TAX_REGISTER,
  dailyKwh,
} from './community-seed';
import type { ApplicationRow, ApplicationScript, CommunityStore } from './community-store';
import { fail, ok, type Reply } from './reply';
import { addDays, businessDate, isoShanghai } from './shanghai-time';
import type { GatewayStore } from './store';

/** What one idempotent POST did to its serial; the simulator's statistics count these. */
export type CommunityEvent = 'commit' | 'replay' | 'conflict' | 'reject';
/** `key` is `kind:serial`, e.g. `application:SH-…-000001`, `upload:<sha256>`. */
export type CommunityObserver = (key: string, event: CommunityEvent) => void;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** An upload nobody uses is deleted after this long (the contract: 24 h). */
export const UPLOAD_TTL_MS = DAY;
/** Notices are delivered this long after sendAt; one recipient in forty is not reached. */
const NOTICE_DELIVERY_MS = 2 * MINUTE;

const created = (body: unknown): Reply => ({ status: 201, body });
const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
const randomId = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

export function service(id: string): Service | undefined {
  return DEMO_SERVICES.find((s) => s.id === id);
}

/**
 * Runs an idempotent POST: the first answer for a serial is stored (successes only: a 4xx
 * commits nothing, and the same body is decided again), the same body gets it again, another
 * body or another terminal `409 serial_conflict`.
 */
function idempotent(
  c: CommunityStore,
  kind: string,
  serial: string,
  terminalId: string,
  body: unknown,
  now: Date,
  observe: CommunityObserver,
  decide: () => Reply,
): Reply {
  const requestHash = sha256Hex(canonicalJson(body));
  const key = `${kind}:${serial}`;
  return c.transaction(() => {
    const prior = c.answer(kind, serial);
    if (prior) {
      if (prior.terminalId !== terminalId || prior.requestHash !== requestHash) {
        observe(key, 'conflict');
        return fail(409, 'serial_conflict', `${serial} was already used with another body`);
      }
      observe(key, 'replay');
      return { status: prior.httpStatus, body: JSON.parse(prior.response) };
    }
    const reply = decide();
    if (reply.status >= 300) {
      observe(key, 'reject');
      return reply;
    }
    c.storeAnswer(
      kind,
      serial,
      { terminalId, requestHash, httpStatus: reply.status, response: JSON.stringify(reply.body) },
      now.getTime(),
    );
    observe(key, 'commit');
    return reply;
  });
}

// --- Uploads -------------------------------------------------------------------------------

/** The image's own first bytes must say what the mime says. */
function looksLike(mime: string, bytes: Buffer): boolean {
  if (mime === 'image/jpeg') return bytes.length > 3 && bytes.readUIntBE(0, 3) === 0xffd8ff;
  return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'));
}

export function postUpload(
  store: GatewayStore,
  terminalId: string,
  req: UploadRequest,
  now: Date,
  observe: CommunityObserver,
): Reply {
  const c = store.community;
  const bytes = Buffer.from(req.bytes, 'base64');
  if (bytes.toString('base64') !== req.bytes) {
    return fail(400, 'bad_request', 'bytes: not canonical base64');
  }
  if (bytes.length > MAX_UPLOAD_BYTES)
    return fail(413, 'too_large', `the image is ${bytes.length} bytes; at most 4 MiB`);
  if (!looksLike(req.mime, bytes)) {
    return fail(422, 'unsupported_media', `the bytes are not a ${req.mime} image`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== req.sha256) {
    observe(`upload:${req.sha256}`, 'reject');
    return fail(422, 'hash_mismatch', 'the bytes do not have the sha256 given');
  }
  return c.transaction(() => {
    c.dropExpiredUploads(now.getTime());
    const prior = c.upload(terminalId, req.sha256);
    // The same bytes give the same uploadId, also after an unused upload expired.
    const uploadId =
      prior?.uploadId ??
      `up_${createHash('sha256').update(`${terminalId}:${req.sha256}`).digest('hex').slice(0, 24)}`;
    const expiresAtMs = now.getTime() + UPLOAD_TTL_MS;
    c.saveUpload({
      terminalId,
      sha256: req.sha256,
      uploadId,
      mime: req.mime,
      size: bytes.length,
      firstAtMs: prior?.firstAtMs ?? now.getTime(),
      expiresAtMs,
      usedBy: prior?.usedBy ?? null,
    });
    observe(`upload:${req.sha256}`, prior ? 'replay' : 'commit');
    return created({ uploadId, expiresAt: isoShanghai(new Date(expiresAtMs)) });
  });
}

/** The first upload id that is not this terminal's live upload, or null. */
function expiredUpload(
  c: CommunityStore,
  terminalId: string,
  ids: readonly string[],
  now: Date,
): string | null {
  for (const id of ids) {
    const row = c.uploadById(id);
    const live = row && (row.usedBy !== null || row.expiresAtMs > now.getTime());
    if (!row || row.terminalId !== terminalId || !live) return id;
  }
  return null;
}

// --- Applications --------------------------------------------------------------------------

/** Why a form does not fit its service, as the contract's 422 (the kiosk's own check), or null. */
function formProblem(
  svc: Service,
  req: Pick<ApplicationRequest, 'fields' | 'documents' | 'signature'>,
): Reply | null {
  const problem =
    fieldProblem(svc, req.fields) ??
    documentProblem(
      svc,
      req.documents.map((d) => ({ documentId: d.documentId, pages: d.uploadIds.length })),
      req.signature !== undefined,
    );
  return problem ? fail(422, problem.code, problem.message) : null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newTrackingCode(c: CommunityStore): string {
  for (;;) {
    const chars = [...randomBytes(8)].map((b) => CROCKFORD.charAt(b % 32)).join('');
    const code = `${chars.slice(0, 4)}-${chars.slice(4)}`;
    if (!c.applicationByTrackingCode(code)) return code;
  }
}

const SITE_VISIT_SERVICES = new Set([
  'capacity-increase',
  'meter-verification',
  'ev-charger',
  'pv-grid-connection',
]);

export function postApplication(
  store: GatewayStore,
  terminalId: string,
  req: ApplicationRequest,
  now: Date,
  observe: CommunityObserver,
): Reply {
  const c = store.community;
  return idempotent(c, 'application', req.applicationSerial, terminalId, req, now, observe, () => {
    const svc = service(req.serviceId);
    if (!svc) return fail(422, 'unknown_service', `no service ${req.serviceId}`);
    const biller = store.biller(req.billerId);
    const account = store.account(req.billerId, req.account);
    if (!biller || biller.kind !== svc.billerKind || !account)
      return fail(422, 'account_not_found', `no ${svc.billerKind} account ${req.account}`);
    const problem = formProblem(svc, req);
    if (problem) return problem;
    const ids = [
      ...req.documents.flatMap((d) => d.uploadIds),
      ...(req.signature ? [req.signature.uploadId] : []),
    ];
    c.dropExpiredUploads(now.getTime());
    const expired = expiredUpload(c, terminalId, ids, now);
    if (expired) return fail(422, 'upload_expired', `${expired}: upload again`);
    if (account.locked)
      return fail(
        422,
        'not_eligible',
        '该户号存在争议，请到供电营业厅办理 (account under dispute)',
      );
    const trackingCode = newTrackingCode(c);
    const applicationId = randomId('app_');
    c.insertApplication({
      serial: req.applicationSerial,
      terminalId,
      applicationId,
      trackingCode,
      phoneLast4: req.applicant.phone.slice(-4),
      serviceId: svc.id,
      billerId: req.billerId,
      account: req.account,
      script: SITE_VISIT_SERVICES.has(svc.id) ? 'site_visit' : 'standard',
      receivedAtMs: now.getTime(),
      supplementAtMs: null,
      requested: null,
      documents: JSON.stringify(req.documents),
    });
    for (const id of ids) c.useUpload(id, req.applicationSerial);
    return created({ applicationId, status: 'received', trackingCode });
  });
}

interface Step {
  status: ApplicationStatus;
  at: number;
  note: LocalText;
}

const NOTES: Readonly<Record<ApplicationStatus, LocalText>> = {
  received: t('已受理', 'Received'),
  in_review: t('业务支撑中心审核中', 'Under review'),
  needs_more: t('请补充资料', 'More documents needed'),
  site_visit: t('已安排上门勘查', 'Site visit arranged'),
  approved: t('审核通过', 'Approved'),
  completed: t('已办结', 'Completed'),
  rejected: t('未通过', 'Not approved'),
  withdrawn: t('已撤回', 'Withdrawn'),
};

const NEXT_STEP: Readonly<Record<ApplicationStatus, LocalText | null>> = {
  received: t('审核结果将短信通知您', 'You will get the result by SMS'),
  in_review: t('审核结果将短信通知您', 'You will get the result by SMS'),
  needs_more: t(
    '请在任一自助终端凭查询码补充资料',
    'Add the documents at any kiosk with your tracking code',
  ),
  site_visit: t('工作人员将按约定时间上门', 'Staff will visit at the time arranged'),
  approved: t('正在办理，完成后短信通知您', 'In progress: you will get an SMS when done'),
  completed: null,
  rejected: t('如有疑问请致电95598', 'Questions: call 95598'),
  withdrawn: null,
};

/** The steps of an application's script from its anchors; those up to `now` have happened. */
function steps(a: ApplicationRow): Step[] {
  const r = a.receivedAtMs;
  const step = (status: ApplicationStatus, at: number, note = NOTES[status]): Step => ({
    status,
    at,
    note,
  });
  const start = [step('received', r), step('in_review', r + 10 * MINUTE)];
  const script: ApplicationScript = a.script;
  switch (script) {
    case 'in_review':
      return start;
    case 'standard':
      return [...start, step('approved', r + DAY), step('completed', r + 3 * DAY)];
    case 'site_visit':
    case 'completed':
      return [
        ...start,
        step('site_visit', r + DAY),
        step('approved', r + 3 * DAY),
        step('completed', r + 5 * DAY),
      ];
    case 'rejected':
      return [...start, step('rejected', r + 2 * DAY)];
    case 'needs_more': {
      const asked = step(
        'needs_more',
        r + DAY,
        t('请补充资料：房产证或租赁合同', 'Please add: property certificate or lease'),
      );
      const s = a.supplementAtMs;
      if (s === null) return [...start, asked];
      return [
        ...start,
        asked,
        step('in_review', s, t('补充资料已收到，审核中', 'Documents received: under review')),
        step('site_visit', s + DAY),
        step('approved', s + 3 * DAY),
        step('completed', s + 5 * DAY),
      ];
    }
  }
}

function progress(a: ApplicationRow, now: Date): ApplicationProgress {
  const done = steps(a).filter((s) => s.at <= now.getTime());
  const last = done.at(-1) ?? { status: 'received' as const };
  const status = last.status;
  const visit = steps(a).find((s) => s.status === 'site_visit');
  return {
    applicationId: a.applicationId,
    applicationSerial: a.serial,
    trackingCode: a.trackingCode,
    serviceId: a.serviceId,
    status,
    timeline: done.map((s) => ({
      status: s.status,
      at: isoShanghai(new Date(s.at)),
      note: s.note,
    })),
    nextStep: NEXT_STEP[status],
    ...(status === 'needs_more' && a.requested !== null
      ? { requested: JSON.parse(a.requested) as ApplicationProgress['requested'] }
      : {}),
    ...(status === 'site_visit' && visit
      ? { visitAt: isoShanghai(new Date(visit.at + DAY + 2 * HOUR)) }
      : {}),
    ...(status === 'rejected'
      ? {
          reason: t(
            '小区物业未同意安装，请取得物业同意书后重新申请',
            'The property management did not consent: apply again with its consent',
          ),
        }
      : {}),
  };
}

/** GET /v1/applications/{serial}: this terminal's application, else 404. */
export function getApplication(
  store: GatewayStore,
  terminalId: string,
  serial: string,
  now: Date,
): Reply {
  const a = store.community.application(serial);
  return a && a.terminalId === terminalId
    ? ok(progress(a, now))
    : fail(404, 'not_found', `no application ${serial}`);
}

/** GET /v1/applications?trackingCode=&phoneLast4=: any kiosk; the same 404 for either wrong. */
export function findApplication(store: GatewayStore, query: URLSearchParams, now: Date): Reply {
  const code = query.get('trackingCode');
  const last4 = query.get('phoneLast4');
  if (code === null || last4 === null)
    return fail(400, 'bad_request', 'trackingCode and phoneLast4 are both required');
  if (!/^\d{4}$/.test(last4)) return fail(400, 'bad_request', 'phoneLast4: four digits');
  const a = store.community.applicationByTrackingCode(normalizeTrackingCode(code));
  return a && a.phoneLast4 === last4
    ? ok(progress(a, now))
    : fail(404, 'not_found', 'no application with this tracking code and phone');
}

/** POST /v1/applications/{serial}/documents: what a needs_more asked for, then in_review. */
export function addDocuments(
  store: GatewayStore,
  terminalId: string,
  serial: string,
  req: DocumentsRequest,
  now: Date,
  observe: CommunityObserver,
): Reply {
  const c = store.community;
  return idempotent(
    c,
    'documents',
    req.supplementSerial,
    terminalId,
    { serial, req },
    now,
    observe,
    () => {
      const a = c.application(serial);
      if (!a) return fail(404, 'not_found', `no application ${serial}`);
      if (progress(a, now).status !== 'needs_more')
        return fail(409, 'not_needed', 'this application is not waiting for documents');
      const requested = (JSON.parse(a.requested ?? '[]') as { documentId: string }[]).map(
        (d) => d.documentId,
      );
      const wrong = req.documents.find((d) => !requested.includes(d.documentId));
      if (wrong) return fail(422, 'invalid_field', `documents.${wrong.documentId}: not asked for`);
      const missing = requested.find((id) => !req.documents.some((d) => d.documentId === id));
      if (missing) return fail(422, 'missing_document', `${missing}: required`);
      const ids = req.documents.flatMap((d) => d.uploadIds);
      c.dropExpiredUploads(now.getTime());
      const expired = expiredUpload(c, terminalId, ids, now);
      if (expired) return fail(422, 'upload_expired', `${expired}: upload again`);
      const documents = [...(JSON.parse(a.documents) as unknown[]), ...req.documents];
      c.addSupplement(serial, now.getTime(), JSON.stringify(documents));
      for (const id of ids) c.useUpload(id, req.supplementSerial);
      return created({ applicationId: a.applicationId, status: 'in_review' });
    },
  );
}

// --- VAT invoices --------------------------------------------------------------------------

export function pickupPoints(query: URLSearchParams): Reply {
  if (!query.get('near')) return fail(400, 'bad_request', 'near: a community id is required');
  return ok({ points: DEMO_PICKUP_POINTS });
}

export function invoiceTitle(query: URLSearchParams): Reply {
  const taxId = query.get('taxId') ?? '';
  if (!isTaxId(taxId)) return fail(422, 'invalid_tax_id', 'not a unified social credit code');
  const title = Object.hasOwn(DEMO_TAX_REGISTER, taxId) ? DEMO_TAX_REGISTER[taxId] : undefined;
  return title ? ok(title) : fail(404, 'not_found', 'no company with this code in the register');
}

export function postInvoice(
  store: GatewayStore,
  terminalId: string,
  req: InvoiceRequest,
  now: Date,
  observe: CommunityObserver,
): Reply {
  const c = store.community;
  return idempotent(c, 'invoice', req.requestSerial, terminalId, req, now, observe, () => {
    const account = store.account(req.billerId, req.account);
    if (!account) return fail(422, 'account_not_found', `no account ${req.account}`);
    const evidence = req.paymentEvidence?.map((e) => e.uploadId) ?? [];
    if (evidence.length > 0) {
      const expired = expiredUpload(c, terminalId, evidence, now);
      if (expired) return fail(422, 'upload_expired', `${expired}: upload again`);
    } else {
      // Without evidence, each period must be a bill paid through the gateway.
      const paid = new Set(
        store
          .billsOf(req.billerId, req.account)
          .filter((b) => b.paidSerial !== null)
          .map((b) => b.period),
      );
      const unpaid = req.periods.find((p) => !paid.has(p));
      if (unpaid) return fail(422, 'period_not_paid', `${unpaid}: not paid`);
    }
    const invoiced = new Set(
      c.invoicesOf(req.billerId, req.account).flatMap((i) => JSON.parse(i.periods) as string[]),
    );
    const again = req.periods.find((p) => invoiced.has(p));
    if (again) return fail(422, 'already_invoiced', `${again}: already invoiced`);
    const invoiceRequestId = randomId('inv_');
    c.insertInvoice({
      serial: req.requestSerial,
      terminalId,
      invoiceRequestId,
      billerId: req.billerId,
      account: req.account,
      periods: JSON.stringify(req.periods),
      delivery: 'email' in req.delivery ? 'email' : 'pickup',
      receivedAtMs: now.getTime(),
    });
    for (const id of evidence) c.useUpload(id, req.requestSerial);
    return created({ invoiceRequestId, status: 'received' });
  });
}

export function getInvoice(
  store: GatewayStore,
  terminalId: string,
  serial: string,
  now: Date,
): Reply {
  const inv = store.community.invoice(serial);
  if (!inv || inv.terminalId !== terminalId)
    return fail(404, 'not_found', `no invoice request ${serial}`);
  const elapsed = now.getTime() - inv.receivedAtMs;
  const status: InvoiceStatus =
    elapsed < HOUR
      ? 'received'
      : inv.delivery === 'email'
        ? elapsed < HOUR + 10 * MINUTE
          ? 'issued'
          : 'emailed'
        : elapsed < DAY
          ? 'issued'
          : 'ready_for_pickup';
  const body: InvoiceProgress = {
    invoiceRequestId: inv.invoiceRequestId,
    status,
    ...(status === 'received'
      ? {}
      : {
          invoiceNumber: String(parseInt(inv.invoiceRequestId.slice(4, 12), 16) % 1e8).padStart(
            8,
            '0',
          ),
        }),
  };
  return ok(body);
}

// --- Community care (staff only) -----------------------------------------------------------

/** The contract's care and notice routes need the staff member's id. */
export function staffOnly(staffId: string | null): Reply | null {
  return staffId !== null && /^[A-Za-z0-9-]{1,32}$/.test(staffId)
    ? null
    : fail(403, 'staff_only', 'X-Staff-Id: a staff or technician session is required');
}

function knownCommunity(query: URLSearchParams): string | Reply {
  const community = query.get('community');
  if (!community) return fail(400, 'bad_request', 'community: required');
  return community === DEMO_COMMUNITY
    ? community
    : fail(404, 'not_found', `no community ${community}`);
}

export function careAlerts(
  store: GatewayStore,
  terminalId: string,
  staffId: string,
  query: URLSearchParams,
  now: Date,
): Reply {
  const community = knownCommunity(query);
  if (typeof community !== 'string') return community;
  const status = query.get('status') ?? 'open';
  if (status !== 'open' && status !== 'all') return fail(400, 'bad_request', 'status: open or all');
  const c = store.community;
  c.logCareRead(staffId, terminalId, 'GET /v1/care/alerts', now.getTime());
  const alerts = c
    .careAlerts()
    .filter((a) => status === 'all' || a.closedAtMs === null)
    .flatMap((a) => {
      const h = DEMO_HOUSEHOLDS.find((x) => x.householdId === a.householdId);
      if (!h) return [];
      return [
        {
          alertId: a.alertId,
          householdId: h.householdId,
          household: { label: h.label, holder: h.holder, contact: h.contact, kind: h.kind },
          kind: a.kind,
          since: a.since,
          evidence: JSON.parse(a.evidence) as Record<string, number>,
          opened: isoShanghai(new Date(a.openedAtMs)),
        },
      ];
    });
  return ok({ alerts });
}

export function careHouseholds(
  store: GatewayStore,
  terminalId: string,
  staffId: string,
  query: URLSearchParams,
  now: Date,
): Reply {
  const community = knownCommunity(query);
  if (typeof community !== 'string') return community;
  const c = store.community;
  c.logCareRead(staffId, terminalId, 'GET /v1/care/households', now.getTime());
  const seedDay = c.seedDay();
  const yesterday = addDays(businessDate(now), -1);
  const households = DEMO_HOUSEHOLDS.map((h) => ({
    householdId: h.householdId,
    label: h.label,
    holder: h.holder,
    contact: h.contact,
    kind: h.kind,
    readings: Array.from({ length: 30 }, (_, i) => {
      const day = addDays(yesterday, i - 29);
      return { day, kwh: dailyKwh(h, day, seedDay) };
    }),
  }));
  return ok({ households });
}

export function careOutcome(
  store: GatewayStore,
  staffId: string,
  alertId: string,
  req: { outcome: string; note: string; by: string },
  now: Date,
): Reply {
  const c = store.community;
  return c.transaction(() => {
    if (!c.careAlert(alertId)) return fail(404, 'not_found', `no alert ${alertId}`);
    if (req.by !== staffId) return fail(403, 'forbidden', `by: ${req.by} is not ${staffId}`);
    // Idempotent on (alertId, outcome, by): the first record's answer again.
    const prior = c.careOutcome(alertId, req.outcome, req.by);
    if (prior) return ok({ alertId, outcome: prior.outcome, recordedAt: prior.recordedAt });
    const recordedAt = isoShanghai(now);
    c.recordCareOutcome(
      { alertId, outcome: req.outcome, byStaff: req.by, note: req.note, recordedAt },
      now.getTime(),
    );
    return ok({ alertId, outcome: req.outcome, recordedAt });
  });
}

// --- Community notices (staff only) --------------------------------------------------------

/** Residents who consented and carry every tag of the audience. */
function recipientsOf(tags: readonly string[]): number {
  return DEMO_RESIDENTS.filter((r) => r.consented && tags.every((tag) => r.tags.includes(tag)))
    .length;
}

export function postNotice(
  store: GatewayStore,
  terminalId: string,
  req: NoticeRequest,
  now: Date,
  observe: CommunityObserver,
): Reply {
  const c = store.community;
  return idempotent(c, 'notice', req.noticeSerial, terminalId, req, now, observe, () => {
    if (req.community !== DEMO_COMMUNITY)
      return fail(422, 'unknown_community', `no community ${req.community}`);
    const noticeId = randomId('nt_');
    const recipients = recipientsOf(req.audience.tags);
    c.insertNotice({
      serial: req.noticeSerial,
      terminalId,
      noticeId,
      community: req.community,
      body: JSON.stringify(req),
      sendAtMs: Math.max(now.getTime(), Date.parse(req.sendAt)),
      recipients,
    });
    return created({ noticeId, recipients });
  });
}

export function sentNotices(store: GatewayStore, query: URLSearchParams, now: Date): Reply {
  const community = knownCommunity(query);
  if (typeof community !== 'string') return community;
  const notices = store.community.notices(community).map((n) => {
    const body = JSON.parse(n.body) as NoticeRequest;
    const delivered =
      now.getTime() >= n.sendAtMs + NOTICE_DELIVERY_MS
        ? n.recipients - Math.floor(n.recipients / 40)
        : 0;
    return {
      noticeId: n.noticeId,
      noticeSerial: n.serial,
      audience: body.audience,
      text: body.text,
      sendAt: isoShanghai(new Date(n.sendAtMs)),
      recipients: n.recipients,
      delivered,
    };
  });
  return ok({ notices });
}
