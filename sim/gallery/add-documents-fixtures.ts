// "Needs more" answered at the kiosk: one example of each of its screens (typed, so a new
// screen fails here until it has one) and the variants worth a look in the gallery.
import type { Screen } from '../../src/api/kiosk-api';

type Named<N extends Screen['name']> = Extract<Screen, { name: N }>;
type AddName = Extract<Screen['name'], `addDocuments${string}`>;

const PROPERTY = { 'zh-CN': '房产证或租赁合同', en: 'Property certificate or lease' };
const ID_CARD = { 'zh-CN': '新增人员身份证', en: "The new member's ID card" };

const RECEIPT: Named<'addDocumentsReceipt'> = {
  name: 'addDocumentsReceipt',
  state: 'accepted',
  trackingCode: 'N3ED-5MR8',
  serial: 'SH-XH-WK-0007-20261207-000003',
};

export const ADD_DOCUMENTS_EXAMPLES: { [N in AddName]: Named<N> } = {
  addDocumentsCamera: {
    name: 'addDocumentsCamera',
    documentId: 'property',
    label: PROPERTY,
    index: 0,
    count: 2,
    pages: { min: 1, max: 4 },
  },
  addDocumentsReview: {
    name: 'addDocumentsReview',
    trackingCode: 'N3ED-5MR8',
    documents: [
      { documentId: 'property', label: PROPERTY, pages: 2 },
      { documentId: 'id-card', label: ID_CARD, pages: 1 },
    ],
    problem: null,
  },
  addDocumentsSending: { name: 'addDocumentsSending' },
  addDocumentsReceipt: RECEIPT,
};

/** The gallery's fixtures: [id, title, screen]. */
export const ADD_DOCUMENTS_GALLERY: [string, string, Screen][] = [
  [
    'add-documents-camera',
    'Needs more: a document on the camera',
    ADD_DOCUMENTS_EXAMPLES.addDocumentsCamera,
  ],
  [
    'add-documents-review',
    'Needs more: the documents reviewed',
    ADD_DOCUMENTS_EXAMPLES.addDocumentsReview,
  ],
  [
    'add-documents-review-unreachable',
    'Needs more: not sent (unreachable)',
    { ...ADD_DOCUMENTS_EXAMPLES.addDocumentsReview, problem: 'unreachable' },
  ],
  ['add-documents-sending', 'Needs more: sending', ADD_DOCUMENTS_EXAMPLES.addDocumentsSending],
  ['add-documents-receipt', 'Needs more: added', RECEIPT],
  ['add-documents-pending', 'Needs more: accepted for later', { ...RECEIPT, state: 'pending' }],
  ['add-documents-rejected', 'Needs more: not added', { ...RECEIPT, state: 'rejected' }],
];
