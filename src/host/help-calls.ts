// Tells staff when the session calls for them: once per call, with why (the customer asked, or
// a timeout with money on its way). Staff mode answers the call; until then the log is the call.
import type { Logger } from './logger';
import { helpCalled, type SessionSnapshot } from '../flows/session-view';

export function watchHelpCalls(
  session: { subscribe(next: (s: SessionSnapshot) => void): { unsubscribe(): void } },
  log: Logger,
): () => void {
  let called = false;
  const sub = session.subscribe((s) => {
    const now = helpCalled(s);
    if (now && !called)
      log.warn({ reason: s.context.helpReason }, 'a customer asked for staff help');
    called = now;
  });
  return () => sub.unsubscribe();
}
