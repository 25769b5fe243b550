// The application flow's host actors against the gateway simulator over HTTP: the catalogue
// from the room, a whole application with staged photos and a signature reaching the gateway
// (who assisted recorded), its receipt printed with the tracking code and the receipt's QR,
// on the screen when the paper is out; accepted for later when the gateway is away; a refusal
// mapped to the field at fault; a rejection for good.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { Key } from '../../src/api/kiosk-api';
import type { CommunityRoom } from '../../src/community';
import type { ApplicationRequest } from '../../src/community/contract';
import { applicationScreenOf } from '../../src/flows/application/application-view';
import type { LookupResult, ScanLookupResult } from '../../src/flows/session-types';
import { applicationLogic, submitThroughRoom } from '../../src/host/application-actors';
import type { ReceiptService } from '../../src/host/receipt-service';
import type { ReceiptLayout } from '../../src/receipts/layout';
import { screenLines } from '../../src/receipts/render-text';
import type { GatewaySim } from '../../sim/gateway/server';
import { jpeg, png } from '../community/fixtures';
import { POWER, QUOTE } from '../flows/session-fixtures';
import { TERMINAL } from '../offline-queue/journal-fixture';
import { roomOnSimulator, type RoomOnSimulator } from '../community/room-on-simulator';

let sim: GatewaySim;
let db: JournalDb;
let room: CommunityRoom;

let opened: RoomOnSimulator;

beforeEach(async () => {
  opened = await roomOnSimulator('application-actors', {
    community: null,
    onDuty: () => null,
    audit: () => undefined,
  });
  ({ sim, db, room } = opened);
});

afterEach(() => opened.close());

const found = (account: string): ScanLookupResult => ({
  ok: true,
  biller: POWER,
  quote: { ...QUOTE, account },
});

function printer(paper: boolean) {
  const layouts: ReceiptLayout[] = [];
  const receipts: ReceiptService = {
    delivery: () => (paper ? 'print' : 'screen'),
    printerState: () => (paper ? 'ok' : 'out'),
    issue: async (layout) => {
      layouts.push(layout);
      return { lines: screenLines(layout), printed: paper, failure: paper ? null : 'out' };
    },
    onChange: () => () => undefined,
  };
  return { receipts, layouts };
}

function photo(bytes: Buffer, mime: 'image/jpeg' | 'image/png' = 'image/jpeg'): string {
  const r = room.stagePhoto({ mime, bytes });
  if (!r.ok) throw new Error(r.message);
  return String(r.value.photoId);
}

function start(o: { paper?: boolean; assistedBy?: string | null; locale?: 'zh-CN' | 'en' } = {}) {
  const { receipts, layouts } = printer(o.paper ?? true);
  const logic = applicationLogic({
    room: () => room,
    lookups: {
      loadBillers: fromPromise(async () => [POWER]),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(
        async ({ input }) => {
          const f = found(input.account);
          return f.ok ? { ok: true, quote: f.quote } : f;
        },
      ),
      lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async ({ input }) =>
        found(input.text),
      ),
    },
    receipts,
    terminalId: TERMINAL,
    locale: () => o.locale ?? 'zh-CN',
    assistedBy: () => o.assistedBy ?? null,
    clock: Date.now,
    log: { info: () => undefined },
  });
  return { a: createActor(logic).start(), layouts };
}

type App = ReturnType<typeof start>['a'];
const idle = (a: App) =>
  waitFor(
    a,
    (s) =>
      ['choose', 'account', 'confirmAccount', 'form', 'review', 'receipt', 'rejected'].includes(
        String(s.value),
      ),
    { timeout: 8_000 },
  );

/** real-name at the kiosk: the account typed, its one choice, the mobile, two ID pages, signed. */
async function applyRealName(a: App, account = '3100123456'): Promise<void> {
  await idle(a);
  a.send({ type: 'CHOOSE_SERVICE', serviceId: 'real-name' });
  a.send({ type: 'CONFIRM' });
  await idle(a);
  for (const key of account) a.send({ type: 'KEY', key: key as Key });
  a.send({ type: 'SUBMIT_ACCOUNT' });
  await idle(a);
  a.send({ type: 'CONFIRM' });
  const s = applicationScreenOf(a.getSnapshot());
  expect(s).toMatchObject({ name: 'applicationField', field: { kind: 'choice' } });
  a.send({ type: 'CHOOSE_OPTION', optionId: 'owner' });
  for (const key of '13800138000') a.send({ type: 'KEY', key: key as Key });
  a.send({ type: 'SERVICE_NEXT' });
  while (applicationScreenOf(a.getSnapshot()).name === 'applicationDocument') {
    const d = applicationScreenOf(a.getSnapshot());
    if (d.name !== 'applicationDocument') break;
    a.send({
      type: 'DOCUMENT_PHOTOS',
      documentId: d.document.id,
      photoIds: Array.from({ length: Math.max(1, d.document.pages.min) }, () => photo(jpeg())),
    });
  }
  a.send({
    type: 'SIGNED',
    photoId: photo(png(), 'image/png'),
    strokes: 3,
    signedAt: '2026-12-07T10:03:11+08:00',
  });
  a.send({ type: 'CONSENT', smsNotices: true });
  expect(applicationScreenOf(a.getSnapshot()).name).toBe('applicationReview');
  a.send({ type: 'SUBMIT_APPLICATION' });
  await idle(a);
}

