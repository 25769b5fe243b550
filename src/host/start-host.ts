// Composes the kiosk host: config → logs → journal → gateway client → sync worker → devices →
// session flow → KioskApi server. Outside effects that differ between production and the
// simulator (serial bindings, fetch, clock) come in as seams.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { createActor } from 'xstate';
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { ReceiptPrinter } from '../../drivers/printer';
import type { PcscFactory } from '../../drivers/card-reader';
import type { HidOpener } from '../../drivers/scanner';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import { isStaffEvent, type Locale, type Snapshot, type UserEvent } from '../api/kiosk-api';
import { configWarnings } from '../config/config-warnings';
import { deviceAddresses, type KioskConfig } from '../config/schema';
import { sessionMachine, WAITS_FOR_CUSTOMER } from '../flows/session-machine';
import type { SessionEvent, SiteFacts } from '../flows/session-types';
import type { FetchFn } from '../gateway/client';
import { createBillAcceptor } from './bill-acceptor-factory';
import { Debouncer } from '../scanning/debouncer';
import { createCardReader, createScanner } from './input-devices';
import { InactivityClock } from './inactivity';
import { createPrinter } from './printer-factory';
import { receiptService } from './receipt-service';
import { startServiceRoom } from './service-room-wiring';
import { startCommunityRoom } from './community-room-wiring';
import { applicationLookups, whoHelps } from './application-wiring';
import { servicePointLogic } from './service-point-actors';
import type { CommunityRoom } from '../community';
import type { ServiceRoom } from '../service/open-service-room';
import { startKioskServer } from '../edge/kiosk-server';
import { startJobs } from './jobs';
import { createLogger, type Logger } from './logger';
import { openMoneyServices, type MoneyServices } from './money-services';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import type { SyncWorker } from '../../offline-queue/sync-worker';
import { sessionActors } from './session-actors';
import { snapshotBuilder } from './kiosk-snapshot';
import { watchHelpCalls } from './help-calls';
import { discardPhotosAfterVisits } from './visit-photos';
import { routeCards } from './card-routing';
import { monotonicNow } from '../time/monotonic';
import { sideOf } from '../api/front-panel';

export interface HostSeams {
  /** The serial binding for a device port; undefined means the real one. */
  bindingFor?(port: string): SerialBinding | undefined;
  /** How to open a HID scanner at this address; undefined means node-hid. */
  hidFor?(port: string): HidOpener | undefined;
  /** The PC/SC stack for this reader; undefined means pcsclite and pcscd. */
  pcscFor?(reader: string): PcscFactory | undefined;
  fetch?: FetchFn;
  /** The wall clock: business dates, timestamps, signatures (default Date.now). */
  clock?: () => number;
  /** The clock for durations (default performance.now, which a wall clock step never moves). */
  monotonic?: () => number;
  /** Folder of the built renderer. */
  uiDir?: string;
  frameAncestors?: string;
  /** Browser mode serves the renderer and the KioskApi WebSocket; Electron uses ipc instead. */
  serveBrowser?: boolean;
}

export interface RunningHost {
  url: string;
  /** A one-time address that opens the kiosk page as the kiosk's screen (browser mode). */
  launchUrl(): string;
  journal: PaymentJournal;
  acceptor: BillAcceptor;
  printer: ReceiptPrinter | null;
  syncWorker: SyncWorker;
  money: MoneyServices;
  /** Staff and technicians: their sign-in, PINs, audit and the desk over the session. */
  service: ServiceRoom;
  /** The community service point: applications, invoices, care and notices (src/community/). */
  community: CommunityRoom;
  log: Logger;
  /** Sends a user event as if it came from the renderer (tests, Electron ipc). */
  send(event: UserEvent): void;
  latest(): Snapshot;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
  close(): Promise<void>;
}

export const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '../../dist/ui');
export const DEFAULT_INFO_DIR = path.resolve(import.meta.dirname, '../../content/info');

