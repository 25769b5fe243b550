// What is said on the screens of applying for a service: the heading, the catalogue's services
// by name, the field's label and what to type, the documents' pages, the review's parts — and
// every button, in the order it stands (test/ui/resident-voice.test.ts).
import type { Translator } from '../i18n/messages';
import {
  APPLY_PROBLEM_WORDS,
  type ApplicationScreenView,
  WORKING_WORDS,
  fieldHint,
  local,
  pagesWords,
  rejectWords,
  valueWords,
} from '../screens/application-words';
import { choiceParts, type Part } from './screen-voice';

/** A masked name (张*明) is said with 某 in Chinese, not "asterisk". */
const spokenName = (t: Translator, name: string) =>
  t.locale === 'zh-CN' ? name.replace(/\*+/g, '某') : name;

/** A code said character by character (K7QH-2M9D: K 7 Q H, 2 M 9 D). */
const spelled = (code: string) => code.replace(/-/g, ' ').split('').join(' ').replace(/\s+/g, ' ');

export function applicationParts(
  s: ApplicationScreenView,
  t: Translator,
  /** The receipt's copy waits behind an action (screens/receipt-fold.ts). */
  receiptFolded = false,
): Part[] {
  const problem = 'problem' in s && s.problem ? t(APPLY_PROBLEM_WORDS[s.problem]) : null;
  const back = t('back');
  switch (s.name) {
    case 'applicationCatalogue': {
      const names = s.services.map((x) => local(t, x.name));
      return [
        t('applyCatalogueTitle'),
        problem,
        names.length === 0 && !problem && t('applyCatalogueEmpty'),
        ...(names.length === 0 ? choiceParts(t, [back]) : choiceParts(t, names, [back])),
      ];
    }
    case 'applicationNeeds':
      return [
        local(t, s.service.name),
        local(t, s.service.summary),
        s.service.documents.length > 0
          ? t('applyNeedsDocuments') +
            t.list(
              s.service.documents.map((d) =>
                t('applyNeedsPages', { label: local(t, d.label), pages: pagesWords(t, d) }),
              ),
            )
          : t('applyNeedsNone'),
        s.service.signature && t('applyNeedsSignature'),
        t('applyNeedsAccount'),
        ...choiceParts(t, [t('applyStart')], [back]),
      ];
    case 'applicationWorking':
      return [t(WORKING_WORDS[s.step])];
    case 'applicationAccount':
      return [
        t('applyAccountTitle'),
        problem ?? t('applyAccountHint'),
        ...choiceParts(
          t,
          [t('confirm')],
          [
            ...(s.billers.length > 1 ? s.billers.map((b) => local(t, b.name)) : []),
            t('delete'),
            t('clear'),
            back,
          ],
        ),
      ];
    case 'applicationAccountConfirm':
      return [
        t('applyConfirmTitle'),
        t('billsFor', { holder: spokenName(t, s.holder) }),
        t('applyConfirmLead'),
        ...choiceParts(t, [t('confirm')], [back]),
      ];
    case 'applicationField': {
      const f = s.field;
      const skip = f.optional ? [t('applySkip')] : [];
      const label = local(t, f.label);
      if (f.kind === 'choice')
        return [
          t('voiceApplyField', { label, hint: fieldHint(t, f) }),
          problem,
          ...choiceParts(
            t,
            f.options.map((o) => local(t, o.label)),
            [...skip, back],
          ),
        ];
      const keypad = f.kind === 'text' ? [] : [t('delete'), t('clear')];
      return [
        t('voiceApplyField', { label, hint: fieldHint(t, f) }),
        problem,
        ...choiceParts(t, [t('nextStep')], [...keypad, ...skip, back]),
      ];
    }
    case 'applicationDocument':
      // The camera says where to lay the page and each page taken (ui/camera/DocumentCamera).
      return [
        t('voiceApplyDocument', {
          label: local(t, s.document.label),
          pages: pagesWords(t, s.document),
        }),
        problem,
        ...choiceParts(t, [s.document.pages.min === 0 && t('cameraDone')], [back]),
      ];
    case 'applicationSignature':
      return [t('signTitle'), ...choiceParts(t, [t('signConfirm')], [back, t('signClear')])];
    case 'applicationConsent':
      return [
        t('applyConsentTitle'),
        t('applyConsentLead', { phone: s.phone.replace(/\*+/g, ' ') }),
        ...choiceParts(t, [t('applyConsentYes')], [t('applyConsentNo'), back]),
      ];
    case 'applicationReview': {
      const change = (item: string) => t('applyChangeItem', { item });
      return [
        // A problem is the review's title: said first.
        problem,
        t('voiceApplyReview', {
          service: local(t, s.service.name),
          tail: s.account.slice(-4).split('').join(' '),
          holder: spokenName(t, s.holder),
        }),
        ...s.fields.map(({ field, value }) =>
          t('voiceApplyValue', {
            label: local(t, field.label),
            value: valueWords(t, field, value),
          }),
        ),
        ...choiceParts(
          t,
          [t('applySubmit')],
          [
            change(t('applyReviewAccount')),
            ...s.fields.map(({ field }) => change(local(t, field.label))),
            ...s.documents.map(({ document }) => change(local(t, document.label))),
            s.signature !== null && change(t('applyReviewSignature')),
            change(t('applyReviewSms')),
            back,
          ],
        ),
      ];
    }
    case 'applicationReceipt': {
      const accepted = s.state === 'accepted' && s.trackingCode !== null;
      return [
        t(accepted ? 'applyReceiptTitle' : 'applyReceiptPendingTitle'),
        accepted && t('voiceApplyReceipt', { code: spelled(s.trackingCode ?? '') }),
        t(accepted ? 'applyReceiptLead' : 'applyReceiptPendingLead'),
        t(s.printed ? 'applyReceiptPrinted' : 'applyReceiptOnScreen'),
        ...choiceParts(t, [t('done')], [receiptFolded && t('showReceipt')]),
      ];
    }
    case 'applicationRejected':
      return [
        t('applyRejectedTitle'),
        rejectWords(t, s.code),
        t('applyRejectedLead'),
        ...choiceParts(t, [t('done')]),
      ];
  }
}
