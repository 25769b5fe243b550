// Tells staff when the session calls for them: once per call, with why (the customer asked, or
// a timeout with money on its way). Staff mode answers the call; until then the log is the call.
// A call raised again after one was answered (she walked away from money with staff gone) is a
// new call, told again.
import type { Logger } from './logger';
import { helpCalled, staffHelping, type SessionSnapshot } from '../flows/session-view';

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
    waiting = now;
  });
  return () => sub.unsubscribe();
}
