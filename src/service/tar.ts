// A tar archive (POSIX ustar) of a few regular files and folders held in memory, for the
// diagnostic bundle. ustar is 512-byte blocks: a header block per entry (name, mode, size,
// mtime, checksum, type), then the file's bytes padded to a whole block, then two blocks of
// zeros. Any tar reads it (GNU tar, bsdtar, 7-Zip). Only what the bundle needs: ASCII names of
// at most 100 bytes, no links, no long-name extensions.

export const BLOCK = 512;

export interface TarEntry {
  /** A relative path with `/` between parts; a folder's ends with `/`. */
  path: string;
  /** A file's bytes; none for a folder. */
  data?: Uint8Array;
}

/** Names the bundle writes: relative, parts of letters, digits, `.`, `_` and `-`, no `..`. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/?$/;

/** The archive of `entries` in order, each stamped with `mtimeMs`. */
export function tarArchive(entries: readonly TarEntry[], mtimeMs: number): Buffer {
  const parts: Buffer[] = [];
  const mtime = Math.max(0, Math.floor(mtimeMs / 1000));
  for (const entry of entries) {
    const folder = entry.path.endsWith('/');
    if (folder && entry.data !== undefined) {
      throw new Error(`tar: ${entry.path} is a folder and has data`);
    }
    const data = entry.data ?? new Uint8Array(0);
    parts.push(header(entry.path, folder, data.byteLength, mtime));
    if (folder) continue;
    parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    const pad = (BLOCK - (data.byteLength % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function header(name: string, folder: boolean, size: number, mtime: number): Buffer {
  if (!SAFE_NAME.test(name) || Buffer.byteLength(name) > 100) {
    throw new Error(`tar: ${JSON.stringify(name)} is not a name this writer takes`);
  }
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'ascii');
  octal(block, 100, 8, folder ? 0o755 : 0o644); // mode
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, size);
  octal(block, 136, 12, mtime);
  block.write('        ', 148, 8, 'ascii'); // checksum: spaces while it is summed
  block.write(folder ? '5' : '0', 156, 1, 'ascii'); // type: folder or regular file
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write('kiosk', 265, 32, 'ascii'); // owner and group by name
  block.write('kiosk', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  // Six octal digits, a NUL and a space, as tar itself writes it.
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

/** A number as zero-padded octal digits and a NUL, filling `width` bytes at `at`. */
function octal(block: Buffer, at: number, width: number, value: number): void {
  const digits = value.toString(8);
  if (!Number.isSafeInteger(value) || value < 0 || digits.length > width - 1) {
    throw new Error(`tar: ${value} does not fit a ${width}-byte field`);
  }
  block.write(`${digits.padStart(width - 1, '0')}\0`, at, width, 'ascii');
}
