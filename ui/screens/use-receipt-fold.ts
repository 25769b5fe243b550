// The result screens' folded receipt (receipt-fold.ts): whether it folds here, whether she opened
// it, the action that opens and closes it, and the result's class. One piece for the payment's
// and the application's result, so the two fold alike.
import { useState } from 'react';
import type { Translator } from '../i18n/messages';
import { receiptFolds } from './receipt-fold';

export function useReceiptFold(textScale: number, t: Translator) {
  const folds = receiptFolds(textScale);
  const [open, setOpen] = useState(false);
  const opened = folds && open;
  return {
    folds,
    opened,
    /** "查看凭证 / 收起凭证", where the copy folds; none elsewhere. */
    actions: folds
      ? [{ label: t(open ? 'hideReceipt' : 'showReceipt'), onClick: () => setOpen(!open) }]
      : [],
    className: `result${folds ? ` result-folded${opened ? ' receipt-open' : ''}` : ''}`,
  };
}