const atGateway = (serial: string) => sim.community().applications.find((x) => x.serial === serial);

describe('the application actors against the gateway simulator', () => {
  it('reads the catalogue, submits with the assisting staff number, prints the tracking code and QR', async () => {
    const { a, layouts } = start({ assistedBy: 'S1001', locale: 'en' });
    await idle(a);
    expect(applicationScreenOf(a.getSnapshot())).toMatchObject({
      name: 'applicationCatalogue',
      services: { length: 6 },
      problem: null,
    });
    await applyRealName(a);
    const s = applicationScreenOf(a.getSnapshot());
    expect(s).toMatchObject({ name: 'applicationReceipt', state: 'accepted', printed: true });
    if (s.name !== 'applicationReceipt') throw new Error(s.name);
    expect(s.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(s.qr).toBe(`KIOSK-APP:${s.serial}`);
    expect(atGateway(s.serial)).toBeDefined();
    const body = JSON.parse(
      (
        db
          .prepare('SELECT request_json AS r FROM community_submission WHERE serial = ?')
          .get(s.serial) as { r: string }
      ).r,
    ) as ApplicationRequest;
    expect(body).toMatchObject({
      serviceId: 'real-name',
      billerId: 'sh-power',
      account: '3100123456',
      applicant: { name: '张*明', phone: '13800138000' },
      fields: { relation: 'owner' },
      consent: { smsNotices: true },
      assistedBy: 'S1001',
    });
    // Bilingual for a resident in English; the QR names the application.
    const lines = s.receiptLines.join('\n');
    expect(lines).toContain(s.trackingCode ?? 'none');
    expect(lines).toContain('Tracking code');
    expect(layouts[0]?.blocks).toContainEqual(expect.objectContaining({ kind: 'qr', data: s.qr }));
  });

  it('accepts for later when the gateway is away, and shows the receipt on screen without paper', async () => {
    const { a } = start({ paper: false });
    await idle(a);
    // The catalogue was read; now nothing reaches the gateway.
    sim.setFaults([{ route: '*', kind: '503', retryAfter: 0 }]);
    await applyRealName(a);
    const s = applicationScreenOf(a.getSnapshot());
    expect(s).toMatchObject({
      name: 'applicationReceipt',
      state: 'pending',
      trackingCode: null,
      printed: false,
    });
    if (s.name !== 'applicationReceipt') throw new Error(s.name);
    expect(s.receiptLines.join('\n')).toContain('已收下，待提交');
    expect(s.receiptLines.join('\n')).toContain(s.serial);
  });

  it('a locked account is rejected for good, with the gateway code', async () => {
    const { a } = start();
    await applyRealName(a, '3100999999');
    expect(applicationScreenOf(a.getSnapshot())).toMatchObject({
      name: 'applicationRejected',
      code: 'not_eligible',
    });
  });

  it('maps a refused field and photos gone to problems the screens say', async () => {
    const base = {
      serviceId: 'multi-person-household',
      billerId: 'sh-power',
      account: '3100123456',
      applicantName: '张*明',
      phone: '13800138000',
      fields: { persons: 3, phone: '13800138000' },
      documents: [
        { documentId: 'household-register', photoIds: [photo(jpeg())] },
        { documentId: 'id-card', photoIds: [photo(jpeg()), photo(jpeg())] },
      ],
      signature: { photoId: photo(png(), 'image/png'), signedAt: '2026-12-07T10:03:11+08:00' },
      smsNotices: false,
    };
    expect(await submitThroughRoom(room, base, null)).toMatchObject({
      kind: 'refused',
      problem: 'invalid',
      field: 'persons',
    });
    expect(
      await submitThroughRoom(
        room,
        { ...base, fields: { persons: 6, phone: '13800138000' }, signature: null },
        null,
      ),
    ).toMatchObject({ kind: 'refused', problem: 'required', field: 'signature' });
    room.discardPhotos([Number(base.documents[0]?.photoIds[0])]);
    expect(
      await submitThroughRoom(
        room,
        { ...base, fields: { persons: 6, phone: '13800138000' } },
        null,
      ),
    ).toMatchObject({ kind: 'refused', problem: 'photo_expired' });
  });
});
