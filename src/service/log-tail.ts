// The end of the host's log files, read backwards in chunks, so that a bundle takes the last
// lines of a 10 MB file without reading the file whole.
import { open, readdir } from 'node:fs/promises';
import { LOG_FILE } from '../host/log-file';

const CHUNK = 64 * 1024;

/**
 * The log files in `dir`, newest first: the current `kiosk.log`, then the rotated
 * `YYYYMMDD-HHMM-NN-kiosk.log` by name (their names sort by time). Nothing else of the folder.
 */
export async function logFilesNewestFirst(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const rotated = names.filter((n) => /^[0-9]{8}-[0-9]{4}-[0-9]+-/.test(n) && n.endsWith(LOG_FILE));
  rotated.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return [...(names.includes(LOG_FILE) ? [LOG_FILE] : []), ...rotated];
}

export interface Tail {
  /** Complete lines, oldest first, without their line ends; empty lines left out. */
  lines: string[];
  /** Whether the file holds more before them. */
  more: boolean;
}

/**
 * The last `max` complete lines of a file, reading at most `maxBytes` from its end. A line still
 * being written (no line end yet) is not one of them.
 */
export async function lastLines(file: string, max: number, maxBytes: number): Promise<Tail> {
  if (max <= 0 || maxBytes <= 0) return { lines: [], more: true };
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const chunks: Buffer[] = [];
    let pos = size;
    let newlines = 0;
    // max lines need max + 1 line ends: the one before the first line tells where it starts.
    while (pos > 0 && newlines <= max && size - pos < maxBytes) {
      const length = Math.min(CHUNK, pos, maxBytes - (size - pos));
      pos -= length;
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await fh.read(chunk, 0, length, pos);
      const read = chunk.subarray(0, bytesRead);
      for (const byte of read) if (byte === 0x0a) newlines++;
      chunks.unshift(read);
    }
    const parts = Buffer.concat(chunks).toString('utf8').split('\n');
    parts.pop(); // after the last line end: empty, or a line not yet finished
    const fromStart = pos === 0;
    if (!fromStart) parts.shift(); // the end of a line that began before what was read
    const lines = parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l !== '');
    const kept = lines.slice(-max);
    return { lines: kept, more: !fromStart || kept.length < lines.length };
  } finally {
    await fh.close();
  }
}
