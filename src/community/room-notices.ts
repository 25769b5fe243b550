// Community notices, for staff and technicians only: the templates, a preview in both
// languages, sending (journalled like every request, audited) and the sent list.
import { shanghaiIso } from '../time/shanghai';
import { NoticeRequest } from './contract';
import { composeNotice, NOTICE_TEMPLATES } from './notice-templates';
import { communityOf, lookup, refusal, staffOnDuty } from './room-answers';
import type { CommunityRoom, CommunityRoomOptions } from './room-face';
import { schemaCheck, type Submit } from './room-submissions';

export function openNotices(
  o: Pick<CommunityRoomOptions, 'client' | 'community' | 'onDuty' | 'audit'>,
  submit: Submit,
  clock: () => number,
): CommunityRoom['notices'] {
  return {
    templates: () => NOTICE_TEMPLATES,
    preview(templateId, values) {
      const c = composeNotice(templateId, values);
      return c.ok
        ? { ok: true, value: c.text }
        : refusal('invalid', c.problem, c.problem.replace('_', ' '), c.field);
    },
    async send(d) {
      const person = staffOnDuty(o, 'notices.send');
      if ('ok' in person) return person;
      const c = communityOf(o);
      if (typeof c !== 'string') return c;
      const composed = composeNotice(d.templateId, d.values);
      if (!composed.ok)
        return refusal(
          'invalid',
          composed.problem,
          composed.problem.replace('_', ' '),
          composed.field,
        );
      const receipt = await submit(
        'notice',
        [],
        (serial) => ({
          noticeSerial: serial,
          community: c,
          audience: { tags: d.tags },
          text: composed.text,
          sendAt: shanghaiIso(d.sendAt ?? clock()),
        }),
        schemaCheck(NoticeRequest),
        { staffId: person.staffNumber },
      );
      if (receipt.ok) {
        o.audit({
          actor: person,
          action: 'notices.send',
          subject: `notice:${receipt.serial}`,
          detail: { template: d.templateId, tags: d.tags.length, state: receipt.state },
        });
      }
      return receipt;
    },
    async sent() {
      const person = staffOnDuty(o, 'notices.view');
      if ('ok' in person) return person;
      const c = communityOf(o);
      if (typeof c !== 'string') return c;
      const r = lookup(await o.client.sentNotices(c, person.staffNumber), (b) => b.notices);
      o.audit({
        actor: person,
        action: 'notices.view',
        subject: `community:${c}`,
        detail: { ok: r.ok },
      });
      return r;
    },
  };
}
