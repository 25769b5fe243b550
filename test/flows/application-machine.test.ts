// Applying for a service (issue 14): every path of the flow with stand-in actors — the catalogue,
// the account by keypad, bill and card, each field by kind (one refused), the documents, the
// signature, the consent, the review (back and change), submit accepted, pending and rejected,
// a refusal said on the field at fault, and its place in the service point and the session.
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import type { Key, Screen } from '../../src/api/kiosk-api';
import { applicationMachine } from '../../src/flows/application/application-machine';
import type {
  ApplicationSubmission,
  CatalogueLoad,
  PrintInput,
  PrintOutcome,
  SubmitOutcome,
} from '../../src/flows/application/application-types';
import { applicationScreenOf } from '../../src/flows/application/application-view';
import type { BillerChoice, LookupResult, ScanLookupResult } from '../../src/flows/session-types';
import { sessionMachine } from '../../src/flows/session-machine';
import { screenOf } from '../../src/flows/session-view';
import { servicePointMachine } from '../../src/flows/service-point/service-point-machine';
import { DEMO_SERVICES } from '../../sim/gateway/community-seed';
import { POWER, QUOTE } from './session-fixtures';
import type { Service } from '../../src/community';

const WATER: BillerChoice = { ...POWER, id: 'water', kind: 'water' };
const quote = (account: string) => ({ ...QUOTE, account });

const service = (id: string): Service => {
  const s = DEMO_SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

interface Stand {
  submitted: ApplicationSubmission[];
  printed: PrintInput[];
}

function standIns(
  answer: (s: ApplicationSubmission) => SubmitOutcome = (s) => ({
    kind: 'receipt',
    state: 'accepted',
    serial: 'KIOSK-20261207-000001',
    trackingCode: 'K7QH-2M9D',
    qr: 'KIOSK-APP:KIOSK-20261207-000001',
    rejectCode: null,
    ...(s.serviceId === '' ? {} : {}),
  }),
  services: Service[] = [...DEMO_SERVICES],
) {
  const stand: Stand = { submitted: [], printed: [] };
  const logic = applicationMachine.provide({
    actors: {
      loadServices: fromPromise<CatalogueLoad>(async () => ({ ok: true, services })),
      loadBillers: fromPromise(async () => [POWER, WATER]),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(
        async ({ input }) =>
          input.account === '3100123456'
            ? { ok: true, quote: quote(input.account) }
            : { ok: false, problem: 'account_not_found' },
      ),
      lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async ({ input }) =>
        input.text.startsWith('SGCC:')
          ? { ok: true, biller: POWER, quote: quote(input.text.slice(5)) }
          : input.text.startsWith('WATER:')
            ? { ok: true, biller: WATER, quote: quote(input.text.slice(6)) }
            : { ok: false, problem: 'unrecognised_scan' },
      ),
      lookUpAccount: fromPromise<ScanLookupResult, { billerId: string; account: string }>(
        async ({ input }) => ({ ok: true, biller: POWER, quote: quote(input.account) }),
      ),
      submit: fromPromise<SubmitOutcome, ApplicationSubmission>(async ({ input }) => {
        stand.submitted.push(input);
        return answer(input);
      }),
      printReceipt: fromPromise<PrintOutcome, PrintInput>(async ({ input }) => {
        stand.printed.push(input);
        return { printed: true, lines: ['受理回执'] };
      }),
    },
  });
  return { logic, stand };
}

type App = Actor<typeof applicationMachine>;
const screen = (a: App): Screen => applicationScreenOf(a.getSnapshot());
const settled = (a: App) =>
  waitFor(
    a,
    (s) =>
      !String(s.value).startsWith('lookingUp') &&
      s.value !== 'loading' &&
      s.value !== 'loadingBillers' &&
      s.value !== 'submitting' &&
      s.value !== 'printing',
  );
const type = (a: App, digits: string) => {
  for (const key of digits) a.send({ type: 'KEY', key: key as Key });
};

