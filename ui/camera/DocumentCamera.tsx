// One document photographed on the document camera (高拍仪): the live picture as large as the
// screen allows, one big "拍照", each photo checked before it is kept (too dark, blurred, no
// page: said in plain words and aloud), uploaded to the host, shown as a thumbnail with its
// retake, and the pages counted; "done" once there are enough. Without a camera she is told
// so, and 呼叫工作人员 (the frame's) is there as on every screen.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { translator, type MessageKey } from '../i18n/messages';
import { Alerts } from '../screens/Alerts';
import { discardPhoto, uploadPhoto, type PhotoUploadProblem } from '../transport/photo-upload';
import { useSay } from '../voice/voice-context';
import { grabStill } from './frame-grab';
import type { PhotoProblem } from './photo-checks';
import { useCamera } from './use-camera';
import './camera.css';

export interface DocumentCameraProps {
  lang: Locale;
  /** The document's name as the form calls it (户口簿, 身份证…). */
  label: string;
  pages: { min: number; max: number };
  onDone(photoIds: string[]): void;
  onCancel(): void;
}

interface Taken {
  photoId: string;
  thumbnail: string;
}

const PROBLEM_WORDS: Record<PhotoProblem | PhotoUploadProblem | 'no_frame', MessageKey> = {
  too_dark: 'photoTooDark',
  blurred: 'photoBlurred',
  no_page: 'photoNoPage',
  too_large: 'photoTooLarge',
  refused: 'photoRefused',
  unreachable: 'photoUnreachable',
  no_frame: 'photoNoPage',
};

export function DocumentCamera({ lang, label, pages, onDone, onCancel }: DocumentCameraProps) {
  const t = translator(lang);
  const say = useSay();
  const camera = useCamera();
  const [taken, setTaken] = useState<Taken[]>([]);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  const enough = taken.length >= pages.min;
  const full = taken.length >= pages.max;
  const unavailable = camera.state === 'missing' || camera.state === 'denied';
  const count = enough
    ? full
      ? t('cameraPagesTaken', { taken: taken.length })
      : t('cameraPagesMore', { taken: taken.length, more: pages.max - taken.length })
    : t('cameraPageOf', { page: taken.length + 1, pages: pages.min });

  // Said when the screen opens, and when the camera turns out to be missing.
  useEffect(() => {
    if (camera.state === 'missing') say(t('cameraMissing'));
    else if (camera.state === 'denied') say(t('cameraDenied'));
    else if (camera.state === 'starting' && taken.length === 0)
      say(`${t('cameraPlace', { label })}${t.locale === 'en' ? '. ' : '。'}${count}`);
    // Only the camera's state changing is news here; the rest is said where it happens.
  }, [camera.state]);

  async function take(): Promise<void> {
    const video = camera.video.current;
    if (!video || checking) return;
    setChecking(true);
    setProblem(null);
    const still = await grabStill(video).catch(() => null);
    // A fresh look for the next page (or the next try) while this one is checked.
    camera.restart();
    const refused = (key: MessageKey) => {
      setProblem(key);
      say(t(key));
    };
    if (!still) refused(PROBLEM_WORDS.no_frame);
    else if (still.problem) refused(PROBLEM_WORDS[still.problem]);
    else if (!still.jpeg) refused(PROBLEM_WORDS.too_large);
    else {
      const upload = await uploadPhoto(still.jpeg);
      if (!mounted.current) {
        if (upload.ok) void discardPhoto(upload.photo.photoId);
        return;
      }
      if (!upload.ok) refused(PROBLEM_WORDS[upload.problem]);
      else {
        const page = taken.length + 1;
        setTaken((list) => [
          ...list,
          { photoId: upload.photo.photoId, thumbnail: still.thumbnail },
        ]);
        say(t('cameraPageTaken', { page }));
      }
    }
    if (mounted.current) setChecking(false);
  }

  function retake(photoId: string): void {
    void discardPhoto(photoId);
    setTaken((list) => list.filter((p) => p.photoId !== photoId));
    setProblem(null);
  }

  const takeAction = {
    label: t('cameraTake'),
    onClick: () => void take(),
    disabled: checking || camera.state !== 'live',
  };
  const back = { label: t('back'), onClick: onCancel };
  const actions = unavailable
    ? { primary: back }
    : enough
      ? {
          primary: {
            label: t('cameraDone'),
            onClick: () => onDone(taken.map((p) => p.photoId)),
            disabled: checking,
          },
          secondary: [back, ...(full ? [] : [{ ...takeAction, label: t('cameraMorePage') }])],
        }
      : { primary: takeAction, secondary: [back] };

  return (
    <Screen title={label} busy={checking} className="camera-screen" actions={actions}>
      <p className="camera-count" role="status">
        {checking ? t('cameraChecking') : count}
      </p>
      <Alerts
        messages={[
          camera.state === 'missing' && t('cameraMissing'),
          camera.state === 'denied' && t('cameraDenied'),
          problem && t(problem),
        ]}
      />
      {!unavailable && (
        // While the camera opens, the view is still loading (aria-busy; the UX suite waits for it).
        <div
          className="camera-view"
          aria-busy={camera.state === 'starting'}
          data-loading={camera.state === 'starting' ? '' : undefined}
        >
          <video
            ref={camera.video}
            className="camera-preview"
            aria-label={t('cameraPreview')}
            muted
            playsInline
          />
          {camera.state === 'starting' && <p className="camera-starting">{t('cameraStarting')}</p>}
        </div>
      )}
      {!unavailable && taken.length === 0 && (
        <p className="camera-place">{t('cameraPlace', { label })}</p>
      )}
      {taken.length > 0 && (
        <ol className="camera-thumbs">
          {taken.map((p, i) => (
            <li key={p.photoId}>
              <img src={p.thumbnail} alt={t('cameraThumb', { page: i + 1 })} />
              <button
                className="button secondary"
                disabled={checking}
                onClick={() => retake(p.photoId)}
              >
                {t('cameraRetakePage', { page: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
      )}
    </Screen>
  );
}
