// The document camera's live stream: video only (never the microphone), opened when asked and
// stopped when the screen goes. Each start opens the camera afresh: the screen does so for
// every page, and Chromium's fake camera reads its file at each start (sim/fake-camera/).
import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraState = 'starting' | 'live' | 'missing' | 'denied';

/** What the camera is asked for: its best picture, a page in view at 4:3. */
const VIDEO: MediaTrackConstraints = {
  width: { ideal: 1920 },
  height: { ideal: 1440 },
  aspectRatio: { ideal: 4 / 3 },
};

export function useCamera(): {
  state: CameraState;
  video: React.RefObject<HTMLVideoElement | null>;
  restart(): void;
  stop(): void;
} {
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  /** Each start's number: a late answer to an earlier start is stopped, not shown. */
  const generation = useRef(0);
  const [state, setState] = useState<CameraState>('starting');

  const stop = useCallback(() => {
    generation.current += 1;
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const restart = useCallback(() => {
    stop();
    const mine = generation.current;
    setState('starting');
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) return setState('missing');
    media.getUserMedia({ video: VIDEO, audio: false }).then(
      (s) => {
        if (mine !== generation.current) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        stream.current = s;
        const v = video.current;
        if (!v) return setState('live');
        v.srcObject = s;
        // Muted and inline, it plays without a tap; live once a frame is there to take.
        const live = () => mine === generation.current && setState('live');
        v.play().then(live, live);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        const name = err instanceof DOMException ? err.name : '';
        setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'missing');
      },
    );
  }, [stop]);

  useEffect(() => {
    restart();
    return stop;
  }, [restart, stop]);

  return { state, video, restart, stop };
}
