// POST /v1/bills/query: resolve the account (by id or by scan), price its unpaid bills with late
// fees as of now, and store the quote so a payment can refer to it.
import { randomBytes } from 'node:crypto';
import type { BillQueryRequest, Quote } from '../../src/gateway/contract';
import { daysOverdue, lateFee } from './late-fee';
import { fail, ok, type Reply } from './reply';
import type { SeedBiller } from './seed';
import { isoShanghai, nextMidnight } from './shanghai-time';
import type { GatewayStore } from './store';

/** A quote lives 10 minutes, or until the next Shanghai midnight if that is sooner. */
export const QUOTE_TTL_MS = 10 * 60_000;

/** The first biller whose scan pattern matches; group 1 is the account. */
function resolveScan(
  billers: SeedBiller[],
  scan: string,
): { biller: SeedBiller; account: string } | undefined {
  // Scanners often append CR/LF: ignore surrounding whitespace.
  const text = scan.trim();
  for (const biller of billers) {
    for (const pattern of biller.scanPatterns) {
      const account = new RegExp(pattern).exec(text)?.[1];
      if (account !== undefined) return { biller, account };
    }
  }
  return undefined;
}

export function queryBills(store: GatewayStore, req: BillQueryRequest, now: Date): Reply {
  let biller: SeedBiller | undefined;
  let accountId: string;
  if ('scan' in req) {
    const found = resolveScan(store.billers(), req.scan);
    if (!found) return fail(422, 'unrecognised_scan', 'the scanned code matches no biller');
    ({ biller, account: accountId } = found);
  } else {
    biller = store.biller(req.billerId);
    if (!biller) return fail(404, 'biller_not_found', `no biller ${req.billerId}`);
    accountId = req.account;
  }
  if (!new RegExp(biller.accountPattern).test(accountId)) {
    return fail(422, 'invalid_account', `${accountId} is not a valid ${biller.id} account number`);
  }
  const account = store.account(biller.id, accountId);
  if (!account) return fail(404, 'account_not_found', `no ${biller.id} account ${accountId}`);
  if (account.locked) {
    return fail(409, 'account_locked', 'this account is locked: please pay at a service hall');
  }

  const bills = store.unpaidBills(biller.id, accountId).map((b) => ({
    billId: b.billId,
    period: b.period,
    principal: b.principal,
    lateFee: lateFee(biller.kind, b.principal, b.dueDate, now),
    dueDate: b.dueDate,
    daysOverdue: daysOverdue(b.dueDate, now),
  }));
  const expiresAt = new Date(Math.min(now.getTime() + QUOTE_TTL_MS, nextMidnight(now).getTime()));
  const quote: Quote = {
    quoteId: `q_${randomBytes(12).toString('hex')}`,
    billerId: biller.id,
    account: accountId,
    holder: account.holder,
    address: account.address,
    bills,
    totalDue: bills.reduce((sum, b) => sum + b.principal + b.lateFee, 0),
    prepaidBalance: account.prepaidBalance,
    quotedAt: isoShanghai(now),
    expiresAt: isoShanghai(expiresAt),
  };
  store.insertQuote({
    quoteId: quote.quoteId,
    billerId: biller.id,
    account: accountId,
    billIds: JSON.stringify(bills.map((b) => b.billId)),
    expiresAtMs: expiresAt.getTime(),
    body: JSON.stringify(quote),
  });
  return ok(quote);
}
