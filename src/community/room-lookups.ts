// The room's lookups, asked of the gateway as the resident goes (nothing journalled): the
// catalogue (kept ten minutes, and served stale while the gateway is away), the invoice
// pickup points, a company's particulars by its tax code, and an application's or an invoice
// request's progress.
import { isSubmissionSerial, isPhoneLast4, isTrackingCode, normalizeTrackingCode } from './checks';
import type { Service } from './contract';
import { checkedTaxId, communityOf, lookup, refusal } from './room-answers';
import type { CommunityRoom, CommunityRoomOptions, Lookup } from './room-face';

/** The catalogue is asked again after this long (a stale one serves while the gateway is away). */
const CATALOGUE_TTL_MS = 10 * 60_000;

export type RoomLookups = Pick<
  CommunityRoom,
  | 'services'
  | 'pickupPoints'
  | 'invoiceTitle'
  | 'progressByTrackingCode'
  | 'progressBySerial'
  | 'invoiceProgress'
>;

export function openLookups(
  o: Pick<CommunityRoomOptions, 'client' | 'community'>,
  clock: () => number,
): RoomLookups {
  let catalogue: { services: Service[]; at: number } | null = null;

  const services = async (): Promise<Lookup<Service[]>> => {
    const now = clock();
    if (catalogue && now - catalogue.at < CATALOGUE_TTL_MS)
      return { ok: true, value: catalogue.services };
    const r = lookup(await o.client.services(), (b) => b.services);
    if (r.ok) {
      catalogue = { services: r.value, at: now };
      return r;
    }
    // The gateway is away: the catalogue it gave last still shows the forms.
    return catalogue ? { ok: true, value: catalogue.services } : r;
  };

  return {
    services,

    async pickupPoints() {
      const c = communityOf(o);
      if (typeof c !== 'string') return c;
      return lookup(await o.client.pickupPoints(c), (b) => b.points);
    },

    async invoiceTitle(typed) {
      const taxId = checkedTaxId(typed, 'taxId');
      if (typeof taxId !== 'string') return taxId;
      return lookup(await o.client.invoiceTitle(taxId));
    },

    async progressByTrackingCode(typed, last4) {
      const code = normalizeTrackingCode(typed);
      if (!isTrackingCode(code))
        return refusal(
          'invalid',
          'invalid_tracking_code',
          'four and four digits or capitals',
          'trackingCode',
        );
      if (!isPhoneLast4(last4))
        return refusal(
          'invalid',
          'invalid_phone_last4',
          'the last four digits of the phone',
          'phoneLast4',
        );
      return lookup(await o.client.applicationByTrackingCode(code, last4));
    },

    async progressBySerial(serial) {
      if (!isSubmissionSerial(serial))
        return refusal('invalid', 'invalid_serial', 'not an application serial', 'serial');
      return lookup(await o.client.application(serial));
    },

    async invoiceProgress(serial) {
      if (!isSubmissionSerial(serial))
        return refusal('invalid', 'invalid_serial', 'not a request serial', 'serial');
      return lookup(await o.client.invoice(serial));
    },
  };
}
