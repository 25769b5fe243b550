// Tells staff when the session calls for them: once per call, with why (the customer asked, or
// a timeout with money on its way), and when a call ends without them: withdrawn by the
// customer, or with the visit. Staff mode answers the call; until then the log is the call.
import type { Logger } from './logger';
import { customerStateOf, helpCalled, type SessionSnapshot } from '../flows/session-view';

export function watchHelpCalls(
  session: { subscribe(next: (s: SessionSnapshot) => void): { unsubscribe(): void } },
  log: Logger,
): () => void {
  let called = false;
  const sub = session.subscribe((s) => {
    const now = helpCalled(s);
    if (now && !called)
      log.warn({ reason: s.context.helpReason }, 'a customer asked for staff help');
    if (!now && called) {
      const withdrawn = customerStateOf(s) !== 'attract';
      log.info({ withdrawn }, withdrawn ? 'the customer withdrew the call' : 'the call ended');
    }
    called = now;
  });
  return () => sub.unsubscribe();
}