export async function startHost(config: KioskConfig, seams: HostSeams = {}): Promise<RunningHost> {
  const clock = seams.clock ?? Date.now;
  const monotonic = seams.monotonic ?? monotonicNow;
  const logging = createLogger(config.logging);
  const { log } = logging;
  const cleanups: (() => unknown)[] = [() => logging.close()];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  // Settings allowed but unsafe in service (a lab switch) are logged at every start.
  for (const warning of configWarnings(config)) log.warn({ unsafeConfig: true }, warning);
  try {
    assertDevicePortsReachable(config);
    const money = openMoneyServices(config, {
      clock,
      monotonic,
      log,
      ...(seams.fetch ? { fetch: seams.fetch } : {}),
    });
    cleanups.push(() => money.close());
    const { db, journal, syncWorker, gateway, staff, cashBox } = money;

    const acceptorCfg = config.devices.billAcceptor;
    const acceptor = createBillAcceptor(acceptorCfg, {
      binding: seams.bindingFor?.(acceptorCfg.port),
      logger: log.child({ device: 'billAcceptor' }),
    });
    cleanups.push(() => acceptor.stop());
    // A note the acceptor reports outside any payment (mid-note at a restart) is journalled
    // before the driver acknowledges it.
    acceptor.onStrayNote((note) => {
      const attributed = cashBox.strayNote(note);
      if (attributed === 'refused') log.info({ note }, 'a note offered between payments went back');
      else log.warn({ note, attributed }, 'the acceptor reported a note outside any payment');
    });
    // Once the note path is clear, no later stray can be taken for a note from before.
    acceptor.onNotePathClear(() => cashBox.notePathClear());
    const scannerCfg = config.devices.scanner;
    const scanner = scannerCfg
      ? createScanner(scannerCfg, {
          binding: seams.bindingFor?.(scannerCfg.port),
          hid: seams.hidFor?.(scannerCfg.port),
          logger: log.child({ device: 'scanner' }),
        })
      : null;
    if (scanner) cleanups.push(() => scanner.stop());
    const cardCfg = config.devices.cardReader;
    const cards = cardCfg
      ? createCardReader(cardCfg, config.people, {
          pcsc: cardCfg.reader ? seams.pcscFor?.(cardCfg.reader) : undefined,
          logger: log.child({ device: 'cardReader' }),
        })
      : null;
    if (cards) cleanups.push(() => cards.reader.stop());
    const printerCfg = config.devices.printer;
    const printer = printerCfg
      ? createPrinter(printerCfg, {
          binding: seams.bindingFor?.(printerCfg.port),
          logger: log.child({ device: 'printer' }),
        })
      : null;
    if (printer) cleanups.push(() => printer.stop());
    const receipts = receiptService(printer, log);

    let communityRoom: CommunityRoom | null = null;
    const lookups = sessionActors({
      terminalId: config.terminal.id,
      gateway,
      db,
      journal,
      qr: money.qr,
      staff,
      cashBox,
      infoDir: config.content.infoDir ?? DEFAULT_INFO_DIR,
      syncWorker,
      acceptor,
      receipts,
      verifyBaseUrl: config.receipts.verifyBaseUrl,
      pausedBy: money.pausedBy,
      qrTiming: { pollMs: config.session.qrPollMs, giveUpMs: config.session.qrGiveUpMs },
      clock,
      monotonic,
      log,
    });
    // Her language and who helps her at the screen: set once the session and staff room are open.
    let localeNow: () => Locale = () => 'zh-CN';
    let assistedBy: () => string | null = () => null;
    const actor = createActor(
      sessionMachine.provide({
        actors: {
          servicePoint: servicePointLogic(() => communityRoom, {
            lookups: applicationLookups(lookups),
            receipts,
            terminalId: config.terminal.id,
            locale: () => localeNow(),
            assistedBy: () => assistedBy(),
            clock,
            log,
          }),
          ...lookups,
        },
      }),
      {
        input: {
          writeOffWaitMs: config.session.writeOffWaitMs,
          doneScreenMs: config.session.doneScreenMs,
          partialCashWaitMs: config.session.partialCashWaitMs,
          site: siteFacts(config),
        },
      },
    );
    // Staff and technicians work at the same screen, over the customer's paused visit.
    const service = startServiceRoom(config, {
      db,
      money,
      session: actor,
      devices: { acceptor, printer, scanner, cardReader: cards?.reader ?? null },
      receipts,
      clock,
      monotonic,
      log,
    });
    cleanups.push(() => service.desk.stop());
    localeNow = () => actor.getSnapshot().context.locale;
    assistedBy = () => whoHelps(actor.getSnapshot(), service);
    const community = startCommunityRoom(config, { money, service, clock, monotonic, log });
    communityRoom = community.room;
    cleanups.push(() => community.close());
    const inactivity = new InactivityClock({
      clock,
      monotonic,
      idleMs: config.session.inactivityMs,
      answerMs: config.session.moreTimeAnswerMs,
      // No "need more time?" for a customer whose screen staff have in hand.
      waiting: () => !service.desk.isActive() && actor.getSnapshot().hasTag(WAITS_FOR_CUSTOMER),
      send: (event) => actor.send(event),
    });
    /** A tap or a card: staff ones to the desk; the customer's only while no mode is open. */
    const userEvent = (event: UserEvent) => {
      if (isStaffEvent(event)) return service.desk.handle(event);
      if (service.desk.isActive()) return;
      inactivity.activity();
      actor.send(event);
    };
    const customerDevice = (event: SessionEvent) => {
      if (!service.desk.isActive()) actor.send(event);
    };
    const snapshotNow = snapshotBuilder({
      session: () => actor.getSnapshot(),
      staff: () => service.desk.view(),
      staffCardAway: () => service.desk.cardAway(),
      frontPanel: config.frontPanel,
      service: () => {
        const pending = journal.pendingSync();
        return {
          pendingSync: { count: pending.count, total: pending.total },
          staffItems: staff.openCount(),
          receipts: receipts.delivery(),
          printer: receipts.printerState(),
        };
      },
    });
    let latest: Snapshot | null = null;
    const listeners = new Set<(s: Snapshot) => void>();
    const server =
      seams.serveBrowser === false
        ? null
        : await startKioskServer({
            host: config.server.host,
            port: config.server.port,
            uiDir: seams.uiDir ?? DEFAULT_UI_DIR,
            ...(seams.frameAncestors ? { frameAncestors: seams.frameAncestors } : {}),
            ...pageFiles(config),
            onEvent: userEvent,
            latest: () => latest ?? snapshotNow(),
            // The page's document photos and signatures go straight into the room's vault.
            photos: community.room,
            log,
          });
    if (server) cleanups.push(() => server.close());
    const publish = () => {
      latest = snapshotNow();
      server?.broadcast(latest);
      for (const l of listeners) l(latest);
    };
    actor.subscribe({ next: publish, error: (err) => log.error({ err }, 'session flow failed') });
    syncWorker.on('settled', publish);
    service.desk.onChange(publish);
    receipts.onChange(publish); // the bills screen says how the receipt will come
    // A bill held under the scanner is read again and again: one scan per hold.
    const debouncer = new Debouncer({ monotonic });
    scanner?.on('scan', (text) => {
      if (!debouncer.accept(text)) return;
      // While staff work at the screen a scan is theirs (a refund slip's barcode).
      if (service.desk.isActive()) service.desk.scanned(text);
      else actor.send({ type: 'SCANNED', text });
    });
    if (cards) {
      cleanups.push(
        routeCards(
          cards,
          {
            session: customerDevice,
            staffCard: (uid) => service.desk.cardPresented(uid),
            cardRemoved: () => service.desk.cardRemoved(),
            // While the diagnostics card test waits, any card is shown there and goes no further.
            diagnosticCard: (uid, kind) =>
              service.desk.isActive() && service.desk.cardRead(uid, kind),
          },
          log,
        ),
      );
    }
    actor.start();
    cleanups.push(() => actor.stop());
    // The notes the acceptor takes, whenever they change: before she inserts any, the bills and
    // confirm screens name those a biller that takes no overpayment would refuse.
    let notesTold = '';
    const tellNotes = () => {
      const values = acceptor.status.denominations;
      if (values.join() === notesTold) return;
      notesTold = values.join();
      actor.send({ type: 'ACCEPTOR_NOTES', values: [...values] });
    };
    cleanups.push(acceptor.onStatus(tellNotes));
    tellNotes();
    cleanups.push(() => inactivity.stop());
    cleanups.push(watchHelpCalls(actor, log));
    cleanups.push(discardPhotosAfterVisits(actor, community.room, log));
    const stopJobs = startJobs(config, {
      money,
      acceptor,
      scanner,
      printer,
      cardReader: cards?.reader ?? null,
      clock,
      log,
      inService: () => actor.getSnapshot().context.inService,
      setInService: (inService, reason) => {
        log.warn({ inService, reason }, 'service mode changed by the operator');
        actor.send({ type: 'SERVICE_MODE', inService, reason: null });
      },
    });
    cleanups.push(stopJobs);

    await acceptor.start();
    await scanner?.start();
    await printer?.start();
    await cards?.reader.start();
    syncWorker.kick(); // resume write-offs left from before a restart
    log.info({ url: server?.url, terminal: config.terminal.id }, 'host started');
    return {
      url: server?.url ?? '',
      launchUrl: () => {
        if (!server) throw new Error('the kiosk page is served only in browser mode');
        return server.launchUrl();
      },
      journal,
      acceptor,
      printer,
      syncWorker,
      money,
      service,
      community: community.room,
      log,
      send: userEvent,
      latest: () => latest ?? snapshotNow(),
      onSnapshot(l) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      close: cleanup,
    };
  } catch (err) {
    log.fatal({ err }, 'host failed to start');
    await cleanup();
    throw err;
  }
}

