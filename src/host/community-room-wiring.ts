// The community service point wired to the running host: its client on the payments client's
// connection (same signing, TLS and clock), its photo vault beside the journal under a key from
// the terminal's secret, staff on duty from the staff desk and their steps in the service audit.
// Kept out of startHost so that the room grows in src/community/, not in the composition root.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CommunityClient,
  NoticeChoices,
  noticeTags,
  openCommunityRoom,
  photosDirFor,
  type CommunityRoom,
} from '../community';
import type { KioskConfig } from '../config/schema';
import type { ServiceRoom } from '../service/open-service-room';
import type { MonotonicClock } from '../time/monotonic';
import type { Logger } from './logger';
import type { MoneyServices } from './money-services';

export interface RunningCommunityRoom {
  room: CommunityRoom;
  close(): Promise<void>;
}

export function startCommunityRoom(
  config: KioskConfig,
  o: {
    money: Pick<MoneyServices, 'db' | 'gatewayOptions'>;
    service: Pick<ServiceRoom, 'desk' | 'audit'> & Partial<Pick<ServiceRoom, 'care' | 'notices'>>;
    clock: () => number;
    monotonic: MonotonicClock;
    log: Logger;
  },
): RunningCommunityRoom {
  // A journal in memory (tests) gets a throw-away vault, removed at close.
  const beside = photosDirFor(config.journal.path);
  const photosDir = beside ?? mkdtempSync(path.join(tmpdir(), 'kiosk-photos-'));
  const room = openCommunityRoom({
    db: o.money.db,
    terminalId: config.terminal.id,
    terminalSecret: config.terminal.secret,
    photosDir,
    community: config.community?.id ?? null,
    client: new CommunityClient({
      ...o.money.gatewayOptions,
      ...(config.community ? { uploadTimeoutMs: config.community.uploadTimeoutMs } : {}),
    }),
    onDuty: () => o.service.desk.onDuty(),
    audit: (entry) => o.service.audit.append(entry),
    clock: o.clock,
    monotonic: o.monotonic,
    ...(config.community ? { answerWaitMs: config.community.answerWaitMs } : {}),
    log: o.log.child({ room: 'community' }),
  });
  room.start();
  // The staff desk's care screen reads and records through the room (staff only, audited).
  o.service.care?.attach(room.care);
  // Its notices offer this community's places and buildings (config community.notices).
  const choices = config.community?.notices ?? NoticeChoices.parse({});
  o.service.notices?.attach(room.notices, { places: choices.places, tags: noticeTags(choices) });
  return {
    room,
    async close() {
      await room.close();
      if (beside === null) rmSync(photosDir, { recursive: true, force: true });
    },
  };
}
