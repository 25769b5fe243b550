// Where a presented card goes: an account card starts the resident's payment, an unknown or
// unreadable card is said so on screen, and a staff or technician card (and any card taken
// away) goes to the staff desk. The card's UID never reaches the log.
import type { CardReader } from '../../drivers/card-reader';
import type { CardDirectory } from '../service/card-directory';
import type { SessionEvent } from '../flows/session-types';
import type { Logger } from './logger';

export function routeCards(
  cards: { reader: CardReader; directory: CardDirectory },
  to: {
    /** The customer's visit. */
    session(event: SessionEvent): void;
    /** The staff desk: a staff or technician card, and any card taken away. */
    staffCard(uid: string): void;
    cardRemoved(): void;
    /** The diagnostics card test, first of all: true when it took the card (nothing else runs). */
    diagnosticCard?(uid: string, kind: 'account' | 'staff' | 'unknown'): boolean;
  },
  log: Logger,
): () => void {
  const offCard = cards.reader.onCard(({ uid }) => {
    const who = cards.directory.lookup(uid);
    const kind = who === null ? 'unknown' : who.kind === 'account' ? 'account' : 'staff';
    if (to.diagnosticCard?.(uid, kind)) {
      log.info({ kind }, 'card read by the diagnostics card test');
      return;
    }
    if (who?.kind === 'account') {
      log.info({ billerId: who.billerId }, 'account card presented');
      to.session({ type: 'ACCOUNT_CARD', billerId: who.billerId, account: who.account });
    } else if (who) {
      log.info({ kind: who.kind, name: who.name }, 'staff card presented');
      to.staffCard(uid);
    } else {
      log.info({}, 'unknown card presented');
      to.session({ type: 'CARD_NOT_RECOGNISED' });
    }
  });
  const offUnreadable = cards.reader.onUnreadable(() =>
    to.session({ type: 'CARD_NOT_RECOGNISED' }),
  );
  const offRemoved = cards.reader.onRemoved(() => to.cardRemoved());
  return () => {
    offCard();
    offUnreadable();
    offRemoved();
  };
}
