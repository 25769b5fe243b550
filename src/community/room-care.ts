// The care view, for staff and technicians only: the committee's open alerts and enrolled
// households (each read audited with its count, never a name), and an alert's outcome.
import type { GatewayReply } from '../gateway/signed-request';
import { hasControl } from './form-check';
import { communityOf, lookup, refusal, staffOnDuty } from './room-answers';
import type { CommunityRoom, CommunityRoomOptions, Lookup } from './room-face';

export function openCare(
  o: Pick<CommunityRoomOptions, 'client' | 'community' | 'onDuty' | 'audit'>,
): CommunityRoom['care'] {
  /** A staff-only care read (alerts or households), audited with its count and never a name. */
  const careView = async <B, T extends readonly unknown[]>(
    view: 'alerts' | 'households',
    fetch: (community: string, staffNumber: string) => Promise<GatewayReply<B>>,
    pick: (body: B) => T,
  ): Promise<Lookup<T>> => {
    const person = staffOnDuty(o, 'care.view');
    if ('ok' in person) return person;
    const c = communityOf(o);
    if (typeof c !== 'string') return c;
    const r = lookup(await fetch(c, person.staffNumber), pick);
    o.audit({
      actor: person,
      action: 'care.view',
      subject: `community:${c}`,
      detail: { view, ok: r.ok, [view]: r.ok ? r.value.length : null },
    });
    return r;
  };

  return {
    alerts: () =>
      careView(
        'alerts',
        (c, staffNumber) => o.client.careAlerts(c, staffNumber),
        (b) => b.alerts,
      ),
    households: () =>
      careView(
        'households',
        (c, staffNumber) => o.client.careHouseholds(c, staffNumber),
        (b) => b.households,
      ),
    async recordOutcome(alertId, outcome, note) {
      const person = staffOnDuty(o, 'care.outcome');
      if ('ok' in person) return person;
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(alertId))
        return refusal('invalid', 'invalid_alert', 'not an alert id');
      if (hasControl(note) || [...note].length > 200)
        return refusal('invalid', 'invalid_field', 'note: at most 200 characters', 'note');
      // Idempotent on (alert, outcome, by) at the gateway: asking again after no answer is safe.
      const r = lookup(
        await o.client.careOutcome(
          alertId,
          { outcome, note, by: person.staffNumber },
          person.staffNumber,
        ),
      );
      o.audit({
        actor: person,
        action: 'care.outcome',
        subject: `alert:${alertId}`,
        detail: { outcome, ok: r.ok },
      });
      return r;
    },
  };
}
