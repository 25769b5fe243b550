// The service audit (src/service/audit-log.ts): rows in, read back by time, action, subject and
// person; append-only in the database itself (UPDATE, DELETE and REPLACE fail whoever sends
// them); no personal data, PIN or whole card number accepted in a detail; rows survive reopening
// the journal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../offline-queue/open-journal';
import { AuditLog, AuditRefused, detailProblem } from '../../src/service/audit-log';
import { journalFile, testClock, type JournalFile, type TestClock } from './service-fixture';

const WANG = { staffNumber: '1001', role: 'staff' } as const;
const LI = { staffNumber: '9001', role: 'technician' } as const;

let jf: JournalFile;
let db: JournalDb;
let clock: TestClock;
let audit: AuditLog;

beforeEach(() => {
  jf = journalFile();
  db = jf.open();
  clock = testClock();
  audit = new AuditLog(db, clock);
});
afterEach(() => jf.remove());

describe('AuditLog', () => {
  it('appends a row with its wall time, in business time too, and reads it back', () => {
    const row = audit.append({
      actor: WANG,
      approver: LI,
      action: 'reversal.approve',
      subject: 'payment:SH-XH-WK-0007-20261126-000001',
      amountBefore: 40773,
      amountAfter: 0,
      detail: { reason: 'customer paid twice', slip: true },
    });
    expect(row).toEqual({
      id: 1,
      at: clock(),
      atIso: '2026-11-26T14:03:11.000+08:00',
      actor: WANG,
      approver: LI,
      action: 'reversal.approve',
      subject: 'payment:SH-XH-WK-0007-20261126-000001',
      amountBefore: 40773,
      amountAfter: 0,
      detail: { reason: 'customer paid twice', slip: true },
    });
    expect(audit.get(1)).toEqual(row);
    expect(audit.get(2)).toBeNull();
  });

  it('a row about nobody known: no actor, no subject, no amounts', () => {
    const row = audit.append({ actor: null, action: 'auth.unknown', detail: { via: 'card' } });
    expect(audit.get(row.id)).toMatchObject({
      actor: null,
      approver: null,
      subject: null,
      amountBefore: null,
      amountAfter: null,
      detail: { via: 'card' },
    });
  });

  it('lists by time, action, subject and person, oldest or newest first, in pages', () => {
    audit.append({ actor: WANG, action: 'auth.ok' });
    clock.advance(60_000);
    audit.append({ actor: WANG, action: 'receipt.reprint', subject: 'payment:7' });
    clock.advance(60_000);
    const since = clock();
    audit.append({ actor: LI, action: 'auth.ok' });
    audit.append({ actor: LI, approver: WANG, action: 'reversal.approve', subject: 'payment:7' });
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

    expect(ids(audit.list())).toEqual([1, 2, 3, 4]);
    expect(ids(audit.latest())).toEqual([4, 3, 2, 1]);
    expect(ids(audit.list({ action: 'auth.ok' }))).toEqual([1, 3]);
    expect(ids(audit.list({ subject: 'payment:7' }))).toEqual([2, 4]);
    expect(ids(audit.list({ person: '1001' }))).toEqual([1, 2, 4]); // as actor or approver
    expect(ids(audit.list({ since }))).toEqual([3, 4]);
    expect(ids(audit.list({ afterId: 2, limit: 1 }))).toEqual([3]);
    expect(ids(audit.latest({ limit: 2 }))).toEqual([4, 3]);
    expect(audit.count()).toBe(4);
  });

  it('the database refuses to UPDATE, DELETE or REPLACE a row, whoever asks', () => {
    audit.append({ actor: WANG, action: 'auth.ok', detail: { via: 'card' } });
    const before = audit.list();
    expect(() => db.prepare("UPDATE service_audit SET action = 'auth.wrong_pin'").run()).toThrow(
      /service_audit is append-only/,
    );
    expect(() => db.prepare('DELETE FROM service_audit').run()).toThrow(
      /service_audit is append-only/,
    );
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO service_audit(id, at, at_iso, action) VALUES (1, 0, 'x', 'auth.ok')`,
        )
        .run(),
    ).toThrow(/service_audit is append-only/);
    expect(() =>
      db.exec(`REPLACE INTO service_audit(id, at, at_iso, action) VALUES (1, 0, 'x', 'auth.ok')`),
    ).toThrow(/service_audit is append-only/);
    expect(audit.list()).toEqual(before);
  });

  it('the database refuses an approver who is the actor, or an approver without an actor', () => {
    const insert = db.prepare(
      `INSERT INTO service_audit(at, at_iso, actor, actor_role, approver, approver_role, action)
       VALUES (0, 'x', ?, ?, ?, ?, 'reversal.approve')`,
    );
    expect(() => insert.run('1001', 'staff', '1001', 'staff')).toThrow(/CHECK/);
    expect(() => insert.run(null, null, '1001', 'staff')).toThrow(/CHECK/);
    expect(() => insert.run('1001', null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('1001', 'admin', null, null)).toThrow(/CHECK/);
    expect(audit.count()).toBe(0);
  });

  it('refuses, before writing, a detail that may hold a PIN, a name, a card or an account', () => {
    const refused = (detail: Record<string, string | number>) =>
      expect(() => audit.append({ actor: WANG, action: 'auth.ok', detail })).toThrow(AuditRefused);
    refused({ pin: 'x' });
    refused({ NEW_PIN: 'x' });
    refused({ name: '王' });
    refused({ cardUid: 'x' });
    refused({ account: 'x' });
    refused({ note: 'typed 135790 by mistake' }); // 6 digits
    refused({ note: 'card 04C0FFEE000001' }); // a whole UID
    refused({ note: 'x'.repeat(201) });
    expect(() => audit.append({ actor: WANG, approver: WANG, action: 'reversal.approve' })).toThrow(
      /second person/,
    );
    expect(() => audit.append({ actor: WANG, action: 'auth.ok', amountBefore: 1.5 })).toThrow(
      /whole fen/,
    );
    expect(audit.count()).toBe(0);
    expect(detailProblem({ via: 'card', cardTail: 'EE01', triesLeft: 3 })).toBeNull();
  });

  it('rows survive closing and reopening the journal', () => {
    audit.append({ actor: LI, action: 'pin.set', subject: 'staff:1001' });
    db.close();
    const again = new AuditLog(jf.open(), clock);
    expect(again.list()).toMatchObject([{ id: 1, actor: LI, action: 'pin.set' }]);
  });
});
