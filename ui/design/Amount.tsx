import { formatYuan } from '../../src/api/money';
import type { Translator } from '../i18n/messages';

export type AmountSize = 'inline' | 'large' | 'huge';

/**
 * An amount in yuan with its unit in words (never the ¥ sign alone), at the rule's size (R1:
 * ≥ 40 px) or larger: the amount to pay and the amount paid are the biggest words on their
 * screens, as in the elder modes of the payment apps.
 */
export function Amount({
  t,
  fen,
  size = 'inline',
  testId,
}: {
  t: Translator;
  fen: number;
  size?: AmountSize;
  testId?: string | undefined;
}) {
  return (
    <span className={`money amount-${size}`} data-amount data-testid={testId}>
      {t('yuan', { amount: formatYuan(fen) })}
    </span>
  );
}

/** A label and its amount, the amount large, on a card of their own. */
export function AmountCard({
  t,
  label,
  fen,
  size = 'large',
  testId,
}: {
  t: Translator;
  label: string;
  fen: number;
  size?: AmountSize;
  testId?: string;
}) {
  return (
    <p className="amount-card">
      <span className="amount-label">{label}</span>{' '}
      <Amount t={t} fen={fen} size={size} testId={testId} />
    </p>
  );
}
