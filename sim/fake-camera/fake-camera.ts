// The document camera of the simulated kiosk: Chromium's fake capture device reading one
// Motion-JPEG file (`chromiumCameraArgs`). Chromium opens the file afresh at every start of the
// camera (getUserMedia), and the camera screen starts it for every page; so showing another
// page is replacing the file whole (rename), and the next page or retake sees it. A stream
// already running keeps the frame it started with.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHOTS, shotHtml, type Shot } from './documents';
import { frameFile, makeFrames, writeAtomically } from './make-frames';

export class FakeCamera {
  private current: Shot;

  private constructor(
    /** The file Chromium's fake camera plays. */
    readonly file: string,
    private readonly frames: Record<Shot, string>,
    first: Shot,
  ) {
    this.current = first;
    this.show(first);
  }

  /**
   * Renders the documents (once per version of documents.ts: kept in the system's temp folder)
   * and puts the camera's file in `dir`, showing `first`.
   */
  static async prepare(o: {
    dir: string;
    chromiumPath: string;
    first?: Shot;
  }): Promise<FakeCamera> {
    const version = createHash('sha256')
      .update(SHOTS.map(shotHtml).join('\n'))
      .digest('hex')
      .slice(0, 12);
    const framesDir = path.join(tmpdir(), `kiosk-fake-camera-${version}`);
    const cached = SHOTS.every((s) => existsSync(frameFile(framesDir, s)));
    const frames = cached
      ? (Object.fromEntries(SHOTS.map((s) => [s, frameFile(framesDir, s)])) as Record<Shot, string>)
      : await makeFrames(framesDir, { chromiumPath: o.chromiumPath });
    mkdirSync(o.dir, { recursive: true });
    return new FakeCamera(
      path.join(o.dir, 'camera.mjpeg'),
      frames,
      o.first ?? 'household-register',
    );
  }

  /** What the camera shows from its next start on. */
  show(shot: Shot): void {
    writeAtomically(this.file, readFileSync(this.frames[shot]));
    this.current = shot;
  }

  get shown(): Shot {
    return this.current;
  }
}

/** Chromium's switches for this camera (video only; the permission prompt answered yes). */
export function chromiumCameraArgs(file: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
    '--use-fake-ui-for-media-stream',
  ];
}
