// The photo vault: the residents' document photos and signatures at rest on the terminal, one
// file each, encrypted with AES-256-GCM under a key derived from the terminal's secret (HKDF-
// SHA256; the secret comes from terminal.secret or terminal.secretFile, src/config/). A file is
// written whole (temporary name, flushed, renamed, folder flushed) before its journal row
// commits, and removed after its row is purged; at start every file no live row names is
// removed (a crash between the two). The folder is private (0700, files 0600), beside the
// journal, never in a diagnostic bundle or a log. Photos are not in the journal itself: a
// 1 MiB JPEG is a thousand journal pages to sync through the WAL (bench P1), and a row's
// deleted bytes would linger in free pages.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** The file format's first bytes: "KPV1" (kiosk photo vault, version 1). */
const MAGIC = Buffer.from('KPV1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SUFFIX = '.photo';

export class PhotoUnreadable extends Error {
  override name = 'PhotoUnreadable';
}

/**
 * The vault's key: HKDF-SHA256 of the terminal's secret, salted and labelled for this use only
 * (the secret's other use, the gateway's HMAC, never sees this key, nor this key the HMAC).
 */
export function vaultKey(terminalSecret: string, terminalId: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(terminalSecret, 'utf8'),
      Buffer.from('kiosk community photo vault', 'utf8'),
      Buffer.from(`photos v1 ${terminalId}`, 'utf8'),
      32,
    ),
  );
}

export class PhotoVault {
  private readonly key: Buffer;

  constructor(
    readonly dir: string,
    key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('the photo vault needs a 256-bit key');
    this.key = Buffer.from(key);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  }

  /** Encrypts the bytes into a new file, whole and flushed; its name, for the journal row. */
  write(bytes: Uint8Array, label: string): string {
    const name = `${randomBytes(12).toString('hex')}${SUFFIX}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // The file's name is bound in: a file renamed to another row's name does not decrypt.
    cipher.setAAD(Buffer.from(`${name}\n${label}`, 'utf8'));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const data = Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    const temp = path.join(this.dir, `.${name}.part`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path.join(this.dir, name));
    this.syncFolder();
    return name;
  }

  /** The photo's bytes; PhotoUnreadable when the file is gone, damaged or not this vault's. */
  read(name: string, label: string): Buffer {
    let data: Buffer;
    try {
      data = readFileSync(this.pathOf(name));
    } catch (err) {
      throw new PhotoUnreadable(
        `photo ${name}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      );
    }
    if (data.length < MAGIC.length + IV_BYTES + TAG_BYTES || !data.subarray(0, 4).equals(MAGIC)) {
      throw new PhotoUnreadable(`photo ${name}: not a vault file`);
    }
    const iv = data.subarray(4, 4 + IV_BYTES);
    const tag = data.subarray(4 + IV_BYTES, 4 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(`${name}\n${label}`, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(data.subarray(4 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PhotoUnreadable(`photo ${name}: damaged or under another key`);
    }
  }

  /** Removes a photo's file (gone already is fine). */
  remove(name: string): void {
    rmSync(this.pathOf(name), { force: true });
  }

  /** The vault's photo files, and temporary ones a crash left (names starting with "."). */
  files(): string[] {
    return readdirSync(this.dir).sort();
  }

  /** Removes every file that is not one of `live` (crash leftovers); how many it removed. */
  sweep(live: ReadonlySet<string>): number {
    let removed = 0;
    for (const name of this.files()) {
      if (live.has(name)) continue;
      rmSync(path.join(this.dir, name), { force: true, recursive: true });
      removed++;
    }
    if (removed > 0) this.syncFolder();
    return removed;
  }

  private pathOf(name: string): string {
    if (!/^[0-9a-f]{24}\.photo$/.test(name)) throw new PhotoUnreadable(`not a photo name: ${name}`);
    return path.join(this.dir, name);
  }

  /** A rename or removal is durable only once the folder itself is flushed. */
  private syncFolder(): void {
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
