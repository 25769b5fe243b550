// The diagnostic bundle a technician takes away on a removable drive: versions, the config
// without secrets, the devices' diagnoses, the journal's figures and the last log lines, as one
// .tar.gz in the folder the config names (service.bundleDir), never anywhere else. It holds no
// secret and no person's data (bundle-redaction.ts), lists its files with their checksums
// (MANIFEST.json), says what it left out, and is written whole or not at all.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DeviceDiagnosis } from '../../drivers/diagnosis';
import packageJson from '../../package.json' with { type: 'json' };
import type { KioskConfig } from '../config/schema';
import { redactText } from '../host/log-redaction';
import { shanghaiIso, shanghaiLocal } from '../time/shanghai';
import type { CountTotal, JournalFigures } from './bundle-journal';
import {
  KnownValues,
  redactLogLine,
  redactTree,
  REMOVED,
  type FreeTextStep,
} from './bundle-redaction';
import { lastLines, logFilesNewestFirst } from './log-tail';
import { tarArchive, type TarEntry } from './tar';

export type { JournalFigures } from './bundle-journal';

/** The last lines of the logs a bundle takes, all files together, newest first. */
export const BUNDLE_LOG_LINES = 2_000;
/** The most a bundle's files may hold together (before compression); logs are cut to fit. */
export const BUNDLE_MAX_BYTES = 20 * 1024 * 1024;
/** A longer log line is cut here (after redaction). */
export const BUNDLE_MAX_LINE = 16 * 1024;

export type BundleErrorCode =
  /** service.bundleDir is not set. */
  | 'not_configured'
  /** The folder is not there (the drive not plugged in or not mounted). */
  | 'missing'
  | 'not_a_directory'
  /** Read-only, or not the kiosk's to write. */
  | 'not_writable'
  /** Writing failed part way (the drive full or pulled out): nothing was left behind. */
  | 'write_failed';

/** Why no bundle was written; the message names the folder and the cause, for the screen. */
export class BundleError extends Error {
  override name = 'BundleError';

