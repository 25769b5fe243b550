// The application flow (src/flows/application/) over the host: the catalogue and the submission
// through the community room, the account through the session's own lookups (the same actors
// the payment screens use), the receipt through the receipt service (paper, or the screen when
// the paper is out). The room answers values, never throws; its refusals become problem codes.
import { fromPromise } from 'xstate';
import type { ApplicationProblem, Locale } from '../api/kiosk-api';
import type { CommunityRoom, Refusal, SubmissionReceipt } from '../community';
import { applicationMachine } from '../flows/application/application-machine';
import type {
  ApplicationSubmission,
  CatalogueLoad,
  PrintInput,
  PrintOutcome,
  SubmitOutcome,
} from '../flows/application/application-types';
import { applicationReceipt } from '../receipts/application-receipt';
import { receiptLanguage } from '../receipts/words';
import type { ReceiptService } from './receipt-service';

/** The version of the SMS consent's words the resident agreed to (ui/i18n: applyConsent*). */
export const SMS_TERMS_VERSION = 'sms-2026-12';

/** The session's account lookups, reused as they are (src/host/session-actors.ts). */
type Lookups = Pick<
  NonNullable<Parameters<typeof applicationMachine.provide>[0]['actors']>,
  'loadBillers' | 'lookUpBills' | 'lookUpScan' | 'lookUpAccount'
>;

export interface ApplicationHost {
  room(): CommunityRoom | null;
  lookups: Lookups;
  receipts: ReceiptService;
  terminalId: string;
  /** The resident's language now (a bilingual receipt in English). */
  locale(): Locale;
  /** The staff number of whoever is helping her at the screen, or null. */
  assistedBy(): string | null;
  clock: () => number;
  log: { info(obj: object, msg: string): void };
}

function problemOf(r: Refusal): ApplicationProblem {
  if (r.reason !== 'invalid') return 'unreachable';
  if (r.code.startsWith('photo_')) return 'photo_expired';
  return r.code === 'missing_field' || r.code === 'missing_document' ? 'required' : 'invalid';
}

function outcomeOf(r: SubmissionReceipt | Refusal): SubmitOutcome {
  if (!r.ok)
    return { kind: 'refused', problem: problemOf(r), field: r.field ?? null, message: r.message };
  return {
    kind: 'receipt',
    state: r.state,
    serial: r.serial,
    trackingCode: r.trackingCode,
    qr: r.receiptQr,
    rejectCode: r.rejectCode,
  };
}

/** A photo id as the camera's upload answered it: the room's row number. */
const photoRow = (id: string): number | null => (/^\d{1,15}$/.test(id) ? Number(id) : null);

export async function submitThroughRoom(
  room: CommunityRoom,
  s: ApplicationSubmission,
  assistedBy: string | null,
): Promise<SubmitOutcome> {
  const rows = (ids: string[]) => ids.map(photoRow);
  const documents = s.documents.map((d) => ({
    documentId: d.documentId,
    photos: rows(d.photoIds),
  }));
  const signature = s.signature ? photoRow(s.signature.photoId) : null;
  const signedAt = s.signature ? Date.parse(s.signature.signedAt) : Number.NaN;
  if (
    documents.some((d) => d.photos.includes(null)) ||
    (s.signature && (signature === null || Number.isNaN(signedAt)))
  )
    return { kind: 'refused', problem: 'photo_expired', field: null, message: 'photo id' };
  return outcomeOf(
    await room.submitApplication({
      serviceId: s.serviceId,
      billerId: s.billerId,
      account: s.account,
      applicant: { name: s.applicantName, phone: s.phone },
      fields: s.fields,
      documents: documents.map((d) => ({
        documentId: d.documentId,
        photos: d.photos.filter((p): p is number => p !== null),
      })),
      ...(signature === null ? {} : { signature: { photo: signature, signedAt } }),
      consent: { smsNotices: s.smsNotices, termsVersion: SMS_TERMS_VERSION },
      ...(assistedBy === null ? {} : { assistedBy }),
    }),
  );
}

export function applicationLogic(h: ApplicationHost) {
  return applicationMachine.provide({
    actors: {
      ...h.lookups,
      loadServices: fromPromise<CatalogueLoad>(async () => {
        const room = h.room();
        const r = room ? await room.services() : null;
        return r?.ok ? { ok: true, services: r.value } : { ok: false };
      }),
      submit: fromPromise<SubmitOutcome, ApplicationSubmission>(async ({ input }) => {
        const room = h.room();
        if (!room)
          return { kind: 'refused', problem: 'unreachable', field: null, message: 'no room' };
        const outcome = await submitThroughRoom(room, input, h.assistedBy());
        h.log.info(
          {
            serviceId: input.serviceId,
            outcome: outcome.kind === 'receipt' ? outcome.state : outcome.problem,
          },
          'application submitted',
        );
        return outcome;
      }),
      printReceipt: fromPromise<PrintOutcome, PrintInput>(async ({ input }) => {
        const issued = await h.receipts.issue(
          applicationReceipt({
            terminalId: h.terminalId,
            at: h.clock(),
            service: { zh: input.serviceName['zh-CN'], en: input.serviceName.en },
            state: input.state,
            serial: input.serial,
            trackingCode: input.trackingCode,
            qr: input.qr,
            lang: receiptLanguage(h.locale()),
          }),
        );
        return { printed: issued.printed, lines: issued.lines };
      }),
    },
  });
}
