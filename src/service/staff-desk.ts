// The staff desk: where staff and technicians meet the running kiosk. It owns the mode actor
// (sign-in and open mode), locks it by the auto-lock policy, routes taps (a staff tap to the
// mode, a customer's tap to her visit only while no mode is open), acts on the customer's visit
// for the member of staff who answered her call, and audits every step.
import { basename } from 'node:path';
import { createActor, fromPromise } from 'xstate';
import type {
  DeviceView,
  GatewayCheck,
  OutOfServiceReason,
  PrinterState,
  StaffEvent,
  StaffView,
  ToolOutcome,
} from '../api/kiosk-api';
import { helpCalled, type SessionSnapshot } from '../flows/session-view';
import type { SessionEvent } from '../flows/session-types';
import type { MonotonicClock } from '../time/monotonic';
import type { AuditLog } from './audit-log';
import type { AuthResult, Credential } from './authenticator';
import { AutoLock, type CardAway, type LockReason } from './auto-lock';
import { can, type Action, type Role } from './roles';
import { staffModeMachine } from './staff-mode-machine';
import { staffViewOf } from './staff-view';
import type { AssistedScreens } from './assisted-screens';
import { isAssistedScreen } from './assisted-screens';
import { DiagnosticTests, type CardKind, type DiagnosticTools } from './diagnostic-tests';
import { isReceiptEvent, isReceiptScreen, type ReceiptScreens } from './receipt-screens';
import { isCareEvent, type CareScreen } from './care-screen';
import { NoticesScreen, isNoticeEvent } from './notices-screen';

/** What the service screens act on: the kiosk's devices, its gateway and its service state. */
export interface KioskTools {
  devices(): DeviceView[];
  checkGateway(): Promise<GatewayCheck>;
  /** A page that takes no money: the printer's own test, laid out by the receipts. */
  printTestPage(): Promise<{ printed: boolean; problem: string | null }>;
  service(): { inService: boolean; reason: OutOfServiceReason | null };
  setService(inService: boolean, reason: OutOfServiceReason | null): void;
  printer(): PrinterState;
  /** The diagnostic bundle, onto the removable drive the config names. */
  writeBundle(): Promise<{ file: string; bytes: number; sha256: string }>;
  /** The diagnostics tests' devices (the acceptor's test mode, the scan classifier). */
  diagnostics?: DiagnosticTools;
}

export interface StaffDeskOptions {
  authenticate(credential: Credential, pin: string): Promise<AuthResult>;
  tools: KioskTools;
  /** The screens over the journal: open items, sync, the day, the cash-box exchange. */
  assisted: AssistedScreens;
  /** Reprint, same-day reversal and PINs. */
  receipts: ReceiptScreens;
  /** Care for elders living alone (its port attached once the community room is open). */
  care?: CareScreen;
  /** Community notices (its port attached likewise). */
  notices?: NoticesScreen;
  audit: AuditLog;
  /** The customer's visit, under any open mode. */
  session: { snapshot(): SessionSnapshot; send(event: SessionEvent): void };
  monotonic: MonotonicClock;
  idleLockMs?: number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

export interface StaffDesk {
  /** A mode or its sign-in is over the customer's screen. */
  isActive(): boolean;
  handle(event: StaffEvent): void;
  cardPresented(uid: string): void;
  /** A scan while a mode is open (a refund slip's barcode); never the customer's. */
  scanned(text: string): void;
  cardRemoved(): void;
  /** The opening card is out for a second person's approval, or must come back; null: in. */
  cardAway(): CardAway | null;
  /** Any card while the card test waits: shown by its last 4 digits and kind; true if taken. */
  cardRead(uid: string, kind: CardKind): boolean;
  view(): StaffView | null;
  /** Who is signed in while a mode is open (the community room's staff-only parts), or null. */
  onDuty(): { staffNumber: string; role: Role } | null;
  onChange(listener: () => void): () => void;
  stop(): void;
}

/** What each tool needs the role to be allowed. */
const TOOL_ACTION: Readonly<Record<ToolOutcome['tool'], Action>> = {
  testPage: 'diagnostics.test',
  gateway: 'diagnostics.test',
  paperReplaced: 'paper.replaced',
  bundle: 'bundle.write',
};

const ASSISTED_EVENTS: ReadonlySet<StaffEvent['type']> = new Set([
  'STAFF_ITEM',
  'STAFF_TRY_NOW',
  'STAFF_EXCHANGE_FIELD',
  'STAFF_EXCHANGE',
] as const);

function isAssistedEvent(
  e: StaffEvent,
): e is Extract<
  StaffEvent,
  { type: 'STAFF_ITEM' | 'STAFF_TRY_NOW' | 'STAFF_EXCHANGE_FIELD' | 'STAFF_EXCHANGE' }
> {
  return ASSISTED_EVENTS.has(e.type);
}

/** The care screen of a desk without a community room (tests): nothing to show. */
const emptyCare: StaffView = {
  name: 'care',
  step: 'list',
  alerts: [],
  households: 0,
  chosen: null,
  readings: [],
  outcomes: [],
  problem: 'not_configured',
  lastResult: null,
};

const emptyNotices = new NoticesScreen();

export function startStaffDesk(o: StaffDeskOptions): StaffDesk {
  const mode = createActor(
    staffModeMachine.provide({
      actors: {
        authenticate: fromPromise<AuthResult, { credential: Credential; pin: string }>(
          ({ input }) => o.authenticate(input.credential, input.pin),
        ),
      },
    }),
  );
  const lock = new AutoLock({
    clock: o.monotonic,
    ...(o.idleLockMs ? { idleMs: o.idleLockMs } : {}),
  });
  const listeners = new Set<() => void>();
  const changed = () => {
    settleLentCard();
    for (const l of listeners) l();
  };
  let timer: NodeJS.Timeout | null = null;
  const armIdleLock = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ms = lock.msUntilLock();
    if (ms === null) return;
    timer = setTimeout(() => {
      lock.check();
      armIdleLock();
    }, ms + 50);
    timer.unref();
  };

