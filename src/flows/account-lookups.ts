// How a resident's account is found, shared by the payment session and the application flow:
// the billers, an account typed, a bill scanned, a card read. Stand-ins answer "unreachable";
// the host provides the real ones once (src/host/session-actors.ts) for both flows.
import { fromPromise } from 'xstate';
import type { BillerChoice, LookupResult, ScanLookupResult } from './session-types';

export const accountLookups = {
  loadBillers: fromPromise<BillerChoice[]>(async () => []),
  lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
    ok: false,
    problem: 'gateway_unavailable',
  })),
  lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async () => ({
    ok: false,
    problem: 'gateway_unavailable',
  })),
  lookUpAccount: fromPromise<ScanLookupResult, { billerId: string; account: string }>(async () => ({
    ok: false,
    problem: 'gateway_unavailable',
  })),
};

/** What a scan's lookup is asked: the code as read. */
export const scanInput = ({ event }: { event: { type: string; text?: string } }) => ({
  text: event.type === 'SCANNED' ? (event.text ?? '') : '',
});

/** What a card's lookup is asked: its biller and account. */
export const cardInput = ({
  event,
}: {
  event: { type: string; billerId?: string; account?: string };
}) =>
  event.type === 'ACCOUNT_CARD'
    ? { billerId: event.billerId ?? '', account: event.account ?? '' }
    : { billerId: '', account: '' };
