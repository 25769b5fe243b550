// What the "needs more" screens say: which document, how many pages each, what happens next.
import type { Screen } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { ADD_DOCUMENTS_PROBLEM_WORDS } from '../screens/service-words';
import { choiceParts, type Part } from './screen-voice';

type AddScreen = Extract<Screen, { name: `addDocuments${string}` }>;

const name = (
  t: Translator,
  d: { documentId: string; label: { 'zh-CN': string; en: string } | null },
) => (d.label ? d.label[t.locale] : d.documentId);

export function addDocumentsParts(screen: AddScreen, t: Translator): Part[] {
  switch (screen.name) {
    case 'addDocumentsCamera':
      // The camera speaks its own steps (DocumentCamera); this names the document.
      return [
        screen.count > 1
          ? t('addDocumentsLabelOf', {
              label: name(t, screen),
              index: screen.index + 1,
              count: screen.count,
            })
          : name(t, screen),
        ...choiceParts(t, [], [t('back')]),
      ];
    case 'addDocumentsReview':
      return [
        t('addDocumentsReviewTitle'),
        screen.problem && t(ADD_DOCUMENTS_PROBLEM_WORDS[screen.problem]),
        ...screen.documents.map((d) =>
          t('voiceAddDocumentsLine', { label: name(t, d), pages: d.pages }),
        ),
        ...choiceParts(t, [t('addDocumentsSend')], [t('back')]),
      ];
    case 'addDocumentsSending':
      return [t('addDocumentsSending')];
    case 'addDocumentsReceipt': {
      const [title, lead] =
        screen.state === 'accepted'
          ? (['addDocumentsAccepted', 'addDocumentsAcceptedLead'] as const)
          : screen.state === 'pending'
            ? (['addDocumentsPending', 'addDocumentsPendingLead'] as const)
            : (['addDocumentsRejected', 'addDocumentsRejectedLead'] as const);
      return [t(title), t(lead), ...choiceParts(t, [t('addDocumentsSeeProgress')])];
    }
  }
}