  const person = () => mode.getSnapshot().context.person;
  const openScreen = () => {
    const s = mode.getSnapshot();
    return s.matches({ open: 'screen' }) ? s.context.screen : null;
  };
  // A single-slot reader: the opening card comes out so the approver's can go in. Once the
  // approval is over (approved, refused, or left), its time to come back starts.
  const settleLentCard = () => {
    if (lock.cardAway() !== 'forApproval' || o.receipts.inApproval(openScreen())) return;
    lock.approvalOver();
    armIdleLock();
  };
  const mustPerson = () => {
    const p = person();
    if (!p) throw new Error('no one is signed in');
    return p;
  };
  const actor = () => {
    const p = person();
    return p ? { staffNumber: p.staffNumber, role: p.role } : null;
  };
  const allowed = (action: Action): boolean => {
    const p = person();
    return p !== null && can(p.role, action);
  };

  // Who opened the mode: the lock is theirs to answer for, even after the mode has closed.
  let openedBy: ReturnType<typeof actor> = null;
  lock.onLock((reason: LockReason) => {
    o.audit.append({ actor: openedBy, action: 'mode.locked', detail: { reason } });
    openedBy = null;
    o.log.info({ reason }, 'staff mode locked');
    mode.send({ type: 'LOCKED' });
  });

  let wasOpen = false;
  mode.subscribe((s) => {
    const open = s.matches('open');
    if (open && !wasOpen) {
      const p = s.context.person;
      openedBy = actor();
      lock.open({ card: s.context.by === 'card' ? s.context.cardUid : null });
      armIdleLock();
      o.audit.append({ actor: actor(), action: 'mode.opened', detail: { by: s.context.by } });
      o.log.info({ role: p?.role }, 'staff mode opened');
      // Whoever opens a mode while the customer waits for help has answered her call.
      if (helpCalled(o.session.snapshot()) && allowed('help_call.answer')) {
        o.session.send({ type: 'STAFF_ANSWERED' });
        o.audit.append({ actor: actor(), action: 'help_call.answer', subject: null });
      }
    }
    if (!open && wasOpen) lock.lock();
    wasOpen = open;
    changed();
  });
  mode.start();

  const helpAction = (action: 'back' | 'cancel' | 'handBack') => {
    // Only for a customer who called, by someone allowed to answer.
    if (!allowed('help_call.answer') || !helpCalled(o.session.snapshot())) return;
    const c = o.session.snapshot().context;
    o.audit.append({
      actor: actor(),
      action: 'help_call.answer',
      subject: c.paymentId === null ? null : `payment:${c.paymentId}`,
      amountBefore: c.collected,
      detail: { step: action },
    });
    if (action === 'back') o.session.send({ type: 'BACK' });
    else if (action === 'cancel') o.session.send({ type: 'CANCEL' });
    else mode.send({ type: 'STAFF_LOCK' }); // the screen goes back to her, with staff beside her
  };

