// Tells staff when the session calls for them: once per call, with why (the customer asked, a
// timeout with money on its way, or a printed copy of a receipt), and when a call ends without
// them: withdrawn by the customer, or with the visit. Staff mode answers the call; until then
// the log is the call. A call raised again after one was answered (she walked away from money
// with staff gone) is a new call, told again.
import type { Logger } from './logger';
import {
  customerStateOf,
  helpCalled,
  staffHelping,
  type SessionSnapshot,
} from '../flows/session-view';

export function watchHelpCalls(
  session: { subscribe(next: (s: SessionSnapshot) => void): { unsubscribe(): void } },
  log: Logger,
): () => void {
  let waiting = false;
  const sub = session.subscribe((s) => {
    // Called and not (yet) answered by a member of staff.
    const now = helpCalled(s) && !staffHelping(s);
    if (now && !waiting)
      log.warn({ reason: s.context.helpReason }, 'a customer asked for staff help');
    if (!helpCalled(s) && waiting) {
      const withdrawn = customerStateOf(s) !== 'attract';
      log.info({ withdrawn }, withdrawn ? 'the customer withdrew the call' : 'the call ended');
    }
    waiting = now;
  });
  return () => sub.unsubscribe();
}
