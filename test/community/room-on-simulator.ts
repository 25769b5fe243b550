// The community room as the host opens it, on a throw-away journal and vault, talking to the
// gateway simulator over HTTP (short waits and backoff for tests).
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import {
  CommunityClient,
  openCommunityRoom,
  type CommunityRoom,
  type CommunityRoomOptions,
} from '../../src/community';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { tempDir, TERMINAL, type TempDir } from '../offline-queue/journal-fixture';

export interface RoomOnSimulator {
  tmp: TempDir;
  sim: GatewaySim;
  db: JournalDb;
  room: CommunityRoom;
  close(): Promise<void>;
}

export async function roomOnSimulator(
  name: string,
  o: Pick<CommunityRoomOptions, 'community' | 'onDuty' | 'audit'>,
): Promise<RoomOnSimulator> {
  const tmp = tempDir(`kiosk-${name}-`);
  const sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  const db = openJournal(tmp.file('journal.sqlite'));
  const room = openCommunityRoom({
    ...o,
    db,
    terminalId: TERMINAL,
    terminalSecret: DEMO_TERMINALS[TERMINAL] ?? '',
    photosDir: tmp.file('community-photos'),
    client: new CommunityClient({
      baseUrl: sim.url,
      terminalId: TERMINAL,
      secret: DEMO_TERMINALS[TERMINAL] ?? '',
      timeoutMs: 2_000,
    }),
    answerWaitMs: 3_000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  room.start();
  return {
    tmp,
    sim,
    db,
    room,
    async close() {
      await room.close();
      db.close();
      await sim.close();
      tmp.remove();
    },
  };
}
