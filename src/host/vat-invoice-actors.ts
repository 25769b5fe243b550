// The VAT invoice's flow (src/flows/vat-invoice/) over the community room (src/community/) and
// the session's own biller list and bill query. The room answers values, never throws; its
// refusals become the screens' problem codes.
import { fromPromise } from 'xstate';
import type { CommunityRoom, Refusal, SubmissionReceipt } from '../community';
import type { InvoiceProblem } from '../api/kiosk-api';
import { rejectProblem } from '../flows/vat-invoice/invoice-steps';
import {
  vatInvoiceMachine,
  type InvoiceOutcome,
  type InvoiceRequestInput,
  type PointsLookup,
  type TitleLookup,
} from '../flows/vat-invoice/vat-invoice-machine';
import { photoRows } from './add-documents-actors';
import type { billLookups } from './session-actors';

function problemOf(r: Refusal): InvoiceProblem {
  switch (r.reason) {
    case 'not_found':
      return 'not_in_register';
    case 'invalid':
      return r.code === 'invalid_tax_id'
        ? 'tax_id_check'
        : r.field === 'phone'
          ? 'invalid_mobile'
          : 'refused';
    case 'refused':
      return rejectProblem(r.code);
    default:
      return 'unreachable';
  }
}

function outcomeOf(r: SubmissionReceipt | Refusal): InvoiceOutcome {
  if (!r.ok) {
    const problem = problemOf(r);
    const field =
      problem === 'tax_id_check' ? 'taxId' : problem === 'invalid_mobile' ? 'phone' : null;
    return { ok: false, problem, field };
  }
  return { ok: true, state: r.state, serial: r.serial, qr: r.serial, rejectCode: r.rejectCode };
}

export function vatInvoiceLogic(
  room: () => CommunityRoom | null,
  bills: ReturnType<typeof billLookups>,
) {
  return vatInvoiceMachine.provide({
    actors: {
      ...bills,
      invoiceTitle: fromPromise<TitleLookup, { taxId: string }>(async ({ input }) => {
        const r = room();
        if (!r) return { ok: false, problem: 'unreachable' };
        const found = await r.invoiceTitle(input.taxId);
        if (!found.ok) return { ok: false, problem: problemOf(found) };
        return { ok: true, buyer: { taxId: input.taxId, ...found.value } };
      }),
      pickupPoints: fromPromise<PointsLookup>(async () => {
        const r = room();
        if (!r) return { ok: false, problem: 'unreachable' };
        const found = await r.pickupPoints();
        return found.ok
          ? { ok: true, points: found.value }
          : { ok: false, problem: problemOf(found) };
      }),
      requestInvoice: fromPromise<InvoiceOutcome, InvoiceRequestInput>(async ({ input }) => {
        const r = room();
        if (!r) return { ok: false, problem: 'unreachable', field: null };
        const { taxId, ...title } = input.buyer;
        const evidence = photoRows(input.evidence);
        return outcomeOf(
          await r.requestInvoice({
            billerId: input.billerId,
            account: input.account,
            periods: input.periods,
            type: input.type,
            buyer: { ...title, taxId },
            delivery: input.delivery,
            phone: input.phone,
            ...(evidence.length > 0 ? { evidence } : {}),
          }),
        );
      }),
    },
  });
}
