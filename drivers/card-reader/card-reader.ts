// What the host sees of a card reader, whatever its stack: a card was presented (its UID), it
// was taken away, it could not be read. A card identifies an account or a member of staff
// (the host decides whose, src/service/card-directory.ts); the kiosk never reads bank cards
// (bank-card-module.ts).
import type { DeviceStatus } from '../device';
import type { DeviceDiagnosis } from '../diagnosis';

/** diagnose() of a card reader. Its events name a card by the last 4 hex digits of its UID. */
export interface CardReaderDiagnosis extends DeviceDiagnosis {
  kind: 'cardReader';
  driver: 'pcsc';
}

export interface Card {
  /** Upper-case hex, no separators, e.g. `04A1B2C3D4E5F6`. */
  uid: string;
  /** The card's answer to reset, upper-case hex, where the stack reports it. */
  atr?: string;
}

export interface CardReadFailure {
  atr?: string;
  /** In the driver's words, for logs and staff. */
  reason: string;
}

export interface CardReader {
  readonly status: DeviceStatus;
  /** Why the status is what it is (null: all well). */
  readonly detail: string | null;
  /** Never rejects: a missing reader or service is a status, retried in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Each listener registration returns its unsubscribe function. */
  onCard(listener: (card: Card) => void): () => void;
  /** The card presented last was taken away (also after an unreadable card). */
  onRemoved(listener: () => void): () => void;
  onUnreadable(listener: (failure: CardReadFailure) => void): () => void;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
  /** Cards read and unreadable, reconnects and the last events, for technicians and the heartbeat. */
  diagnose(): CardReaderDiagnosis;
}