/** The page's pass outlives a restart beside the journal; the browser's ticket goes to config. */
function pageFiles(config: KioskConfig): { passFile?: string; ticketFile?: string } {
  const journal = config.journal.path;
  return {
    ...(journal === ':memory:'
      ? {}
      : { passFile: path.join(path.dirname(journal), 'kiosk-page.pass') }),
    ...(config.server.launchTicketFile ? { ticketFile: config.server.launchTicketFile } : {}),
  };
}

/**
 * A configured device path that does not exist or cannot be opened is a configuration fault:
 * refuse to start and name it. (A device that goes away later is the driver's to reconnect.)
 */
function assertDevicePortsReachable(config: KioskConfig): void {
  for (const { name, address } of deviceAddresses(config)) {
    // Paths only: usb:VVVV:PPPP and reader names are found by enumeration, at the driver.
    if (!address.startsWith('/')) continue;
    try {
      accessSync(address, constants.R_OK | constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreachable';
      throw new Error(`devices.${name}.port ${address} cannot be opened (${code})`, {
        cause: err,
      });
    }
  }
}

/** What residents are told about this terminal and its place, from config. */
function siteFacts(config: KioskConfig): SiteFacts {
  const hall = config.site.serviceHall;
  return {
    // Where the scanner is on this model (config frontPanel), when it has one.
    scannerWindow: config.devices.scanner ? sideOf(config.frontPanel, 'scanner') : null,
    serviceHall: hall
      ? { name: hall.name, address: hall.address, hours: hall.hours ?? null }
      : null,
  };
}
