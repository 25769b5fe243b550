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
  // Shown over whatever the session is doing (a note stacking, a wallet confirming).
  if (c.staffHelp) {
    return {
      name: 'staffHelp',
      moneyInFlight: c.collected > 0 || c.noteInEscrow || c.qr.step === 'paying',
    };
  }
  switch (state) {
    case 'info': {
      const l = c.locale;
      const topic = c.info.topics.find((t) => t.id === c.info.topicId) ?? null;
      return {
        name: 'info',
        topics: c.info.topics.map((t) => ({ id: t.id, title: t.title[l] })),
        topic: topic
          ? { id: topic.id, title: topic.title[l], paragraphs: topic.paragraphs[l] }
          : null,
      };
    }
    case 'confirm':
    case 'startingPayment':
      if (biller && c.quote) {
        return {
          name: 'confirm',
          biller,
          account: c.quote.account,
          holder: c.quote.holder,
          amountDue: c.quote.totalDue,
          method: c.method,
        };
      }
      break;
    case 'qrPay':
      if (biller && c.quote) {
        return {
          name: 'qrPay',
          biller,
          amountDue: c.quote.totalDue,
          step: c.qr.step,
          kioskCodeUrl: c.qr.kioskCodeUrl,
          refused: c.qr.refused,
        };
      }
      break;
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
    case 'requoting':
      return { name: 'lookingUp', biller: null };
    case 'bills':
      if (biller && c.quote) {
        const { quoteId: _q, billerId: _b, expiresAt: _e, raw: _r, ...quote } = c.quote;
        return { name: 'bills', biller, quote, requoted: c.requoted };
      }
      break;
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
  if (!c.inService) return { name: 'outOfService' };
  const l = c.locale;
  return {
    name: 'attract',
    highlights: c.info.topics.map((t) => ({
      id: t.id,
      title: t.title[l],
      summary: t.paragraphs[l][0] ?? '',
    })),
  };
}
