// Schema migrations, applied in order inside one transaction each; user_version records the last.
// Never edit a released migration: append a new one. Migrations run with foreign keys off (so a
// table can be rebuilt) and are checked with foreign_key_check before they commit.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE payment (
    id            INTEGER PRIMARY KEY,
    agent_serial  TEXT NOT NULL UNIQUE,
    state         TEXT NOT NULL,
    biller_id     TEXT NOT NULL,
    account       TEXT NOT NULL,
    quote_id      TEXT NOT NULL,
    quote_json    TEXT NOT NULL,
    amount_due    INTEGER NOT NULL CHECK (amount_due >= 0),
    accepts_overpayment INTEGER NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('cash', 'qr', 'card')),
    collected     INTEGER NOT NULL DEFAULT 0 CHECK (collected >= 0),
    request_json  TEXT,
    result_json   TEXT,
    biller_txn_id TEXT,
    reject_code   TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );
  CREATE INDEX payment_state ON payment(state);

  -- Append-only: the journal never updates or deletes an event.
  CREATE TABLE payment_event (
    id          INTEGER PRIMARY KEY,
    payment_id  INTEGER NOT NULL REFERENCES payment(id),
    at          INTEGER NOT NULL,
    type        TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT,
    data_json   TEXT
  );
  CREATE TRIGGER payment_event_no_update BEFORE UPDATE ON payment_event
    BEGIN SELECT RAISE(ABORT, 'payment_event is append-only'); END;
  CREATE TRIGGER payment_event_no_delete BEFORE DELETE ON payment_event
    BEGIN SELECT RAISE(ABORT, 'payment_event is append-only'); END;

  -- Each note seen in escrow, and whether it reached the cash box.
  CREATE TABLE cash_note (
    id          INTEGER PRIMARY KEY,
    payment_id  INTEGER NOT NULL REFERENCES payment(id),
    value       INTEGER NOT NULL CHECK (value > 0),
    state       TEXT NOT NULL CHECK (state IN ('escrowed', 'stacked', 'returned')),
    escrowed_at INTEGER NOT NULL,
    settled_at  INTEGER
  );

  -- The cash box ledger: one row per stacked note, cleared by a technician's collection.
  CREATE TABLE cash_box (
    id          INTEGER PRIMARY KEY,
    note_id     INTEGER NOT NULL UNIQUE REFERENCES cash_note(id),
    value       INTEGER NOT NULL,
    stacked_at  INTEGER NOT NULL,
    collection_id INTEGER
  );

  -- Work for the sync worker, written in the same transaction as FUNDS_CAPTURED.
  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    payment_id      INTEGER NOT NULL UNIQUE REFERENCES payment(id),
    kind            TEXT NOT NULL CHECK (kind IN ('writeoff')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    done_at         INTEGER
  );

  CREATE TABLE serial_counter (
    day   TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
  );
  `,
  `
  -- One row per wallet attempt; committed before the wallet call (journal before effect).
  CREATE TABLE qr_attempt (
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL REFERENCES payment(id),
    qr_payment_id  TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('micropay', 'native')),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    state          TEXT NOT NULL CHECK (state IN
                     ('pending', 'user_paying', 'success', 'failed', 'cancelled', 'refunded')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
  );
  -- At most one attempt per payment may be open: a new one only after the last has ended.
  CREATE UNIQUE INDEX qr_attempt_one_open ON qr_attempt(payment_id)
    WHERE state IN ('pending', 'user_paying');

  -- What staff must see and act on: cash refund slips, reconciliation differences, notes in an
  -- unknown state. Closed by staff, never deleted.
  CREATE TABLE staff_item (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('cash_refund', 'discrepancy', 'note_review')),
    payment_id  INTEGER REFERENCES payment(id),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    reason      TEXT NOT NULL,
    detail_json TEXT,
    created_at  INTEGER NOT NULL,
    closed_at   INTEGER,
    closed_by   TEXT
  );
  CREATE INDEX staff_item_open ON staff_item(closed_at);

  -- Daily reconciliation runs against the gateway's view of a business day.
  CREATE TABLE reconciliation_run (
    day           TEXT PRIMARY KEY,
    at            INTEGER NOT NULL,
    gateway_count INTEGER NOT NULL,
    gateway_total INTEGER NOT NULL,
    kiosk_count   INTEGER NOT NULL,
    kiosk_total   INTEGER NOT NULL,
    differences   INTEGER NOT NULL
  );

  -- A note can be in an unknown state (escrowed when the kiosk lost power): staff decide.
  CREATE TABLE cash_note_v2 (
    id          INTEGER PRIMARY KEY,
    payment_id  INTEGER NOT NULL REFERENCES payment(id),
    value       INTEGER NOT NULL CHECK (value > 0),
    state       TEXT NOT NULL CHECK (state IN ('escrowed', 'stacked', 'returned', 'unknown')),
    escrowed_at INTEGER NOT NULL,
    settled_at  INTEGER
  );
  INSERT INTO cash_note_v2 SELECT id, payment_id, value, state, escrowed_at, settled_at FROM cash_note;
  DROP TABLE cash_note;
  ALTER TABLE cash_note_v2 RENAME TO cash_note;

  ALTER TABLE payment ADD COLUMN collected_at INTEGER;
  ALTER TABLE payment ADD COLUMN written_off_day TEXT;
  `,
  `
  -- Escrow checks and the write-off tender read a payment's notes on every capture; without
  -- this index they scan every note the kiosk ever took.
  CREATE INDEX cash_note_payment ON cash_note(payment_id, state);
  `,
  `
  -- Money re-applied to a fresh quote after the first write-off came too late (quote_expired):
  -- the new payment points at the payment whose notes are in the cash box.
  ALTER TABLE payment ADD COLUMN replaces_payment_id INTEGER REFERENCES payment(id);
  `,
  `
  -- The earliest time the gateway allowed a retry (its Retry-After): "retry now" (the network
  -- is back) may skip the backoff, never this.
  ALTER TABLE outbox ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Note events the acceptor reported outside any escrow decision (typically a credit repeated
  -- to a host that restarted mid-note), kept as evidence for staff. note_id is the journalled
  -- note the event was attributed to, if any.
  CREATE TABLE stray_note (
    id       INTEGER PRIMARY KEY,
    value    INTEGER CHECK (value IS NULL OR value > 0),
    outcome  TEXT NOT NULL CHECK (outcome IN ('stacked', 'returned', 'uncertain')),
    reason   TEXT NOT NULL,
    note_id  INTEGER REFERENCES cash_note(id),
    at       INTEGER NOT NULL
  );

  -- A technician emptied the cash box: the ledger rows it held, and the device's own stacked
  -- counter at that moment (the baseline its later counts are compared from).
  CREATE TABLE cash_collection (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    by             TEXT NOT NULL,
    count          INTEGER NOT NULL,
    total          INTEGER NOT NULL,
    device_stacked INTEGER
  );
  `,
  `
  -- How long the sync worker chose to wait before a row's next attempt (its backoff or the
  -- gateway's Retry-After). A due time further away than that can only come from a wall clock
  -- set back; the worker brings it in. NULL: not rescheduled since this column came.
  ALTER TABLE outbox ADD COLUMN wait_ms INTEGER CHECK (wait_ms IS NULL OR wait_ms >= 0);
  `,
  `
  -- A stray note no journalled note can be is a record of its own; when the device put it in the
  -- box it is counted there, credited to no one. So a cash_box row belongs to a journalled note
  -- or to a stray record, never both, and has no value only when the device never said it.
  CREATE TABLE cash_box_v2 (
    id            INTEGER PRIMARY KEY,
    note_id       INTEGER UNIQUE REFERENCES cash_note(id),
    stray_id      INTEGER UNIQUE REFERENCES stray_note(id),
    value         INTEGER CHECK (value IS NULL OR value > 0),
    stacked_at    INTEGER NOT NULL,
    collection_id INTEGER,
    CHECK ((note_id IS NULL) <> (stray_id IS NULL)),
    CHECK (value IS NOT NULL OR note_id IS NULL)
  );
  INSERT INTO cash_box_v2(id, note_id, value, stacked_at, collection_id)
    SELECT id, note_id, value, stacked_at, collection_id FROM cash_box;
  DROP TABLE cash_box;
  ALTER TABLE cash_box_v2 RENAME TO cash_box;

  -- Whether the device said the stray note ended in the box (earlier rows: what was assumed
  -- then, any outcome but 'returned'), and the last journalled note when it was recorded, which
  -- places it among the notes.
  ALTER TABLE stray_note ADD COLUMN in_box INTEGER NOT NULL DEFAULT 0 CHECK (in_box IN (0, 1));
  UPDATE stray_note SET in_box = (outcome <> 'returned');
  ALTER TABLE stray_note ADD COLUMN after_note_id INTEGER REFERENCES cash_note(id);

  -- When the acceptor was next seen with its note path clear: no later report can be about
  -- this note. Earlier stray rows are closed (the kiosk has restarted since).
  ALTER TABLE stray_note ADD COLUMN path_clear_at INTEGER;
  UPDATE stray_note SET path_clear_at = at;
  ALTER TABLE cash_note ADD COLUMN path_clear_at INTEGER;
  `,
  `
  -- Who may enter the staff and technician modes (src/service/). A person's PIN as a slow
  -- salted hash: scrypt with its parameters kept beside it, so they can be raised later (a
  -- PIN is rehashed at its next good entry). Never the PIN itself.
  CREATE TABLE staff_pin (
    staff_number TEXT PRIMARY KEY,
    scheme       TEXT NOT NULL CHECK (scheme = 'scrypt'),
    cost_n       INTEGER NOT NULL CHECK (cost_n >= 2 AND cost_n <= 1048576 AND (cost_n & (cost_n - 1)) = 0),
    block_r      INTEGER NOT NULL CHECK (block_r BETWEEN 1 AND 32),
    parallel_p   INTEGER NOT NULL CHECK (parallel_p BETWEEN 1 AND 16),
    salt         BLOB NOT NULL CHECK (length(salt) = 16),
    hash         BLOB NOT NULL CHECK (length(hash) = 32),
    set_at       INTEGER NOT NULL,
    -- The technician who set it; NULL: the one-time console setup.
    set_by       TEXT
  );

  -- Wrong PINs in a row, per person (whether typed after their card or their staff number), and
  -- until when (wall ms) the person is locked out. Kept here so a restart does not forgive.
  CREATE TABLE auth_lockout (
    staff_number TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures >= 0),
    locked_until INTEGER,
    updated_at   INTEGER NOT NULL
  );

  -- Every entry attempt and every action of the staff and technician modes. Append-only: the
  -- triggers refuse any UPDATE or DELETE. actor (a staff number) is NULL when nobody is known
  -- (an unknown card, a wrong PIN, the console); approver is the second person of a four-eyes
  -- action. Amounts in fen. detail_json holds no personal data, PIN or whole card number.
  CREATE TABLE service_audit (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    at_iso        TEXT NOT NULL,
    actor         TEXT,
    actor_role    TEXT CHECK (actor_role IN ('staff', 'technician')),
    approver      TEXT,
    approver_role TEXT CHECK (approver_role IN ('staff', 'technician')),
    action        TEXT NOT NULL,
    subject       TEXT,
    amount_before INTEGER CHECK (amount_before IS NULL OR typeof(amount_before) = 'integer'),
    amount_after  INTEGER CHECK (amount_after IS NULL OR typeof(amount_after) = 'integer'),
    detail_json   TEXT CHECK (detail_json IS NULL OR json_valid(detail_json)),
    CHECK ((actor IS NULL) = (actor_role IS NULL)),
    CHECK ((approver IS NULL) = (approver_role IS NULL)),
    CHECK (approver IS NULL OR (actor IS NOT NULL AND approver <> actor))
  );
  CREATE INDEX service_audit_at ON service_audit(at);
  CREATE INDEX service_audit_subject ON service_audit(subject) WHERE subject IS NOT NULL;
  -- INSERT OR REPLACE deletes the row it replaces without firing a DELETE trigger: refused too.
  CREATE TRIGGER service_audit_no_replace BEFORE INSERT ON service_audit
    WHEN EXISTS (SELECT 1 FROM service_audit WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'service_audit is append-only'); END;
  CREATE TRIGGER service_audit_no_update BEFORE UPDATE ON service_audit
    BEGIN SELECT RAISE(ABORT, 'service_audit is append-only'); END;
  CREATE TRIGGER service_audit_no_delete BEFORE DELETE ON service_audit
    BEGIN SELECT RAISE(ABORT, 'service_audit is append-only'); END;
  `,
  `
  -- Cash-box exchanges (清机; offline-queue/cash-exchange.ts is the only writer). Begun: the box
  -- taken out (its id and seal), who, and what the ledger expected in it, fixed then: the live
  -- cash_box rows up to box_mark (rows boxed later are the new box's), and the acceptor's
  -- stacked counter at that moment (the next audits' baseline). Settled in one transaction with
  -- the collection that takes those rows out of the live ledger and, when the count differs, the
  -- discrepancy's staff item: the counted notes, expected − counted (fen: > 0 短款, < 0 长款) and
  -- the settlement slip's lines. Or aborted, changing nothing else. Settled and aborted rows are
  -- final; no row is deleted or replaced.
  CREATE TABLE cash_exchange (
    id               INTEGER PRIMARY KEY,
    state            TEXT NOT NULL CHECK (state IN ('open', 'settled', 'aborted')),
    box_id           TEXT NOT NULL,
    seal             TEXT NOT NULL,
    begun_by         TEXT NOT NULL,
    begun_at         INTEGER NOT NULL,
    box_mark         INTEGER NOT NULL CHECK (box_mark >= 0),
    device_stacked   INTEGER CHECK (device_stacked IS NULL OR device_stacked >= 0),
    expected_json    TEXT NOT NULL CHECK (json_valid(expected_json)),
    expected_total   INTEGER NOT NULL CHECK (expected_total >= 0),
    expected_unknown INTEGER NOT NULL CHECK (expected_unknown >= 0),
    draft_json       TEXT CHECK (draft_json IS NULL OR json_valid(draft_json)),
    counted_json     TEXT CHECK (counted_json IS NULL OR json_valid(counted_json)),
    counted_total    INTEGER CHECK (counted_total IS NULL OR counted_total >= 0),
    discrepancy      INTEGER,
    outcome          TEXT CHECK (outcome IS NULL OR outcome IN ('match', 'short', 'long', 'mixed')),
    collection_id    INTEGER UNIQUE REFERENCES cash_collection(id),
    staff_item_id    INTEGER UNIQUE REFERENCES staff_item(id),
    new_box_id       TEXT,
    new_seal         TEXT,
    slip_json        TEXT CHECK (slip_json IS NULL OR json_valid(slip_json)),
    -- Why it was aborted, in the technician's words.
    end_reason       TEXT,
    ended_by         TEXT,
    ended_at         INTEGER,
    CHECK (((state = 'open') = (ended_by IS NULL)) AND ((ended_by IS NULL) = (ended_at IS NULL))),
    CHECK ((state = 'settled') = (collection_id IS NOT NULL)),
    CHECK ((state = 'settled') = (slip_json IS NOT NULL)),
    CHECK ((state = 'settled') = (counted_json IS NOT NULL AND counted_total IS NOT NULL)),
    CHECK (state = 'settled' OR staff_item_id IS NULL),
    CHECK ((state = 'settled') = (discrepancy IS NOT NULL AND outcome IS NOT NULL)),
    CHECK (state = 'aborted' OR end_reason IS NULL),
    CHECK (discrepancy IS NULL OR discrepancy = expected_total - counted_total),
    CHECK ((new_box_id IS NULL) = (new_seal IS NULL))
  );
  -- One box out at a time.
  CREATE UNIQUE INDEX cash_exchange_one_open ON cash_exchange(state) WHERE state = 'open';
  CREATE TRIGGER cash_exchange_final BEFORE UPDATE ON cash_exchange WHEN OLD.state <> 'open'
    BEGIN SELECT RAISE(ABORT, 'a settled or aborted cash exchange is final'); END;
  CREATE TRIGGER cash_exchange_no_delete BEFORE DELETE ON cash_exchange
    BEGIN SELECT RAISE(ABORT, 'a cash exchange is never deleted'); END;
  -- INSERT OR REPLACE deletes the row it replaces without firing a DELETE trigger: refused too.
  CREATE TRIGGER cash_exchange_no_replace BEFORE INSERT ON cash_exchange
    WHEN EXISTS (SELECT 1 FROM cash_exchange WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'a cash exchange is never replaced'); END;
  `,
  `
  -- Assisted mode (src/service/): how staff closed an item — what they found or did (its
  -- outcome: paid_out, credited, returned, in_box, not_found, explained) and its particulars.
  ALTER TABLE staff_item ADD COLUMN outcome TEXT;
  ALTER TABLE staff_item ADD COLUMN outcome_json TEXT
    CHECK (outcome_json IS NULL OR json_valid(outcome_json));

  -- Same-day reversals (冲正) of written-off payments: the intent, with who asked and who
  -- approved it (four eyes), is journalled before the request leaves; the outcome once known.
  -- requested: sent, or about to be, no answer yet (a crash leaves it so); unknown: no answer
  -- that settles it (query before any re-send); reversed, too_late, not_found, refused: final.
  -- At most one live reversal per payment (requested, unknown or reversed).
  CREATE TABLE payment_reversal (
    id           INTEGER PRIMARY KEY,
    payment_id   INTEGER NOT NULL REFERENCES payment(id),
    state        TEXT NOT NULL CHECK (state IN
                   ('requested', 'unknown', 'reversed', 'too_late', 'not_found', 'refused')),
    reason       TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    requested_by TEXT NOT NULL,
    approved_by  TEXT NOT NULL CHECK (approved_by <> requested_by),
    requested_at INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    settled_at   INTEGER
  );
  CREATE UNIQUE INDEX payment_reversal_live ON payment_reversal(payment_id)
    WHERE state IN ('requested', 'unknown', 'reversed');
  `,
  `
  -- INSERT OR REPLACE deletes the row it replaces without firing payment_event's DELETE trigger
  -- (recursive triggers are off): an event's id taken again is refused, as in service_audit.
  CREATE TRIGGER payment_event_no_replace BEFORE INSERT ON payment_event
    WHEN EXISTS (SELECT 1 FROM payment_event WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'payment_event is append-only'); END;
  `,
  `
  -- The community service point (src/community/; community-journal.ts is the only writer of
  -- these three tables). A photo of a document or a signature, encrypted in the photo vault
  -- (the file named here; the bytes are never in the journal): staged while the resident goes
  -- on, submitted with its request, and purged (file gone, name cleared) once the gateway holds
  -- it (upload_id), at purge_by (24 h after submission; an hour for one never submitted), or
  -- when its request is settled or it is discarded. A purged row is final; none is deleted.
  CREATE TABLE community_upload (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    mime         TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    size         INTEGER NOT NULL CHECK (size > 0 AND size <= 4194304),
    file         TEXT UNIQUE,
    state        TEXT NOT NULL CHECK (state IN ('staged', 'submitted', 'purged')),
    upload_id    TEXT,
    expires_at   TEXT,
    staged_at    INTEGER NOT NULL,
    purge_by     INTEGER NOT NULL,
    purged_at    INTEGER,
    purge_reason TEXT CHECK (purge_reason IS NULL OR
                   purge_reason IN ('held', 'retention', 'settled', 'discarded', 'unreadable')),
    CHECK ((state = 'purged') = (file IS NULL)),
    CHECK ((state = 'purged') = (purged_at IS NOT NULL AND purge_reason IS NOT NULL)),
    CHECK ((upload_id IS NULL) = (expires_at IS NULL)),
    CHECK (upload_id IS NULL OR purge_reason = 'held')
  );
  CREATE INDEX community_upload_live ON community_upload(purge_by) WHERE state <> 'purged';
  CREATE TRIGGER community_upload_final BEFORE UPDATE ON community_upload
    WHEN OLD.state = 'purged'
    BEGIN SELECT RAISE(ABORT, 'a purged photo is final'); END;
  CREATE TRIGGER community_upload_no_delete BEFORE DELETE ON community_upload
    BEGIN SELECT RAISE(ABORT, 'a photo row is never deleted'); END;
  -- INSERT OR REPLACE deletes the row it replaces without firing a DELETE trigger: refused too.
  CREATE TRIGGER community_upload_no_replace BEFORE INSERT ON community_upload
    WHEN EXISTS (SELECT 1 FROM community_upload WHERE id = NEW.id OR file = NEW.file)
    BEGIN SELECT RAISE(ABORT, 'a photo row is never replaced'); END;

  -- A request to the gateway that must get there exactly once: an application, an addition of
  -- documents (target: the application's serial), a VAT invoice request or a notice (staff_id:
  -- its X-Staff-Id). Journalled with its serial before anything is sent; draft_json is the
  -- request with its photos named by community_upload row, request_json the exact body, fixed
  -- (by trigger) when it is first sent. queued: not sent yet; sent: on its way, no answer (a
  -- crash leaves it so); unknown: no answer that settles it (query before any re-send);
  -- accepted, rejected: settled and final. Due times are wall times, like the outbox's.
  CREATE TABLE community_submission (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('application', 'documents', 'invoice', 'notice')),
    serial          TEXT NOT NULL UNIQUE,
    business_day    TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN
                      ('queued', 'sent', 'unknown', 'accepted', 'rejected')),
    draft_json      TEXT NOT NULL CHECK (json_valid(draft_json)),
    request_json    TEXT CHECK (request_json IS NULL OR json_valid(request_json)),
    target          TEXT,
    staff_id        TEXT,
    reply_json      TEXT CHECK (reply_json IS NULL OR json_valid(reply_json)),
    tracking_code   TEXT,
    reject_code     TEXT,
    reject_message  TEXT,
    created_at      INTEGER NOT NULL,
    settled_at      INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    wait_ms         INTEGER CHECK (wait_ms IS NULL OR wait_ms >= 0),
    not_before      INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    CHECK ((state IN ('accepted', 'rejected')) = (settled_at IS NOT NULL)),
    CHECK (state = 'queued' OR state = 'rejected' OR request_json IS NOT NULL),
    CHECK ((state = 'accepted') = (reply_json IS NOT NULL)),
    CHECK ((state = 'rejected') = (reject_code IS NOT NULL)),
    CHECK (kind <> 'documents' OR target IS NOT NULL),
    CHECK (kind <> 'notice' OR staff_id IS NOT NULL)
  );
  CREATE INDEX community_submission_open ON community_submission(next_attempt_at)
    WHERE settled_at IS NULL;
  CREATE TRIGGER community_submission_final BEFORE UPDATE ON community_submission
    WHEN OLD.settled_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a settled community submission is final'); END;
  CREATE TRIGGER community_submission_same_body BEFORE UPDATE ON community_submission
    WHEN OLD.request_json IS NOT NULL AND NEW.request_json IS NOT OLD.request_json
    BEGIN SELECT RAISE(ABORT, 'a sent request body never changes'); END;
  CREATE TRIGGER community_submission_no_delete BEFORE DELETE ON community_submission
    BEGIN SELECT RAISE(ABORT, 'a community submission is never deleted'); END;
  CREATE TRIGGER community_submission_no_replace BEFORE INSERT ON community_submission
    WHEN EXISTS (SELECT 1 FROM community_submission WHERE id = NEW.id OR serial = NEW.serial)
    BEGIN SELECT RAISE(ABORT, 'a community submission is never replaced'); END;

  -- Which photos a submission carries, in the order of its draft.
  CREATE TABLE community_submission_upload (
    submission_id INTEGER NOT NULL REFERENCES community_submission(id),
    upload_row    INTEGER NOT NULL UNIQUE REFERENCES community_upload(id),
    position      INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (submission_id, position)
  );
  `,
];
