// The community service point's back end as the host runs it, and what the screens' flows call:
// the catalogue and the lookups (online), photos staged encrypted in the vault as they are
// taken, applications, additions of documents and invoice requests journalled with their
// serial before anything is sent and taken to the gateway by the submission worker, and for
// staff only (whoever is signed in at the kiosk, every step audited) the care view and
// community notices. Every answer is a value, never a throw: `{ ok: false, reason, code,
// message }` says why in words the screens can map (README.md, "The face"). Its parts live
// beside it: the face's types (room-face.ts), how it answers (room-answers.ts), the lookups,
// the submissions, the care view and the notices (room-*.ts).
import path from 'node:path';
import { CommunityJournal } from './community-journal';
import { PhotoVault, vaultKey } from './photo-vault';
import { openCare } from './room-care';
import { DEFAULT_ANSWER_WAIT_MS, type CommunityRoom, type CommunityRoomOptions } from './room-face';
import { openLookups } from './room-lookups';
import { openNotices } from './room-notices';
import { openSubmissions } from './room-submissions';
import { gatewaySubmissionPort, type SubmissionPort } from './submission-port';
import { SubmissionWorker } from './submission-worker';

export function openCommunityRoom(o: CommunityRoomOptions): CommunityRoom {
  const clock = o.clock ?? Date.now;
  const journal = new CommunityJournal(o.db, clock);
  const vault = new PhotoVault(o.photosDir, vaultKey(o.terminalSecret, o.terminalId));
  const port = (o.port ?? ((real: SubmissionPort) => real))(gatewaySubmissionPort(o.client));
  const worker = new SubmissionWorker({
    db: o.db,
    journal,
    vault,
    port,
    clock,
    ...(o.monotonic ? { monotonic: o.monotonic } : {}),
    ...(o.retry?.baseDelayMs === undefined ? {} : { baseDelayMs: o.retry.baseDelayMs }),
    ...(o.retry?.maxDelayMs === undefined ? {} : { maxDelayMs: o.retry.maxDelayMs }),
    ...(o.retry?.random ? { random: o.retry.random } : {}),
    ...(o.log ? { log: (level, obj, msg) => o.log?.[level](obj, msg) } : {}),
  });
  const lookups = openLookups(o, clock);
  const { submit, ...submissions } = openSubmissions({
    o,
    clock,
    journal,
    vault,
    worker,
    answerWaitMs: o.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS,
    services: lookups.services,
  });
  return {
    ...lookups,
    ...submissions,
    care: openCare(o),
    notices: openNotices(o, submit, clock),
    worker,
    journal,
    vault,
    start: () => worker.start(),
    close: () => worker.stop(),
  };
}

/** The vault's folder beside the journal (a journal in memory: the system's temp folder is not used). */
export function photosDirFor(journalPath: string): string | null {
  return journalPath === ':memory:'
    ? null
    : path.join(path.dirname(journalPath), 'community-photos');
}
