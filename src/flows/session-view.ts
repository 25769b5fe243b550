// What the customer sees: a pure function of the session machine's state (UI = f(snapshot)).
import type { BillerView, Screen } from '../api/kiosk-api';
import type { BillerChoice, SessionContext } from './session-machine';

function billerView(b: BillerChoice): BillerView {
  return { id: b.id, kind: b.kind, name: b.name, accountLength: b.accountLength, paused: b.paused };
}

/** The receipt as the result screens show it: the e-receipt QR only when nothing was printed. */
function issued(c: SessionContext) {
  const o = c.outcome;
  return {
    receiptLines: o?.receiptLines ?? [],
    printed: o?.printed ?? false,
    eReceiptUrl: o && !o.printed ? o.eReceiptUrl : null,
  };
}

export function screenOf(state: string, c: SessionContext): Screen {
  const biller = c.biller ? billerView(c.biller) : null;
  switch (state) {
    case 'chooseBiller':
      return { name: 'chooseBiller', billers: c.billers.map(billerView) };
    case 'enterAccount':
      if (biller) return { name: 'enterAccount', biller, digits: c.digits, problem: c.problem };
      break;
    case 'lookingUp':
      if (biller) return { name: 'lookingUp', biller };
      break;
    case 'lookingUpScan':
    case 'lookingUpCard':
      return { name: 'lookingUp', biller: null };
    case 'bills':
      if (biller && c.quote) {
        const { quoteId: _q, billerId: _b, expiresAt: _e, raw: _r, ...quote } = c.quote;
        return { name: 'bills', biller, quote };
      }
      break;
    case 'startingPayment':
    case 'insertCash':
    case 'abandoning':
      if (biller && c.quote) {
        return {
          name: 'insertCash',
          biller,
          amountDue: c.quote.totalDue,
          collected: c.collected,
          acceptedNotes: c.acceptedNotes,
          acceptsOverpayment: c.biller?.acceptsOverpayment ?? false,
          noteInEscrow: c.noteInEscrow,
          underReview: c.underReview,
        };
      }
      break;
    case 'partialCash':
    case 'settlingPartial':
    case 'refundingPartial':
      if (biller && c.quote) {
        return {
          name: 'partialCash',
          biller,
          amountDue: c.quote.totalDue,
          collected: c.collected,
          outcome: c.biller?.allowsPartial ? 'writeOff' : 'refundSlip',
          canContinue: !c.cashFault,
          underReview: c.underReview,
        };
      }
      break;
    case 'refundSlip':
      return {
        name: 'refundSlip',
        amount: c.refundSlip?.amount ?? c.collected,
        slipLines: c.refundSlip?.slipLines ?? [],
        printed: c.refundSlip?.printed ?? false,
      };
    case 'capturing':
    case 'writingOff':
    case 'receipting':
    case 'pendingReceipting':
      return { name: 'writingOff', collected: c.collected };
    case 'paid':
      return {
        name: 'paid',
        collected: c.collected,
        prepaidCredited: c.outcome?.prepaidCredited ?? 0,
        ...issued(c),
      };
    case 'pendingSync':
      return { name: 'pendingSync', collected: c.collected, ...issued(c) };
    case 'problem':
      return { name: 'problem', problem: c.problem ?? 'payment_needs_staff' };
    case 'loadingBillers':
      return { name: 'chooseBiller', billers: [] };
  }
  return c.inService ? { name: 'attract' } : { name: 'outOfService' };
}