/** From the catalogue to the first field, the account typed on the keypad. */
async function toForm(serviceId: string): Promise<{ a: App; stand: Stand }> {
  const { logic, stand } = standIns();
  const a = createActor(logic).start();
  await settled(a);
  a.send({ type: 'CHOOSE_SERVICE', serviceId });
  expect(screen(a)).toMatchObject({ name: 'applicationNeeds', service: { id: serviceId } });
  a.send({ type: 'SERVICE_NEXT' });
  await settled(a);
  type(a, '3100123456');
  a.send({ type: 'SUBMIT_ACCOUNT' });
  await settled(a);
  expect(screen(a)).toMatchObject({ name: 'applicationAccountConfirm', holder: '张*明' });
  a.send({ type: 'CONFIRM' });
  return { a, stand };
}

const PHOTOS = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));

describe('applying for a service', () => {
  it('walks the catalogue, account, every field by kind, documents, signature, consent, review and receipt', async () => {
    const { a, stand } = await toForm('multi-person-household');
    expect(screen(a)).toMatchObject({
      name: 'applicationField',
      field: { id: 'persons', kind: 'integer', min: 5, max: 20 },
      index: 0,
    });
    // Refused: fewer than the form's minimum, said on the field.
    type(a, '3');
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ name: 'applicationField', problem: 'too_small', value: '3' });
    a.send({ type: 'KEY', key: 'clear' });
    type(a, '6');
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ field: { id: 'phone', kind: 'phone' } });
    type(a, '1381234');
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ problem: 'not_a_mobile' });
    type(a, '8000');
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({
      name: 'applicationDocument',
      document: { id: 'household-register' },
      pages: 0,
    });
    // Photos of another document, or too many pages, are not taken.
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: PHOTOS(2) });
    expect(screen(a)).toMatchObject({ document: { id: 'household-register' } });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'household-register', photoIds: PHOTOS(3) });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: PHOTOS(1, 4) });
    expect(screen(a)).toMatchObject({ document: { id: 'id-card' } });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: PHOTOS(2, 4) });
    expect(screen(a)).toMatchObject({ name: 'applicationSignature' });
    a.send({ type: 'SIGNED', photoId: '6', strokes: 3, signedAt: '2026-12-07T10:03:11+08:00' });
    expect(screen(a)).toMatchObject({
      name: 'applicationConsent',
      phone: '138****8000',
      smsNotices: null,
    });
    a.send({ type: 'CONSENT', smsNotices: true });
    expect(screen(a)).toMatchObject({
      name: 'applicationReview',
      account: '3100123456',
      holder: '张*明',
      fields: [{ value: '6' }, { value: '13812348000' }],
      documents: [{ pages: 3 }, { pages: 2 }],
      signature: true,
      smsNotices: true,
    });
    a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(a);
    expect(stand.submitted).toEqual([
      {
        serviceId: 'multi-person-household',
        billerId: 'sh-power',
        account: '3100123456',
        applicantName: '张*明',
        phone: '13812348000',
        fields: { persons: 6, phone: '13812348000' },
        documents: [
          { documentId: 'household-register', photoIds: ['1', '2', '3'] },
          { documentId: 'id-card', photoIds: ['4', '5'] },
        ],
        signature: { photoId: '6', signedAt: '2026-12-07T10:03:11+08:00' },
        smsNotices: true,
      },
    ]);
    expect(screen(a)).toMatchObject({
      name: 'applicationReceipt',
      state: 'accepted',
      trackingCode: 'K7QH-2M9D',
      printed: true,
    });
    expect(stand.printed[0]).toMatchObject({ state: 'accepted', trackingCode: 'K7QH-2M9D' });
    a.send({ type: 'DONE' });
    expect(a.getSnapshot().status).toBe('done');
    expect(a.getSnapshot().output).toEqual({ done: true });
  });

  it('takes choices as tiles, a date as eight digits, an optional document left out', async () => {
    const { a } = await toForm('meter-verification');
    expect(screen(a)).toMatchObject({ field: { id: 'problem', kind: 'choice' } });
    a.send({ type: 'CHOOSE_OPTION', optionId: 'nonsense' });
    expect(screen(a)).toMatchObject({ field: { id: 'problem' } });
    a.send({ type: 'CHOOSE_OPTION', optionId: 'stopped' });
    expect(screen(a)).toMatchObject({ field: { id: 'visit-date', kind: 'date' } });
    type(a, '20261399');
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ problem: 'not_a_date' });
    a.send({ type: 'KEY', key: 'clear' });
    type(a, '20261220');
    a.send({ type: 'SERVICE_NEXT' });
    while ((screen(a) as { field?: { kind: string } }).field?.kind === 'phone') {
      type(a, '13812348000');
      a.send({ type: 'SERVICE_NEXT' });
    }
    // Through the documents to the optional one.
    for (let i = 0; i < 5 && screen(a).name === 'applicationDocument'; i++) {
      const s = screen(a);
      if (s.name !== 'applicationDocument') break;
      if (s.document.pages.min === 0) a.send({ type: 'SKIP' });
      else
        a.send({
          type: 'DOCUMENT_PHOTOS',
          documentId: s.document.id,
          photoIds: PHOTOS(s.document.pages.min, 10 * (i + 1)),
        });
    }
    expect(screen(a).name).toBe('applicationSignature');
  });

  it('leaves an optional text out, and takes a text within its length', async () => {
    const { a } = await toForm('capacity-increase');
    a.send({ type: 'CHOOSE_OPTION', optionId: 'a40' });
    a.send({ type: 'CHOOSE_OPTION', optionId: 'a60' });
    expect(screen(a)).toMatchObject({ field: { id: 'reason', kind: 'text', optional: true } });
    a.send({ type: 'FIELD_TEXT', value: '新'.repeat(101) });
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ problem: 'too_long' });
    a.send({ type: 'SKIP' });
    expect(screen(a)).toMatchObject({ field: { kind: 'phone' } });
    a.send({ type: 'BACK' });
    expect(screen(a)).toMatchObject({ field: { id: 'reason' }, value: '' });
    a.send({ type: 'FIELD_TEXT', value: '加装空调' });
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a)).toMatchObject({ field: { kind: 'phone' } });
  });

  it('identifies the account by a bill scanned (its kind checked) and by a card', async () => {
    const { logic } = standIns();
    const a = createActor(logic).start();
    await settled(a);
    a.send({ type: 'CHOOSE_SERVICE', serviceId: 'real-name' });
    a.send({ type: 'CONFIRM' });
    await settled(a);
    // Two billers, one of the service's kind: chosen for her.
    expect(screen(a)).toMatchObject({
      name: 'applicationAccount',
      billers: [{ id: 'sh-power' }],
      billerId: 'sh-power',
    });
    a.send({ type: 'SCANNED', text: 'WATER:123' });
    await settled(a);
    expect(screen(a)).toMatchObject({ name: 'applicationAccount', problem: 'wrong_biller' });
    a.send({ type: 'SCANNED', text: 'junk' });
    await settled(a);
    expect(screen(a)).toMatchObject({ problem: 'unrecognised_scan' });
    type(a, '999');
    a.send({ type: 'SUBMIT_ACCOUNT' });
    await settled(a);
    expect(screen(a)).toMatchObject({ problem: 'account_not_found' });
    a.send({ type: 'SCANNED', text: 'SGCC:3100123456' });
    await settled(a);
    expect(screen(a)).toMatchObject({ name: 'applicationAccountConfirm', account: '3100123456' });
    a.send({ type: 'BACK' });
    a.send({ type: 'CARD_NOT_RECOGNISED' });
    expect(screen(a)).toMatchObject({ problem: 'card_not_recognised' });
    a.send({ type: 'ACCOUNT_CARD', billerId: 'sh-power', account: '3100654321' });
    await settled(a);
    expect(screen(a)).toMatchObject({ name: 'applicationAccountConfirm', account: '3100654321' });
  });

  /** Fields, documents and signature of pv-grid-connection, straight to the review. */
  async function atReview(answer?: (s: ApplicationSubmission) => SubmitOutcome) {
    const { logic, stand } = standIns(answer);
    const a = createActor(logic).start();
    await settled(a);
    a.send({ type: 'CHOOSE_SERVICE', serviceId: 'pv-grid-connection' });
    a.send({ type: 'CONFIRM' });
    await settled(a);
    a.send({ type: 'SCANNED', text: 'SGCC:3100123456' });
    await settled(a);
    a.send({ type: 'CONFIRM' });
    type(a, '8');
    a.send({ type: 'SERVICE_NEXT' });
    a.send({ type: 'CHOOSE_OPTION', optionId: 'flat' });
    type(a, '13812348000');
    a.send({ type: 'SERVICE_NEXT' });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: PHOTOS(2, 1) });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property-certificate', photoIds: PHOTOS(1, 3) });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'pv-design', photoIds: PHOTOS(1, 4) });
    a.send({ type: 'SIGNED', photoId: '5', strokes: 4, signedAt: '2026-12-07T10:03:11+08:00' });
    a.send({ type: 'CONSENT', smsNotices: false });
    expect(screen(a).name).toBe('applicationReview');
    return { a, stand };
  }

  it('changes a field, a document, the signature, the consent and the account from the review', async () => {
    const { a, stand } = await atReview();
    a.send({ type: 'CHANGE', part: 'field', id: 'capacity-kw' });
    expect(screen(a)).toMatchObject({
      name: 'applicationField',
      field: { id: 'capacity-kw' },
      value: '8',
    });
    a.send({ type: 'KEY', key: 'clear' });
    type(a, '12');
    a.send({ type: 'SERVICE_NEXT' });
    // Back to the review at once, not through the rest of the form.
    expect(screen(a)).toMatchObject({
      name: 'applicationReview',
      fields: [{ value: '12' }, {}, {}],
    });
    a.send({ type: 'CHANGE', part: 'document', id: 'pv-design' });
    expect(screen(a)).toMatchObject({
      name: 'applicationDocument',
      document: { id: 'pv-design' },
      pages: 1,
    });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'pv-design', photoIds: PHOTOS(2, 20) });
    expect(screen(a)).toMatchObject({ name: 'applicationReview' });
    a.send({ type: 'CHANGE', part: 'signature', id: null });
    expect(screen(a).name).toBe('applicationSignature');
    a.send({ type: 'BACK' });
    expect(screen(a).name).toBe('applicationReview');
    a.send({ type: 'CHANGE', part: 'consent', id: null });
    a.send({ type: 'CONSENT', smsNotices: true });
    expect(screen(a)).toMatchObject({ name: 'applicationReview', smsNotices: true });
    a.send({ type: 'CHANGE', part: 'account', id: null });
    expect(screen(a)).toMatchObject({ name: 'applicationAccount', digits: '' });
    type(a, '3100123456');
    a.send({ type: 'SUBMIT_ACCOUNT' });
    await settled(a);
    a.send({ type: 'CONFIRM' });
    expect(screen(a).name).toBe('applicationReview');
    // Back from the review: the consent, then the form backwards.
    a.send({ type: 'BACK' });
    expect(screen(a).name).toBe('applicationConsent');
    a.send({ type: 'BACK' });
    expect(screen(a).name).toBe('applicationSignature');
    a.send({ type: 'SIGNED', photoId: '9', strokes: 2, signedAt: '2026-12-07T10:04:00+08:00' });
    a.send({ type: 'CONSENT', smsNotices: true });
    a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(a);
    expect(stand.submitted[0]).toMatchObject({
      fields: { 'capacity-kw': 12, 'roof-type': 'flat', phone: '13812348000' },
      documents: [
        { documentId: 'id-card' },
        { documentId: 'property-certificate' },
        { documentId: 'pv-design', photoIds: ['20', '21'] },
      ],
      signature: { photoId: '9' },
      smsNotices: true,
    });
  });

  it('says a refusal on the field at fault, and one without a field on the review', async () => {
    let answer: SubmitOutcome = {
      kind: 'refused',
      problem: 'invalid',
      field: 'capacity-kw',
      message: 'capacity-kw: outside 1–50',
    };
    const { a } = await atReview(() => answer);
    a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(a);
    expect(screen(a)).toMatchObject({
      name: 'applicationField',
      field: { id: 'capacity-kw' },
      problem: 'invalid',
    });
    a.send({ type: 'SERVICE_NEXT' });
    expect(screen(a).name).toBe('applicationReview');
    answer = { kind: 'refused', problem: 'unreachable', field: null, message: 'timeout' };
    a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(a);
    expect(screen(a)).toMatchObject({ name: 'applicationReview', problem: 'unreachable' });
  });

  it('accepts for later (pending) with its serial, and says a rejection', async () => {
    const pending = await atReview(() => ({
      kind: 'receipt',
      state: 'pending',
      serial: 'KIOSK-20261207-000002',
      trackingCode: null,
      qr: 'KIOSK-APP:KIOSK-20261207-000002',
      rejectCode: null,
    }));
    pending.a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(pending.a);
    expect(screen(pending.a)).toMatchObject({
      name: 'applicationReceipt',
      state: 'pending',
      trackingCode: null,
      serial: 'KIOSK-20261207-000002',
      qr: 'KIOSK-APP:KIOSK-20261207-000002',
    });
    const rejected = await atReview(() => ({
      kind: 'receipt',
      state: 'rejected',
      serial: 'KIOSK-20261207-000003',
      trackingCode: null,
      qr: 'KIOSK-APP:KIOSK-20261207-000003',
      rejectCode: 'not_eligible',
    }));
    rejected.a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(rejected.a);
    expect(screen(rejected.a)).toMatchObject({ name: 'applicationRejected', code: 'not_eligible' });
    expect(rejected.stand.printed).toEqual([]);
  });

  it('says when the catalogue cannot be read, and goes back from it', async () => {
    const logic = applicationMachine.provide({
      actors: { loadServices: fromPromise<CatalogueLoad>(async () => ({ ok: false })) },
    });
    const a = createActor(logic).start();
    await settled(a);
    expect(screen(a)).toEqual({
      name: 'applicationCatalogue',
      services: [],
      problem: 'unreachable',
    });
    a.send({ type: 'BACK' });
    expect(a.getSnapshot().output).toEqual({ done: false });
  });

  it('asks for a mobile of its own when a service has none on its form', async () => {
    const bare: Service = { ...service('real-name'), id: 'bare', fields: [] };
    const { logic, stand } = standIns(undefined, [bare]);
    const a = createActor(logic).start();
    await settled(a);
    a.send({ type: 'CHOOSE_SERVICE', serviceId: 'bare' });
    a.send({ type: 'CONFIRM' });
    await settled(a);
    a.send({ type: 'SCANNED', text: 'SGCC:3100123456' });
    await settled(a);
    a.send({ type: 'CONFIRM' });
    expect(screen(a)).toMatchObject({ field: { id: 'applicant-phone', kind: 'phone' } });
    type(a, '13912345678');
    a.send({ type: 'SERVICE_NEXT' });
    for (const d of bare.documents)
      a.send({
        type: 'DOCUMENT_PHOTOS',
        documentId: d.id,
        photoIds: PHOTOS(Math.max(1, d.pages.min)),
      });
    a.send({ type: 'SIGNED', photoId: '99', strokes: 2, signedAt: '2026-12-07T10:03:11+08:00' });
    a.send({ type: 'CONSENT', smsNotices: true });
    a.send({ type: 'SUBMIT_APPLICATION' });
    await settled(a);
    expect(stand.submitted[0]).toMatchObject({ phone: '13912345678', fields: {} });
  });
});

