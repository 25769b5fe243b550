import { formatYuan } from '../../src/api/money';
import type { Translator } from '../i18n/messages';

/** An amount in yuan, large, with its unit in words (never the ¥ sign alone). */
export function Money({ t, fen, testId }: { t: Translator; fen: number; testId?: string }) {
  return (
    <span className="money" data-testid={testId}>
      {t('yuan', { amount: formatYuan(fen) })}
    </span>
  );
}
