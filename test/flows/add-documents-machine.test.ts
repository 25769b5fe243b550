// "Needs more" answered at the kiosk: each requested document photographed in turn, the lot
// reviewed and added, the receipt, and the progress asked again; offered only where it can be.
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import {
  addDocumentsMachine,
  addDocumentsScreenOf,
  type AddDocumentsOutcome,
} from '../../src/flows/service-point/add-documents-machine';
import {
  servicePointMachine,
  type ProgressLookup,
  type ProgressView,
} from '../../src/flows/service-point/service-point-machine';
import { servicePointScreenOf } from '../../src/flows/service-point/service-point-view';

const SERIAL = 'SH-XH-WK-0007-20261204-900002';
const PROPERTY = { 'zh-CN': '房产证', en: 'Property certificate' };

const PROPERTY_DOC = { documentId: 'property', label: PROPERTY, pages: { min: 1, max: 4 } };

const NEEDS_MORE: ProgressView = {
  trackingCode: 'N3ED-5MR8',
  status: 'needs_more',
  timeline: [
    { status: 'received', at: '2026-12-01T02:10:00Z', note: { 'zh-CN': '已受理', en: 'Received' } },
  ],
  nextStep: null,
  reason: null,
  requested: [PROPERTY_DOC, { documentId: 'id-card', label: null, pages: { min: 2, max: 2 } }],
  applicationSerial: SERIAL,
};

type Sent = { applicationSerial: string; documents: { documentId: string; photoIds: string[] }[] };

function adding(answer: AddDocumentsOutcome) {
  const sent: Sent[] = [];
  const logic = addDocumentsMachine.provide({
    actors: {
      addDocuments: fromPromise<AddDocumentsOutcome, Sent>(async ({ input }) => {
        sent.push(input);
        return answer;
      }),
    },
  });
  return { logic, sent };
}

const input = {
  applicationSerial: SERIAL,
  trackingCode: 'N3ED-5MR8',
  requested: NEEDS_MORE.requested,
};

describe('adding the documents a reviewer asked for', () => {
  it('photographs each in turn, reviews them, adds them, and says so', async () => {
    const { logic, sent } = adding({ ok: true, state: 'accepted', serial: 'S-1' });
    const a = createActor(logic, { input }).start();
    const screen = () => addDocumentsScreenOf(a.getSnapshot());
    expect(screen()).toEqual({
      name: 'addDocumentsCamera',
      documentId: 'property',
      label: PROPERTY,
      index: 0,
      count: 2,
      pages: { min: 1, max: 4 },
    });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: ['9'] }); // not this one
    expect(screen()).toMatchObject({ documentId: 'property' });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['1', '2'] });
    expect(screen()).toMatchObject({ documentId: 'id-card', index: 1 });
    a.send({ type: 'BACK' });
    expect(screen()).toMatchObject({ documentId: 'property', index: 0 });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['3'] }); // retaken
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: ['4', '5'] });
    expect(screen()).toEqual({
      name: 'addDocumentsReview',
      trackingCode: 'N3ED-5MR8',
      documents: [
        { documentId: 'property', label: PROPERTY, pages: 1 },
        { documentId: 'id-card', label: null, pages: 2 },
      ],
      problem: null,
    });
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.value === 'receipt');
    expect(sent).toEqual([
      {
        applicationSerial: SERIAL,
        documents: [
          { documentId: 'property', photoIds: ['3'] },
          { documentId: 'id-card', photoIds: ['4', '5'] },
        ],
      },
    ]);
    expect(screen()).toEqual({
      name: 'addDocumentsReceipt',
      state: 'accepted',
      trackingCode: 'N3ED-5MR8',
      serial: 'S-1',
    });
    a.send({ type: 'DONE' });
    expect(a.getSnapshot().output).toEqual({ added: true });
  });

  it('keeps the review with the reason when the room cannot take them now', async () => {
    const { logic } = adding({ ok: false, problem: 'unreachable' });
    const a = createActor(logic, { input: { ...input, requested: [PROPERTY_DOC] } });
    a.start();
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['1'] });
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.value === 'review' && s.context.problem !== null);
    expect(addDocumentsScreenOf(a.getSnapshot())).toMatchObject({ problem: 'unreachable' });
  });

  it.each(['pending', 'rejected'] as const)('says a %s receipt', async (state) => {
    const { logic } = adding({ ok: true, state, serial: 'S-2' });
    const a = createActor(logic, { input: { ...input, requested: [PROPERTY_DOC] } });
    a.start();
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['1'] });
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.value === 'receipt');
    expect(addDocumentsScreenOf(a.getSnapshot())).toMatchObject({ state, serial: 'S-2' });
  });

  it('"back" from the first document leaves without adding anything', () => {
    const { logic, sent } = adding({ ok: true, state: 'accepted', serial: 'S-1' });
    const a = createActor(logic, { input }).start();
    a.send({ type: 'BACK' });
    expect(a.getSnapshot().output).toEqual({ added: false });
    expect(sent).toEqual([]);
  });
});

describe('in the service point', () => {
  it('goes through the documents and back to the progress, asked again', async () => {
    const logic = servicePointMachine.provide({
      actors: {
        progressByScan: fromPromise<ProgressLookup, { text: string }>(async () => ({
          ok: true,
          progress: NEEDS_MORE,
        })),
        addDocuments: adding({ ok: true, state: 'accepted', serial: 'S-1' }).logic,
      },
    });
    const a = createActor(logic).start();
    a.send({ type: 'SCANNED', text: `KIOSK-APP:${SERIAL}` });
    await waitFor(a, (s) => s.value === 'progress');
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ name: 'progress', addNow: true });
    a.send({ type: 'ADD_DOCUMENTS' });
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({
      name: 'addDocumentsCamera',
      documentId: 'property',
    });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['1'] });
    a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'id-card', photoIds: ['2', '3'] });
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, () => servicePointScreenOf(a.getSnapshot()).name === 'addDocumentsReceipt');
    a.send({ type: 'DONE' });
    await waitFor(a, (s) => s.value === 'progress');
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ name: 'progress' });
  });

  it('does not offer it without the serial or without documents named', async () => {
    for (const p of [
      { ...NEEDS_MORE, applicationSerial: null },
      { ...NEEDS_MORE, requested: [] },
      { ...NEEDS_MORE, status: 'in_review' as const },
    ]) {
      const logic = servicePointMachine.provide({
        actors: {
          progressByScan: fromPromise<ProgressLookup, { text: string }>(async () => ({
            ok: true,
            progress: p,
          })),
        },
      });
      const a = createActor(logic).start();
      a.send({ type: 'SCANNED', text: `KIOSK-APP:${SERIAL}` });
      await waitFor(a, (s) => s.value === 'progress');
      expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ addNow: false });
      a.send({ type: 'ADD_DOCUMENTS' });
      expect(a.getSnapshot().value).toBe('progress');
    }
  });
});
