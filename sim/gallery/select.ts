// Reads the gallery URL (`?screen=<id>&locale=en&scale=1.5`) into the snapshot to show.
import { Locale, Snapshot } from '../../src/api/kiosk-api';
import { fixtureById, PROMPT_SECONDS } from './fixtures';
import type { FieldStage } from './keyboard-fixtures';

type TextScale = Snapshot['prefs']['textScale'];
const SCALES: readonly TextScale[] = [1, 1.25, 1.5];

export type Selection =
  | { kind: 'index' }
  | { kind: 'error'; message: string }
  | { kind: 'screen'; snapshot: Snapshot; stage: FieldStage | null };

export function select(search: string, now: number): Selection {
  const q = new URLSearchParams(search);
  const id = q.get('screen');
  if (!id) return { kind: 'index' };
  const fixture = fixtureById(id);
  if (!fixture) return { kind: 'error', message: `no fixture "${id}"` };
  const locale = Locale.safeParse(q.get('locale') ?? 'zh-CN');
  if (!locale.success) return { kind: 'error', message: `bad locale "${q.get('locale')}"` };
  const scale = SCALES.find((s) => String(s) === (q.get('scale') ?? '1'));
  if (scale === undefined) return { kind: 'error', message: `bad scale "${q.get('scale')}"` };
  const base = fixture.snapshot(locale.data);
  const prompt = base.prompt && { ...base.prompt, deadline: now + PROMPT_SECONDS * 1000 };
  // The host's own schema: a fixture it could never send is an error here, not a screen.
  const parsed = Snapshot.safeParse({
    ...base,
    prompt,
    prefs: { ...base.prefs, textScale: scale },
  });
  return parsed.success
    ? { kind: 'screen', snapshot: parsed.data, stage: fixture.stage ?? null }
    : { kind: 'error', message: `fixture "${id}" is no valid snapshot: ${parsed.error.message}` };
}