  // What the service screens last learned: cleared when the mode closes or a screen opens.
  let gatewayCheck: GatewayCheck | null = null;
  let lastTool: ToolOutcome | null = null;
  mode.subscribe((s) => {
    if (s.matches('closed')) {
      gatewayCheck = null;
      lastTool = null;
      o.assisted.reset();
      o.receipts.reset();
      o.care?.reset();
      o.notices?.reset();
    }
  });

  // ---- diagnostics tests (acceptor, scanner, card, voice, touch) ----
  const tests = new DiagnosticTests({
    tools: o.tools.diagnostics,
    paymentOpen: () => o.session.snapshot().context.paymentId !== null,
    changed: () => changed(),
    log: o.log,
  });
  const onDiagnostics = () => {
    const s = mode.getSnapshot();
    return s.matches({ open: 'screen' }) && s.context.screen === 'diagnostics';
  };
  // Leaving the screen or closing the mode ends any test: the acceptor back to normal.
  mode.subscribe(() => {
    if (!onDiagnostics()) tests.reset();
  });
  const runTest = (test: Extract<StaffEvent, { type: 'STAFF_DIAG_TEST' }>) => {
    if (!allowed('diagnostics.test') || !onDiagnostics()) return;
    const ok = tests.set(test.test, test.on);
    // Which test only: never a scanned text or a UID.
    o.audit.append({
      actor: actor(),
      action: 'diagnostics.test',
      detail: {
        test: test.test,
        on: test.on,
        ok,
        ...(ok ? {} : { problem: tests.view().problem }),
      },
    });
  };
  // ---- end of the diagnostics tests ----

  const runTool = async (tool: ToolOutcome['tool']) => {
    const action = TOOL_ACTION[tool];
    if (!allowed(action)) return;
    const by = actor();
    let outcome: ToolOutcome;
    if (tool === 'gateway') {
      gatewayCheck = await o.tools.checkGateway();
      outcome = { tool, ok: gatewayCheck.reachable, problem: gatewayCheck.problem, bundle: null };
    } else if (tool === 'bundle') {
      outcome = await o.tools.writeBundle().then(
        (b) => ({ tool, ok: true, problem: null, bundle: { ...b, file: basename(b.file) } }),
        (err: Error) => ({ tool, ok: false, problem: err.message.slice(0, 300), bundle: null }),
      );
    } else {
      // Paper replaced: the near-end alert clears by the printer's own sensor; a test line
      // proves the new roll feeds.
      const page = await o.tools.printTestPage();
      outcome = { tool, ok: page.printed, problem: page.problem, bundle: null };
    }
    lastTool = outcome;
    o.audit.append({
      actor: by,
      action,
      // The audit holds no long digit runs (a checksum could hide a number): the size only.
      detail: { tool, ok: outcome.ok, ...(outcome.bundle ? { bytes: outcome.bundle.bytes } : {}) },
    });
    changed();
  };

  const setService = (inService: boolean, reason: OutOfServiceReason | null) => {
    const action = inService ? 'service.in_service' : 'service.out_of_service';
    if (!allowed(action)) return;
    const before = o.tools.service();
    o.tools.setService(inService, inService ? null : reason);
    o.audit.append({
      actor: actor(),
      action,
      detail: { was: before.inService ? 'in_service' : 'out_of_service', reason },
    });
    changed();
  };

