// How each open item closes (open-items.ts dispatches here): a refund slip paid out from petty
// cash, a found note credited to a follow-up payment (written off once, through the outbox) or
// given back, a stray note's outcome, a difference explained. Each writes its effect, the item's
// outcome and its audit row in one transaction.
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { businessDay } from '../time/shanghai';
import type { AuditDetail, AuditParty } from './audit-log';
import {
  DISCREPANCY_REASONS,
  asDetail,
  noteProblem,
  num,
  str,
  type ItemResolution,
  type PaymentRequests,
  type ResolvedView,
} from './open-item-kinds';
import type { StaffItemRecord } from '../../offline-queue/staff-items';
import { done, type Refusal, type StaffContext, type StaffResult } from './staff-results';

export interface ResolutionPorts {
  c: StaffContext;
  requests: PaymentRequests;
  buildRequest: (p: PaymentRow, collectedAt: number) => string;
}

type Refuse = (reason: Refusal['reason'], why?: string, amount?: number) => Refusal;

export function payOut(
  o: ResolutionPorts,
  who: AuditParty,
  item: StaffItemRecord,
  r: Extract<ItemResolution, { action: 'pay_out' }>,
  refuse: Refuse,
): StaffResult<ResolvedView> {
  const serial =
    item.paymentId === null
      ? str(asDetail(item.detail).agentSerial)
      : o.c.journal.get(item.paymentId).agentSerial;
  const given = r.slipSerial.trim().toUpperCase();
  if (serial === null || given !== serial.toUpperCase())
    return refuse('wrong_serial', r.via, item.amount);
  if (!Number.isSafeInteger(r.amount) || r.amount !== item.amount)
    return refuse('wrong_amount', undefined, item.amount);
  const at = o.c.clock();
  o.c.db.transaction(() => {
    o.c.staff.resolve(item.id, who.staffNumber, 'paid_out', {
      amount: r.amount,
      slipSerial: serial,
      via: r.via,
      from: 'petty_cash',
      paidAt: at,
    });
    o.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject: `item:${item.id}`,
      amountBefore: item.amount,
      amountAfter: 0,
      detail: { kind: 'refund_slip', outcome: 'paid_out', via: r.via, from: 'petty_cash' },
    });
  })();
  return done({ itemId: item.id, outcome: 'paid_out' });
}

export function creditFound(
  o: ResolutionPorts,
  who: AuditParty,
  item: StaffItemRecord,
  refuse: Refuse,
): StaffResult<ResolvedView> {
  const noteId = num(asDetail(item.detail).noteId) ?? -1;
  const now = o.c.clock();
  const problem = o.c.journal.foundNoteProblem(noteId, now);
  if (problem) return refuse('not_creditable', problem, item.amount);
  const note = o.c.journal.reviewedNote(noteId);
  if (!note) return refuse('not_creditable', 'note_settled', item.amount);
  const first = o.c.journal.get(note.paymentId);
  const next = o.c.db.transaction(() => {
    const credited = o.c.journal.creditFoundNote({
      noteId,
      terminalId: o.c.terminalId,
      businessDay: businessDay(now),
      buildRequest: o.buildRequest,
    });
    o.c.staff.resolve(item.id, who.staffNumber, 'credited', {
      noteId,
      value: note.value,
      creditedTo: credited.agentSerial,
    });
    o.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject: `item:${item.id}`,
      amountBefore: first.collected,
      amountAfter: first.collected + note.value,
      detail: {
        kind: 'note_review',
        outcome: 'credited',
        value: note.value,
        followUp: `payment:${credited.id}`,
      },
    });
    return credited;
  })();
  // Committed: the write-off is the sync worker's now (journal before effect).
  o.requests.kick();
  return done({ itemId: item.id, outcome: 'credited', creditedTo: next.agentSerial });
}

export function noteReturned(
  o: ResolutionPorts,
  who: AuditParty,
  item: StaffItemRecord,
): StaffResult<ResolvedView> {
  const noteId = num(asDetail(item.detail).noteId) ?? -1;
  const note = o.c.journal.reviewedNote(noteId);
  const from = o.c.db.transaction(() => {
    // A note whose fate staff already settled some other way is only recorded.
    const returned =
      note && note.state === 'unknown' ? o.c.journal.recordNoteReturnedByStaff(noteId) : null;
    o.c.staff.resolve(item.id, who.staffNumber, 'returned', {
      noteId,
      value: note?.value ?? item.amount,
      from: returned,
    });
    o.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject: `item:${item.id}`,
      amountBefore: item.amount,
      amountAfter: 0,
      detail: { kind: 'note_review', outcome: 'returned', from: returned },
    });
    return returned;
  })();
  return done({
    itemId: item.id,
    outcome: 'returned',
    ...(from ? { returnedFrom: from } : {}),
  });
}

export function strayOutcome(
  o: ResolutionPorts,
  who: AuditParty,
  item: StaffItemRecord,
  outcome: 'in_box' | 'returned' | 'not_found',
): StaffResult<ResolvedView> {
  const d = asDetail(item.detail);
  o.c.db.transaction(() => {
    o.c.staff.resolve(item.id, who.staffNumber, outcome, { strayId: num(d.strayId) });
    o.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject: `item:${item.id}`,
      amountBefore: num(d.value),
      amountAfter: num(d.value),
      detail: { kind: 'stray_note', outcome, deviceInBox: d.inBox === true },
    });
  })();
  return done({ itemId: item.id, outcome });
}

export function explain(
  o: ResolutionPorts,
  who: AuditParty,
  item: StaffItemRecord,
  r: Extract<ItemResolution, { action: 'explain' }>,
  refuse: Refuse,
): StaffResult<ResolvedView> {
  if (!(DISCREPANCY_REASONS as readonly string[]).includes(r.reason))
    return refuse('bad_reason', undefined, item.amount);
  const note = r.note?.trim() ?? '';
  const problem = noteProblem(note);
  if (problem) return refuse('bad_note', problem, item.amount);
  if (r.reason === 'other' && note === '') return refuse('bad_note', 'other_needs_a_note');
  const detail: AuditDetail = {
    kind: 'discrepancy',
    outcome: 'explained',
    reason: r.reason,
    ...(note ? { note } : {}),
  };
  o.c.db.transaction(() => {
    o.c.staff.resolve(item.id, who.staffNumber, 'explained', {
      reason: r.reason,
      ...(note ? { note } : {}),
    });
    o.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject: `item:${item.id}`,
      amountBefore: item.amount,
      amountAfter: item.amount,
      detail,
    });
  })();
  return done({ itemId: item.id, outcome: 'explained' });
}
