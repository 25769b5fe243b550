import type { Translator } from '../i18n/messages';

/** The receipt (or refund slip) as printed, line by line, beside what the screen says. */
export function Receipt({ t, lines }: { t: Translator; lines: string[] }) {
  return (
    <figure className="receipt" aria-label={t('receipt')}>
      {lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </figure>
  );
}
