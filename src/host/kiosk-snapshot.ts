// The snapshot the renderer draws: the session's screen and overlays, plus the figures staff
// need (write-offs waiting, open items, how a receipt would come). One builder, so every
// transport (WebSocket, ipc, tests) sees the same thing.
import type { FrontPanel, Snapshot, StaffView } from '../api/kiosk-api';
import {
  helpCalled,
  promptDeadline,
  screenOf,
  staffHelping,
  type SessionSnapshot,
} from '../flows/session-view';

export type ServiceFigures = Snapshot['service'];

export function snapshotBuilder(read: {
  session: () => SessionSnapshot;
  service: () => ServiceFigures;
  /** Staff or service mode over the customer's screen, or null. */
  staff: () => StaffView | null;
  /** The opening card's absence while a mode is open (see Snapshot.staffCardAway). */
  staffCardAway: () => Snapshot['staffCardAway'];
  /** This terminal's front (config `frontPanel`): fixed for the host's life. */
  frontPanel: FrontPanel;
}): () => Snapshot {
  let seq = 0;
  return () => {
    const s = read.session();
    const deadline = promptDeadline(s);
    return {
      seq: seq++,
      locale: s.context.locale,
      screen: screenOf(s),
      service: read.service(),
      prefs: s.context.prefs,
      prompt: deadline === null ? null : { kind: 'moreTime', deadline },
      helpCalled: helpCalled(s),
      staffHelping: staffHelping(s),
      staff: read.staff(),
      staffCardAway: read.staffCardAway(),
      frontPanel: read.frontPanel,
    };
  };
}
