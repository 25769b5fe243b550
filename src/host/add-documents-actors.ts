// "Needs more" answered at the kiosk (src/flows/service-point/add-documents-machine.ts) over the
// community room: the staged photos of each requested document added to the application,
// journalled and sent exactly once. The room answers values, never throws.
import { fromPromise } from 'xstate';
import type { CommunityRoom } from '../community';
import {
  addDocumentsMachine,
  type AddDocumentsOutcome,
} from '../flows/service-point/add-documents-machine';

interface Input {
  applicationSerial: string;
  documents: { documentId: string; photoIds: string[] }[];
}

/** Staged photo ids as the renderer names them (the room's rows); anything else is dropped. */
export function photoRows(ids: readonly string[]): number[] {
  return ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

export function addDocumentsLogic(room: () => CommunityRoom | null) {
  return addDocumentsMachine.provide({
    actors: {
      addDocuments: fromPromise<AddDocumentsOutcome, Input>(async ({ input }) => {
        const r = room();
        if (!r) return { ok: false, problem: 'unreachable' };
        const answer = await r.addDocuments({
          applicationSerial: input.applicationSerial,
          documents: input.documents.map((d) => ({
            documentId: d.documentId,
            photos: photoRows(d.photoIds),
          })),
        });
        if (answer.ok) return { ok: true, state: answer.state, serial: answer.serial };
        if (answer.code === 'photo_expired') return { ok: false, problem: 'expired' };
        return {
          ok: false,
          problem: answer.reason === 'unreachable' ? 'unreachable' : 'refused',
        };
      }),
    },
  });
}
