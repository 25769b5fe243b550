// A visit's photos that no request claimed leave the terminal when the visit ends. Photos are
// staged as a resident takes them (documents, a signature, payment evidence) and claimed by her
// submit; if she cancels, walks away or runs out of time, the visit returns to the idle screen
// and the rest were given up: discarded then, not an hour later (the room's own deadline, which
// still covers a host that stops mid-visit).
import { customerStateOf, type SessionSnapshot } from '../flows/session-view';
import type { Logger } from './logger';

export function discardPhotosAfterVisits(
  session: { subscribe(next: (s: SessionSnapshot) => void): { unsubscribe(): void } },
  photos: { discardStagedPhotos(): number },
  log: Pick<Logger, 'info' | 'warn'>,
): () => void {
  let inVisit = false;
  const sub = session.subscribe((s) => {
    const idle = customerStateOf(s) === 'attract';
    // At the end of a visit no photo still staged can be claimed any more: all of them go.
    if (idle && inVisit) {
      try {
        const discarded = photos.discardStagedPhotos();
        if (discarded > 0) log.info({ discarded }, 'photos of an ended visit discarded');
      } catch (err) {
        // The room's hourly deadline removes them anyway; the session must not stop for this.
        log.warn({ err }, 'could not discard the photos of an ended visit');
      }
    }
    inVisit = !idle;
  });
  return () => sub.unsubscribe();
}
