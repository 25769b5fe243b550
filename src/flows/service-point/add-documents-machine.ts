// "Needs more" answered at the kiosk: a child of the service point's flow, invoked from the
// progress of an application a reviewer sent back. Each requested document is photographed on
// the document camera (DOCUMENT_PHOTOS), the lot reviewed once, then added through the room
// (`addDocuments`, journalled and sent exactly once). Its output says whether anything was added,
// so the service point asks the progress again.
import { assign, fromPromise, setup } from 'xstate';
import type { AddDocumentsProblem, LocalizedText, Screen } from '../../api/kiosk-api';

export interface RequestedDocument {
  documentId: string;
  label: LocalizedText | null;
  pages: { min: number; max: number };
}

export interface AddDocumentsInput {
  applicationSerial: string;
  trackingCode: string | null;
  requested: RequestedDocument[];
}

export type AddDocumentsOutcome =
  | { ok: true; state: 'accepted' | 'pending' | 'rejected'; serial: string }
  | { ok: false; problem: AddDocumentsProblem };

interface Context extends AddDocumentsInput {
  index: number;
  photos: Record<string, string[]>;
  problem: AddDocumentsProblem | null;
  outcome: Extract<AddDocumentsOutcome, { ok: true }> | null;
}

export type AddDocumentsEvent =
  | { type: 'DOCUMENT_PHOTOS'; documentId: string; photoIds: string[] }
  | { type: 'SERVICE_NEXT' }
  | { type: 'BACK' }
  | { type: 'DONE' };

export const addDocumentsMachine = setup({
  types: {
    context: {} as Context,
    events: {} as AddDocumentsEvent,
    input: {} as AddDocumentsInput,
    output: {} as { added: boolean },
  },
  actors: {
    addDocuments: fromPromise<
      AddDocumentsOutcome,
      { applicationSerial: string; documents: { documentId: string; photoIds: string[] }[] }
    >(async () => ({ ok: false, problem: 'unreachable' })),
  },
}).createMachine({
  id: 'addDocuments',
  context: ({ input }) => ({ ...input, index: 0, photos: {}, problem: null, outcome: null }),
  initial: 'camera',
  states: {
    camera: {
      on: {
        DOCUMENT_PHOTOS: [
          {
            // The last document: on to the review.
            guard: ({ context, event }) =>
              context.requested[context.index]?.documentId === event.documentId &&
              event.photoIds.length > 0 &&
              context.index === context.requested.length - 1,
            target: 'review',
            actions: assign({
              photos: ({ context, event }) => ({
                ...context.photos,
                [event.documentId]: event.photoIds,
              }),
            }),
          },
          {
            guard: ({ context, event }) =>
              context.requested[context.index]?.documentId === event.documentId &&
              event.photoIds.length > 0,
            target: 'camera',
            reenter: true,
            actions: assign({
              photos: ({ context, event }) => ({
                ...context.photos,
                [event.documentId]: event.photoIds,
              }),
              index: ({ context }) => context.index + 1,
            }),
          },
        ],
        BACK: [
          {
            guard: ({ context }) => context.index > 0,
            target: 'camera',
            reenter: true,
            actions: assign({ index: ({ context }) => context.index - 1 }),
          },
          { target: 'left' },
        ],
      },
    },
    review: {
      on: {
        SERVICE_NEXT: 'sending',
        BACK: { target: 'camera', actions: assign({ problem: null }) },
      },
    },
    sending: {
      invoke: {
        src: 'addDocuments',
        input: ({ context }) => ({
          applicationSerial: context.applicationSerial,
          documents: context.requested.map((d) => ({
            documentId: d.documentId,
            photoIds: context.photos[d.documentId] ?? [],
          })),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'receipt',
            actions: assign({ outcome: ({ event }) => (event.output.ok ? event.output : null) }),
          },
          {
            target: 'review',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
            }),
          },
        ],
        onError: { target: 'review', actions: assign({ problem: 'unreachable' }) },
      },
    },
    receipt: { on: { DONE: 'added', BACK: 'added' } },
    added: { type: 'final' },
    left: { type: 'final' },
  },
  output: ({ context }) => ({ added: context.outcome !== null }),
});

type Snapshot = ReturnType<(typeof addDocumentsMachine)['getInitialSnapshot']>;

/** Each state → its screen (a typed map: a state without a screen fails the typecheck). */
const SCREENS: { [S in Snapshot['value']]: (c: Context) => Screen } = {
  camera: (c) => {
    const d = c.requested[c.index];
    return {
      name: 'addDocumentsCamera',
      documentId: d?.documentId ?? '',
      label: d?.label ?? null,
      index: c.index,
      count: c.requested.length,
      pages: d?.pages ?? { min: 1, max: 1 },
    };
  },
  review: (c) => ({
    name: 'addDocumentsReview',
    trackingCode: c.trackingCode,
    documents: c.requested.map((d) => ({
      documentId: d.documentId,
      label: d.label,
      pages: c.photos[d.documentId]?.length ?? 0,
    })),
    problem: c.problem,
  }),
  sending: () => ({ name: 'addDocumentsSending' }),
  receipt: (c) =>
    c.outcome
      ? {
          name: 'addDocumentsReceipt',
          state: c.outcome.state,
          trackingCode: c.trackingCode,
          serial: c.outcome.serial,
        }
      : { name: 'addDocumentsSending' },
  added: () => ({ name: 'addDocumentsSending' }),
  left: () => ({ name: 'addDocumentsSending' }),
};

export function addDocumentsScreenOf(s: Snapshot): Screen {
  return SCREENS[s.value](s.context);
}
