// The resident signs on the touch screen: a large pad, 清除重签, and 确认签名, which refuses an
// empty pad or a single dot in words (and aloud) and otherwise keeps the signature as a PNG at
// the host (uploadPhoto) with its stroke count and time. The strokes come from a
// SignatureSource (signature-source.ts): the touch screen today, a HID pad later.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { translator, type MessageKey } from '../i18n/messages';
import { Alerts } from '../screens/Alerts';
import { uploadPhoto, type PhotoUploadProblem } from '../transport/photo-upload';
import { useSay } from '../voice/voice-context';
import { signatureProblem, type SignatureProblem, type SignatureSource } from './signature-source';
import { touchSignature } from './touch-signature';
import './signature.css';

export interface Signed {
  photoId: string;
  /** Strokes drawn (pen down to pen up). */
  strokes: number;
  /** When she confirmed it (ISO 8601). */
  signedAt: string;
}

export interface SignaturePadProps {
  lang: Locale;
  onSigned(signed: Signed): void;
  onCancel(): void;
  /** Another source than the touch screen (a HID pad); default: the pad's own canvas. */
  source?: (canvas: HTMLCanvasElement) => SignatureSource;
}

const PROBLEM_WORDS: Record<SignatureProblem | PhotoUploadProblem, MessageKey> = {
  empty: 'signEmpty',
  dot: 'signDot',
  too_large: 'photoTooLarge',
  refused: 'photoRefused',
  unreachable: 'photoUnreachable',
};

export function SignaturePad({
  lang,
  onSigned,
  onCancel,
  source = touchSignature,
}: SignaturePadProps) {
  const t = translator(lang);
  const say = useSay();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const pad = useRef<SignatureSource | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const s = source(canvas.current);
    pad.current = s;
    // Signing again takes the complaint away.
    const stop = s.start((strokes) => strokes.length > 0 && setProblem(null));
    return () => {
      stop();
      pad.current = null;
    };
  }, [source]);

  // Said once the pad is there (and again in the other language).
  useEffect(() => say(translator(lang)('signHint')), [say, lang]);

  const refuse = (key: MessageKey) => {
    setProblem(key);
    say(t(key));
  };

  async function confirm(): Promise<void> {
    const s = pad.current;
    if (!s || saving) return;
    const strokes = s.strokes();
    const wrong = signatureProblem(strokes);
    if (wrong) return refuse(PROBLEM_WORDS[wrong]);
    setSaving(true);
    const png = await s.exportPng();
    const upload = png ? await uploadPhoto(png) : ({ ok: false, problem: 'refused' } as const);
    setSaving(false);
    if (!upload.ok) return refuse(PROBLEM_WORDS[upload.problem]);
    say(t('signSaved'));
    onSigned({
      photoId: upload.photo.photoId,
      strokes: strokes.length,
      signedAt: new Date().toISOString(),
    });
  }

  return (
    <Screen
      title={t('signTitle')}
      busy={saving}
      className="signature-screen"
      actions={{
        primary: { label: t('signConfirm'), onClick: () => void confirm(), disabled: saving },
        secondary: [
          { label: t('back'), onClick: onCancel },
          {
            label: t('signClear'),
            disabled: saving,
            onClick: () => {
              pad.current?.clear();
              setProblem(null);
            },
          },
        ],
      }}
    >
      <p role="status">{saving ? t('signSaving') : t('signHint')}</p>
      <Alerts messages={[problem && t(problem)]} />
      <canvas ref={canvas} className="signature-pad" aria-label={t('signPad')} />
    </Screen>
  );
}
