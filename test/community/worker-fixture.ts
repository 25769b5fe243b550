// A community journal on a real file, its photo vault, and the submission worker over a port
// scripted by the test (every call recorded, with the journal's state at the moment of the call).
import { createHash } from 'node:crypto';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { CommunityJournal, type SubmissionRow } from '../../src/community/community-journal';
import { photoRef } from '../../src/community/draft';
import { PhotoVault, vaultKey } from '../../src/community/photo-vault';
import type {
  QueryOutcome,
  SubmissionPort,
  SubmissionTarget,
  SubmitOutcome,
  UploadOutcome,
} from '../../src/community/submission-port';
import { SubmissionWorker } from '../../src/community/submission-worker';
import {
  tempDir,
  testClock,
  TERMINAL,
  type TempDir,
  type TestClock,
} from '../offline-queue/journal-fixture';
import { jpeg } from './fixtures';

export const SECRET = '651e07b689ca541d51ef97302551b4ee4dd149f7dcc3f28460b69a9b8652e2f3';

export interface PortCall {
  op: 'upload' | 'submit' | 'query';
  serial: string | null;
  sha256: string | null;
  body: string;
  /** The submission's state in the journal when the call was made (journal before send). */
  stateThen: SubmissionRow['state'] | null;
  inTransaction: boolean;
}

export class ScriptedPort implements SubmissionPort {
  calls: PortCall[] = [];
  onUpload: (sha256: string) => UploadOutcome | Promise<UploadOutcome> = (sha) => ({
    kind: 'held',
    uploadId: `up_${sha.slice(0, 12)}`,
    expiresAt: '2026-12-07T10:00:00.000+08:00',
  });
  onSubmit: (s: SubmissionTarget) => SubmitOutcome | Promise<SubmitOutcome> = (s) => ({
    kind: 'accepted',
    replyJson: JSON.stringify({
      applicationId: `app_${s.serial.slice(-6)}`,
      status: 'received',
      trackingCode: 'K7QH-2M9D',
    }),
    trackingCode: s.kind === 'application' ? 'K7QH-2M9D' : null,
  });
  onQuery: (s: SubmissionTarget) => QueryOutcome | Promise<QueryOutcome> = () => ({
    kind: 'not_found',
  });

  constructor(private readonly t: () => WorkerRig) {}

  private record(op: PortCall['op'], serial: string | null, sha256: string | null, body: string) {
    const row = serial ? this.t().journal.bySerial(serial) : undefined;
    this.calls.push({
      op,
      serial,
      sha256,
      body,
      stateThen: row?.state ?? null,
      inTransaction: this.t().db.inTransaction,
    });
  }

  upload(requestJson: string): Promise<UploadOutcome> {
    const { sha256 } = JSON.parse(requestJson) as { sha256: string };
    this.record('upload', null, sha256, requestJson);
    return Promise.resolve(this.onUpload(sha256));
  }

  submit(s: SubmissionTarget): Promise<SubmitOutcome> {
    this.record('submit', s.serial, null, s.requestJson);
    return Promise.resolve(this.onSubmit(s));
  }

  query(s: SubmissionTarget): Promise<QueryOutcome> {
    this.record('query', s.serial, null, s.requestJson);
    return Promise.resolve(this.onQuery(s));
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

export interface WorkerRig {
  tmp: TempDir;
  file: string;
  db: JournalDb;
  journal: CommunityJournal;
  vault: PhotoVault;
  port: ScriptedPort;
  worker: SubmissionWorker;
  clock: TestClock;
  /** Stage a photo as the room does: the file first, then its row. */
  stage(bytes?: Buffer): number;
  /** An application of `photos` (staged), journalled as the room does. */
  application(photos: number[]): SubmissionRow;
  /** The process dies and starts again on the same journal and vault. */
  restart(): void;
  close(): void;
}

export function workerRig(): WorkerRig {
  const tmp = tempDir('kiosk-community-');
  const file = tmp.file('journal.sqlite');
  const clock = testClock(Date.parse('2026-12-06T10:03:30+08:00'));
  const key = vaultKey(SECRET, TERMINAL);
  let seed = 0;
  const open = () => {
    const db = openJournal(file);
    const journal = new CommunityJournal(db, clock);
    const vault = new PhotoVault(tmp.file('photos'), key);
    const worker = new SubmissionWorker({
      db,
      journal,
      vault,
      port: rig.port,
      clock,
      baseDelayMs: 10,
      maxDelayMs: 100,
      random: () => 0.5,
    });
    return { db, journal, vault, worker };
  };
  const rig = {} as WorkerRig;
  rig.port = new ScriptedPort(() => rig);
  Object.assign(rig, {
    tmp,
    file,
    clock,
    ...open(),
    stage(bytes = jpeg(1024, ++seed)) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const name = rig.vault.write(bytes, sha256);
      return rig.journal.stagePhoto({ sha256, mime: 'image/jpeg', size: bytes.length, file: name })
        .id;
    },
    application(photos: number[]) {
      return rig.journal.submit({
        kind: 'application',
        terminalId: TERMINAL,
        businessDay: '20261206',
        draft: (serial) =>
          JSON.stringify({
            applicationSerial: serial,
            serviceId: 'real-name',
            documents: [{ documentId: 'id-card', uploadIds: photos.map(photoRef) }],
          }),
        photos,
      });
    },
    restart() {
      void rig.worker.stop();
      rig.db.close();
      Object.assign(rig, open());
    },
    close() {
      void rig.worker.stop();
      if (rig.db.open) rig.db.close();
      tmp.remove();
    },
  });
  return rig;
}
