// Where a presented card goes: an account card starts the resident's payment, an unknown or
// unreadable card is said so on screen, and a staff or technician card is for the service
// room. The card's UID never reaches the log.
import type { CardReader } from '../../drivers/card-reader';
import type { CardDirectory } from '../service/card-directory';
import type { SessionEvent } from '../flows/session-types';
import type { Logger } from './logger';

export function routeCards(
  cards: { reader: CardReader; directory: CardDirectory },
  send: (event: SessionEvent) => void,
  log: Logger,
): () => void {
  const offCard = cards.reader.onCard(({ uid }) => {
    const who = cards.directory.lookup(uid);
    if (who?.kind === 'account') {
      log.info({ billerId: who.billerId }, 'account card presented');
      send({ type: 'ACCOUNT_CARD', billerId: who.billerId, account: who.account });
    } else if (who) {
      log.info({ kind: who.kind, name: who.name }, 'staff card presented');
    } else {
      log.info({}, 'unknown card presented');
      send({ type: 'CARD_NOT_RECOGNISED' });
    }
  });
  const offUnreadable = cards.reader.onUnreadable(() => send({ type: 'CARD_NOT_RECOGNISED' }));
  return () => {
    offCard();
    offUnreadable();
  };
}
