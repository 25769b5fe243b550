// Photographs the fake camera's documents (documents.ts) with Chromium into JPEG frames, one
// file per shot, in a folder of the caller's choosing (a temp or data folder: nothing big is
// committed). A single JPEG is a one-frame Motion-JPEG file, which Chromium's fake capture
// device plays in a loop (`--use-file-for-fake-video-capture=FILE.mjpeg`).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { FRAME, SHOTS, shotHtml, type Shot } from './documents';

/** Where a shot's frame is in the folder. */
export const frameFile = (dir: string, shot: Shot): string => path.join(dir, `${shot}.mjpeg`);

/** Renders every shot into `dir` (created if missing); returns the files by shot. */
export async function makeFrames(
  dir: string,
  o: { chromiumPath: string },
): Promise<Record<Shot, string>> {
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: o.chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage({ viewport: FRAME });
    const files = {} as Record<Shot, string>;
    for (const shot of SHOTS) {
      await page.setContent(shotHtml(shot));
      const jpeg = await page.screenshot({ type: 'jpeg', quality: 90 });
      files[shot] = frameFile(dir, shot);
      writeAtomically(files[shot], jpeg);
    }
    return files;
  } finally {
    await browser.close();
  }
}

/** The camera's file is replaced whole: a reader sees the old frame or the new, never half. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}