  constructor(
    readonly code: BundleErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface DiagnosticBundleOptions {
  /** The kiosk's config: where to write, where the logs are, and what to leave out. */
  config: KioskConfig;
  /** Each device's diagnose(), as the caller has them. */
  devices: readonly DeviceDiagnosis[];
  /** The journal's figures (readJournalFigures in bundle-journal.ts). */
  journal: JournalFigures;
  /** Wall-clock ms: the file's name (business time) and its entries' times. */
  now?: number;
  logLines?: number;
  maxBytes?: number;
}

export interface DiagnosticBundle {
  /** The bundle's path. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** The SHA-256 of the file, hex, as `sha256sum` prints it (shown on screen). */
  sha256: string;
}

/** Something the bundle left out or cut, for the manifest. */
export interface BundleCut {
  file: string;
  reason: 'line_limit' | 'size_limit' | 'long_lines' | 'unreadable';
  detail: string;
}

interface TextFile {
  path: string;
  text: string;
}

const gzipAsync = promisify(gzip);

/**
 * Writes the bundle as `kiosk-<terminal>-<YYYYMMDD-HHmmss>.tar.gz` (business time) in
 * `config.service.bundleDir`. Throws BundleError, having written nothing, when the folder is
 * not set, not there, not a folder or not writable, or when the write fails.
 */
export async function writeDiagnosticBundle(o: DiagnosticBundleOptions): Promise<DiagnosticBundle> {
  const dir = await bundleFolder(o.config.service.bundleDir);
  const now = o.now ?? Date.now();
  const maxBytes = o.maxBytes ?? BUNDLE_MAX_BYTES;
  const cuts: BundleCut[] = [];

  // What the config names as secret or personal is masked wherever it turns up: in free text
  // before the log's net, and in every file once more at the end. Counted per file.
  const known = KnownValues.of(o.config, redactTree(o.config, REMOVED).secrets);
  const masked: Record<string, number> = {};
  const maskIn =
    (file: string) =>
    (text: string): string => {
      const scrubbed = known.scrub(text);
      if (scrubbed.count > 0) masked[file] = (masked[file] ?? 0) + scrubbed.count;
      return scrubbed.text;
    };

  const files: TextFile[] = [
    json('versions.json', versions(o.journal)),
    json('config.json', redactTree(o.config, REMOVED, maskIn('config.json')).value),
    json(
      'devices.json',
      o.devices.map((d) => deviceFigures(d, maskIn('devices.json'))),
    ),
    json('journal.json', journalFigures(o.journal)),
  ];
  const fixedBytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const logs = await logTexts(o.config.logging.dir, {
    lines: o.logLines ?? BUNDLE_LOG_LINES,
    bytes: Math.max(0, maxBytes - fixedBytes),
    cuts,
    known,
    masked,
  });

  const entries: { path: string; data: Buffer; sha256: string }[] = [];
  for (const file of [...files, ...logs]) {
    const data = Buffer.from(maskIn(file.path)(file.text), 'utf8');
    entries.push({ path: file.path, data, sha256: sha256(data) });
  }

  const manifest = {
    bundle: 1,
    terminalId: o.config.terminal.id,
    createdAt: shanghaiIso(now),
    files: entries.map((e) => ({ path: e.path, bytes: e.data.byteLength, sha256: e.sha256 })),
    limits: { logLines: o.logLines ?? BUNDLE_LOG_LINES, maxBytes, maxLine: BUNDLE_MAX_LINE },
    cut: cuts,
    /** Known secret or personal values found and masked, per file (none expected). */
    masked,
  };
  const tar: TarEntry[] = [
    { path: 'MANIFEST.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    ...entries.filter((e) => !e.path.startsWith('logs/')),
    ...(logs.length > 0 ? [{ path: 'logs/' }] : []),
    ...entries.filter((e) => e.path.startsWith('logs/')),
  ];
  const archive = await gzipAsync(tarArchive(tar, now));
  const file = await writeWhole(dir, `kiosk-${o.config.terminal.id}-${stamp(now)}.tar.gz`, archive);
  return { file, bytes: archive.byteLength, sha256: sha256(archive) };
}

/** YYYYMMDD-HHmmss in business time (Asia/Shanghai). */
function stamp(ms: number): string {
  const local = shanghaiLocal(ms); // 2026-11-26 14:05:40
  return `${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11).replaceAll(':', '')}`;
}

function json(file: string, value: unknown): TextFile {
  return { path: file, text: `${JSON.stringify(value, null, 2)}\n` };
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function versions(journal: JournalFigures): Record<string, string | number | null> {
  return {
    app: packageJson.version,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    platform: process.platform,
    arch: process.arch,
    os: os.release(),
    journalSchema: journal.schemaVersion,
  };
}

/** A device's diagnosis, field by field; its texts through `before` and the log's net. */
function deviceFigures(d: DeviceDiagnosis, before: FreeTextStep): unknown {
  const text = (t: string | null) => (t === null ? null : redactText(before(t)));
  return {
    kind: d.kind,
    driver: d.driver,
    port: text(d.port),
    model: text(d.model),
    firmware: text(d.firmware),
    status: d.status,
    detail: text(d.detail),
    counters: Object.fromEntries(Object.entries(d.counters).map(([k, n]) => [k, Number(n)])),
    events: d.events.map((e) => ({
      at: shanghaiIso(e.at),
      level: e.level,
      text: text(e.text),
    })),
  };
}

/** The figures, field by field: counts, sums and times, nothing a caller might have added. */
function journalFigures(f: JournalFigures): unknown {
  const counts = (r: Record<string, CountTotal>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { count: v.count, total: v.total }]));
  const run = f.lastReconciliation;
  return {
    schemaVersion: f.schemaVersion,
    paymentsByState: counts(f.paymentsByState),
    pendingSync: {
      count: f.pendingSync.count,
      total: f.pendingSync.total,
      oldestAt: f.pendingSync.oldestAt,
    },
    cashBox: {
      notes: Object.fromEntries(
        Object.entries(f.cashBox.notes).map(([value, n]) => [String(Number(value)), n]),
      ),
      total: f.cashBox.total,
    },
    openStaffItems: counts(f.openStaffItems),
    lastReconciliation: run && {
      day: run.day,
      at: run.at,
      gateway: { count: run.gateway.count, total: run.gateway.total },
      kiosk: { count: run.kiosk.count, total: run.kiosk.total },
      differences: run.differences,
    },
  };
}

/**
 * The last lines of the logs, newest file first, each line redacted again and cut at
 * BUNDLE_MAX_LINE; what did not fit the line or byte budget is named in `cuts`.
 */
async function logTexts(
  dir: string,
  budget: {
    lines: number;
    bytes: number;
    cuts: BundleCut[];
    /** The values masked in free text before the log's net. */
    known: KnownValues;
    /** How many known values a file's kept lines had masked. */
    masked: Record<string, number>;
  },
): Promise<TextFile[]> {
  let names: string[];
  try {
    names = await logFilesNewestFirst(dir);
  } catch (err) {
    budget.cuts.push({ file: 'logs/', reason: 'unreadable', detail: codeOf(err) });
    return [];
  }
  const out: TextFile[] = [];
  let lines = budget.lines;
  let bytes = budget.bytes;
  for (const name of names) {
    const file = `logs/${name}`;
    if (lines <= 0 || bytes <= 0) {
      const reason = lines <= 0 ? 'line_limit' : 'size_limit';
      budget.cuts.push({ file, reason, detail: 'left out whole' });
      continue;
    }
    let tail;
    try {
      tail = await lastLines(path.join(dir, name), lines, bytes);
    } catch (err) {
      budget.cuts.push({ file, reason: 'unreadable', detail: codeOf(err) });
      continue;
    }
    const redacted: { line: string; count: number; long: boolean }[] = [];
    for (const [i, line] of tail.lines.entries()) {
      // The host goes on meanwhile (a note may be stacking): a turn of the event loop now and then.
      if (i % 200 === 199) await yieldTurn();
      let count = 0;
      const safe = redactLogLine(line, (text) => {
        const scrubbed = budget.known.scrub(text);
        count += scrubbed.count;
        return scrubbed.text;
      });
      const long = safe.length > BUNDLE_MAX_LINE;
      const kept = long
        ? `${safe.slice(0, BUNDLE_MAX_LINE)} [cut: ${safe.length} characters]`
        : safe;
      redacted.push({ line: kept, count, long });
    }
    // Newest lines first into the byte budget.
    let kept = 0;
    let size = 0;
    let masked = 0;
    let shortened = 0;
    for (let i = redacted.length - 1; i >= 0; i--) {
      const { line, count, long } = redacted[i] ?? { line: '', count: 0, long: false };
      const lineBytes = Buffer.byteLength(line) + 1;
      if (size + lineBytes > bytes) break;
      size += lineBytes;
      masked += count;
      if (long) shortened++;
      kept++;
    }
    if (masked > 0) budget.masked[file] = masked;
    // Short of the lines wanted, yet more in the file: the byte budget ended the reading.
    const full = redacted.length > kept || (tail.more && tail.lines.length < lines);
    if (full || tail.more) {
      budget.cuts.push({
        file,
        reason: full ? 'size_limit' : 'line_limit',
        detail: kept === 0 ? 'left out whole' : `only its last ${kept} lines`,
      });
    }
    if (shortened > 0) {
      budget.cuts.push({
        file,
        reason: 'long_lines',
        detail: `${shortened} lines cut at ${BUNDLE_MAX_LINE} characters`,
      });
    }
    lines -= kept;
    bytes = full ? 0 : bytes - size;
    if (kept > 0) {
      const text = redacted.slice(-kept).map((r) => `${r.line}\n`);
      out.push({ path: file, text: text.join('') });
    }
  }
  return out;
}

/** The bundle folder, checked: set, there, a folder, writable by the kiosk. */
async function bundleFolder(dir: string | undefined): Promise<string> {
  if (dir === undefined || dir === '') {
    throw new BundleError(
      'not_configured',
      'no folder for diagnostic bundles: set service.bundleDir in the config (the removable drive)',
    );
  }
  let info;
  try {
    info = await stat(dir);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BundleError(
        'missing',
        `the bundle folder ${dir} is not there: is the drive plugged in and mounted?`,
        { cause: err },
      );
    }
    throw new BundleError('not_writable', `the bundle folder ${dir} cannot be read (${code})`, {
      cause: err,
    });
  }
  if (!info.isDirectory()) {
    throw new BundleError('not_a_directory', `the bundle folder ${dir} is not a folder`);
  }
  try {
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new BundleError('not_writable', notWritable(dir, err), { cause: err });
  }
  return dir;
}

function notWritable(dir: string, err: unknown): string {
  const code = codeOf(err);
  return code === 'EROFS'
    ? `the bundle folder ${dir} is on a read-only drive`
    : `the kiosk cannot write in the bundle folder ${dir} (${code})`;
}

/**
 * `data` as `name` in `dir`, whole or not at all: written to a hidden temporary file in the same
 * folder, flushed to the drive, then renamed (to `name-2…` should `name` be taken already). On
 * any failure the temporary file is removed.
 */
async function writeWhole(dir: string, name: string, data: Uint8Array): Promise<string> {
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.part`);
  let fh;
  try {
    fh = await open(temp, 'wx', 0o644);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new BundleError('not_writable', notWritable(dir, err), { cause: err });
    }
    throw new BundleError('write_failed', `the bundle could not be written in ${dir} (${code})`, {
      cause: err,
    });
  }
  try {
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = null;
    const final = await freeName(dir, name);
    await rename(temp, final);
    await syncFolder(dir);
    return final;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw new BundleError(
      'write_failed',
      `the bundle could not be written in ${dir} (${codeOf(err)}); nothing was left there`,
      { cause: err },
    );
  }
}

/** `name`, or `name` numbered -2, -3 … before `.tar.gz` if a bundle of that second exists. */
async function freeName(dir: string, name: string): Promise<string> {
  const base = name.replace(/\.tar\.gz$/, '');
  for (let n = 1; n < 100; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${base}-${n}.tar.gz`);
    try {
      await access(candidate, constants.F_OK);
    } catch {
      return candidate;
    }
  }
  throw new Error(`too many bundles named ${name}`);
}

/** The rename itself to the drive; a file system that cannot sync a folder is let be. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // vfat and some FUSE drives refuse to sync a folder; the file itself was synced.
  }
}

function codeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}