  return {
    isActive: () => !mode.getSnapshot().matches('closed'),
    handle(event) {
      if (mode.getSnapshot().matches('open') && !lock.touch()) return; // it locked just now
      // A tap that fails (a refused audit entry, a device that throws) is logged, never fatal.
      const failed = (err: unknown) =>
        o.log.warn({ err, event: event.type }, 'a staff action failed');
      const s = mode.getSnapshot();
      const screen = s.matches({ open: 'screen' }) ? s.context.screen : null;
      const p = person();
      try {
        const receiptWork =
          p && isReceiptScreen(screen) ? o.receipts.typed(screen, event, p) : null;
        if (receiptWork) {
          receiptWork.then(changed, failed); // typed into a receipt or PIN screen
        } else if (p && isReceiptScreen(screen) && isReceiptEvent(event)) {
          o.receipts.handle(event, p).then(changed, failed);
        } else if (p && isAssistedScreen(screen) && o.assisted.typed(screen, event, p)) {
          // typed into the screen's field
        } else if (p && isAssistedScreen(screen) && isAssistedEvent(event)) {
          o.assisted.handle(event, p).then(changed, failed);
        } else if (event.type === 'STAFF_HELP') helpAction(event.action);
        else if (event.type === 'STAFF_TOOL') runTool(event.tool).catch(failed);
        else if (event.type === 'STAFF_SET_SERVICE') setService(event.inService, event.reason);
        else if (event.type === 'STAFF_DIAG_TEST') runTest(event);
        else if (p && screen === 'notices' && o.notices?.typed(event)) {
          // typed into the notice's date or time
        } else if (isNoticeEvent(event)) {
          if (p && screen === 'notices' && o.notices) o.notices.handle(event).then(changed, failed);
        } else if (isCareEvent(event)) {
          if (p && screen === 'care' && o.care) o.care.handle(event, p.role).then(changed, failed);
        } else {
          if (event.type === 'STAFF_OPEN') {
            lastTool = null;
            o.assisted.reset();
            o.receipts.reset();
            o.care?.reset();
            o.notices?.reset();
          }
          mode.send(event);
          if (event.type === 'STAFF_OPEN' && openScreen() === 'notices' && o.notices) {
            o.notices.load().then(changed, failed);
          }
          // The care screen reads the gateway as it opens (each read audited by the room).
          if (event.type === 'STAFF_OPEN' && openScreen() === 'care' && p && o.care) {
            o.care.load(p.role).then(changed, failed);
          }
        }
      } catch (err) {
        failed(err);
      }
      armIdleLock();
      changed();
    },
    scanned(text) {
      const p = person();
      if (!p || !mode.getSnapshot().matches('open')) return;
      lock.touch();
      if (tests.scanned(text)) return; // the scanner test: its class only, never a payment
      const s = mode.getSnapshot();
      const screen = s.matches({ open: 'screen' }) ? s.context.screen : null;
      if (o.receipts.scanned(screen, text, p)) changed();
      else if (o.assisted.scanned(text, p)) changed();
    },
    cardPresented(uid) {
      if (mode.getSnapshot().matches('open') && lock.cardBack(uid)) {
        o.audit.append({ actor: actor(), action: 'mode.card_back' });
        armIdleLock();
        changed();
        return;
      }
      // While a reversal waits for its second person, a card is theirs to approve with.
      if (o.receipts.awaitsApprover(openScreen()) && lock.touch()) {
        o.receipts.approverCard(uid);
        armIdleLock();
        changed();
        return;
      }
      mode.send({ type: 'STAFF_CARD', uid });
    },
    cardRead(uid, kind) {
      if (!mode.getSnapshot().matches('open') || !onDiagnostics()) return false;
      return tests.cardRead(uid, kind);
    },
    cardRemoved() {
      // Sign-in by card ends with its card; an open mode asks its lock (which may lend the card).
      if (!mode.getSnapshot().matches('open')) {
        mode.send({ type: 'CARD_REMOVED' });
        return;
      }
      const wasIn = lock.cardAway() === null;
      lock.cardRemoved(undefined, { forApproval: o.receipts.awaitsApprover(openScreen()) });
      if (wasIn && lock.cardAway() !== null) {
        o.audit.append({ actor: actor(), action: 'mode.card_lent' });
      }
      armIdleLock();
      changed();
    },
    cardAway: () => lock.cardAway(),
    view: () =>
      staffViewOf(mode.getSnapshot(), o.session.snapshot(), {
        devices: () => o.tools.devices(),
        gateway: gatewayCheck,
        lastTool,
        tests: () => tests.view(),
        service: () => o.tools.service(),
        printer: () => o.tools.printer(),
        // staffViewOf asks only while the mode is open, so a person is signed in.
        assisted: (screen) => o.assisted.view(screen, mustPerson()),
        receipts: (screen) => o.receipts.view(screen),
        care: () => (o.care ? o.care.view(mustPerson().role) : emptyCare),
        notices: () => (o.notices ?? emptyNotices).view(),
      }),
    onDuty: () => (mode.getSnapshot().matches('open') ? actor() : null),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (timer) clearTimeout(timer);
      mode.stop();
    },
  };
}
