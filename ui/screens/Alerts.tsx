/**
 * The one live region of a screen for what went wrong: each message as text with a warning
 * icon (colour is never the only cue, R5); the voice says it too (voice/voice-cues.ts).
 */
export function Alerts({ messages }: { messages: (string | false | null | undefined)[] }) {
  const shown = messages.filter((m): m is string => typeof m === 'string' && m.length > 0);
  if (shown.length === 0) return null;
  return (
    <div className="alert" role="alert">
      {shown.map((m) => (
        <p key={m} className="alert-line">
          <AlertIcon />
          <span>{m}</span>
        </p>
      ))}
    </div>
  );
}

/** A warning triangle with "!", in the alert colour (9.9:1 on the alert background). */
export function AlertIcon() {
  return (
    <svg className="alert-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 2 1 22h22L12 2z" fill="currentColor" />
      <path d="M11 9h2v7h-2zM11 18h2v2h-2z" fill="#fff" />
    </svg>
  );
}
