import { Notice, NoticeLine } from '../design/Notice';

/**
 * The one live region of a screen for what went wrong: each message as text with a warning
 * icon on a failure notice (colour is never the only cue, R5); the voice says it too
 * (voice/voice-cues.ts).
 */
export function Alerts({ messages }: { messages: (string | false | null | undefined)[] }) {
  const shown = messages.filter((m): m is string => typeof m === 'string' && m.length > 0);
  if (shown.length === 0) return null;
  return (
    <Notice kind="failure" role="alert">
      {shown.map((m) => (
        <NoticeLine key={m} kind="warning">
          {m}
        </NoticeLine>
      ))}
    </Notice>
  );
}
