// What the community tests share: small images that are what they say they are, and a form
// filled from the catalogue (every field of a service with a valid value, every document with
// its fewest pages), as a resident at the kiosk would fill it.
import { createHash, randomBytes } from 'node:crypto';
import type { JournalDb } from '../../offline-queue/open-journal';
import {
  CommunityClient,
  openCommunityRoom,
  type CommunityRoom,
  type CommunityRoomOptions,
} from '../../src/community';
import type { ApplicationRequest, Service } from '../../src/community/contract';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { TERMINAL } from '../offline-queue/journal-fixture';

/** A JPEG-looking image (SOI marker, a random body, EOI), different every call unless seeded. */
export function jpeg(size = 2048, seed?: number): Buffer {
  const body =
    seed === undefined
      ? randomBytes(size)
      : Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 17) & 0xff));
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
}

/** A PNG-looking image (its signature and a random body). */
export function png(size = 1024): Buffer {
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(size)]);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function uploadBody(bytes: Buffer, mime: 'image/jpeg' | 'image/png' = 'image/jpeg'): string {
  return JSON.stringify({ mime, sha256: sha256(bytes), bytes: bytes.toString('base64') });
}

/** A valid value for every field of the service. */
export function formFor(service: Service): ApplicationRequest['fields'] {
  const fields: ApplicationRequest['fields'] = {};
  for (const f of service.fields) {
    switch (f.kind) {
      case 'integer':
        fields[f.id] = f.min ?? 1;
        break;
      case 'text':
        fields[f.id] = 'B2-117'.slice(0, f.maxLength);
        break;
      case 'phone':
        fields[f.id] = '13800138000';
        break;
      case 'choice':
        fields[f.id] = f.options[0]?.id ?? '';
        break;
      case 'date':
        fields[f.id] = '2026-12-20';
        break;
    }
  }
  return fields;
}

/** The pages each document of the service needs at least (a document of 0 pages left out). */
export function pagesFor(service: Service): { documentId: string; pages: number }[] {
  return service.documents
    .filter((d) => d.pages.min > 0)
    .map((d) => ({ documentId: d.id, pages: d.pages.min }));
}

/**
 * The room as the host opens it, on the journal `db`, against the gateway simulator at
 * `gatewayUrl` (the demo terminal and community), its photos in `photosDir`; started.
 */
export function roomAgainstSim(
  o: { db: JournalDb; gatewayUrl: string; photosDir: string; timeoutMs: number } & Partial<
    Pick<CommunityRoomOptions, 'onDuty' | 'audit' | 'answerWaitMs'>
  >,
): CommunityRoom {
  const room = openCommunityRoom({
    db: o.db,
    terminalId: TERMINAL,
    terminalSecret: DEMO_TERMINALS[TERMINAL] ?? '',
    photosDir: o.photosDir,
    community: DEMO_COMMUNITY,
    client: new CommunityClient({
      baseUrl: o.gatewayUrl,
      terminalId: TERMINAL,
      secret: DEMO_TERMINALS[TERMINAL] ?? '',
      timeoutMs: o.timeoutMs,
    }),
    onDuty: o.onDuty ?? (() => null),
    audit: o.audit ?? (() => undefined),
    answerWaitMs: o.answerWaitMs ?? 3_000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  room.start();
  return room;
}
