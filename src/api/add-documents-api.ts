// "Needs more" answered at the kiosk (src/flows/service-point/add-documents-machine.ts): the
// screens and the event, grouped here and spread into kiosk-api.ts. Browser-safe: zod/mini only.
import { z } from 'zod/mini';

const Text = z.object({ 'zh-CN': z.string(), en: z.string() });
const Short = z.string().check(z.maxLength(64));
const Pages = z.int().check(z.minimum(0), z.maximum(12));

/** Why the documents could not be added now. */
export const AddDocumentsProblem = z.enum(['unreachable', 'refused', 'expired']);
export type AddDocumentsProblem = z.infer<typeof AddDocumentsProblem>;

export const ADD_DOCUMENTS_SCREENS = [
  /** One requested document on the document camera (`index` of `count`). */
  z.object({
    name: z.literal('addDocumentsCamera'),
    documentId: Short,
    label: z.nullable(Text),
    index: Pages,
    count: Pages,
    pages: z.object({ min: Pages, max: Pages }),
  }),
  /** The documents photographed, once more before they are sent. */
  z.object({
    name: z.literal('addDocumentsReview'),
    trackingCode: z.nullable(Short),
    documents: z.array(z.object({ documentId: Short, label: z.nullable(Text), pages: Pages })),
    problem: z.nullable(AddDocumentsProblem),
  }),
  z.object({ name: z.literal('addDocumentsSending') }),
  /** Added (the reviewer has them), accepted for later (sent once the gateway answers), or refused. */
  z.object({
    name: z.literal('addDocumentsReceipt'),
    state: z.enum(['accepted', 'pending', 'rejected']),
    trackingCode: z.nullable(Short),
    serial: Short,
  }),
] as const;

export const ADD_DOCUMENTS_EVENT_SCHEMAS = [
  /** On the progress of an application that needs more: 现在补交材料. */
  z.object({ type: z.literal('ADD_DOCUMENTS') }),
] as const;