describe('the application within the service point and the session', () => {
  it('opens from the service point home, its events pass through, and cancel goes to the idle screen', async () => {
    const { logic } = standIns();
    const session = createActor(
      sessionMachine.provide({
        actors: { servicePoint: servicePointMachine.provide({ actors: { application: logic } }) },
      }),
      { input: { writeOffWaitMs: 1, doneScreenMs: 1, partialCashWaitMs: 1 } },
    ).start();
    session.send({ type: 'OPEN_SERVICES' });
    session.send({ type: 'OPEN_APPLY' });
    await waitFor(session, (s) => screenOf(s).name === 'applicationCatalogue');
    expect(screenOf(session.getSnapshot())).toMatchObject({ services: { length: 6 } });
    session.send({ type: 'CHOOSE_SERVICE', serviceId: 'real-name' });
    session.send({ type: 'CONFIRM' });
    await waitFor(session, (s) => screenOf(s).name === 'applicationAccount');
    // A bill scanned here names her account, not a receipt's application.
    session.send({ type: 'SCANNED', text: 'SGCC:3100123456' });
    await waitFor(session, (s) => screenOf(s).name === 'applicationAccountConfirm');
    session.send({ type: 'BACK' });
    session.send({ type: 'BACK' });
    expect(screenOf(session.getSnapshot()).name).toBe('applicationNeeds');
    session.send({ type: 'BACK' });
    session.send({ type: 'BACK' });
    await waitFor(session, (s) => screenOf(s).name === 'serviceHome');
    session.send({ type: 'OPEN_APPLY' });
    await waitFor(session, (s) => screenOf(s).name === 'applicationCatalogue');
    session.send({ type: 'CANCEL' });
    expect(screenOf(session.getSnapshot()).name).toBe('attract');
  });
});
