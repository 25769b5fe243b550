// The diagnostics screen's tests that take no money: the acceptor in its test mode (every note
// handed back and shown by value), a scan shown by its class and length, a card by its UID's
// last 4 hex digits and kind, the voice and the touch grid (run by the renderer). One test
// waits at a time; leaving the screen or closing the mode ends it. Nothing here keeps a
// scanned text or a whole UID, and nothing here opens a payment or a sign-in.
import type { DiagnosticTest, DiagnosticTestsView } from '../api/kiosk-api';

type Running = NonNullable<DiagnosticTestsView['running']>;
type TestNote = DiagnosticTestsView['notes'][number];
export type ScanClass = DiagnosticTestsView['scans'][number]['kind'];
export type CardKind = NonNullable<DiagnosticTestsView['card']>['kind'];

/** What the tests need of the running kiosk (the host builds it from its devices). */
export interface DiagnosticTools {
  /**
   * The acceptor's test mode on (a listener for each note) or off (null). False when the
   * acceptor refuses (notes enabled for a payment, or it has not said its notes yet).
   */
  acceptorTest(onNote: ((note: TestNote) => void) | null): boolean;
  /** The scanner classifier's verdict on a scan (with the gateway's patterns): its class only. */
  scanClass(text: string): Promise<ScanClass>;
}

/** At most this many notes and scans listed (newest kept). */
const KEEP = 8;

export interface DiagnosticTestsOptions {
  tools: DiagnosticTools | undefined;
  /** Whether a customer's payment is open under the mode (the acceptor test is refused). */
  paymentOpen(): boolean;
  /** Something the screen shows changed. */
  changed(): void;
  log: { warn(o: object, m: string): void };
}

export class DiagnosticTests {
  private running: Running | null = null;
  private notes: TestNote[] = [];
  private scans: DiagnosticTestsView['scans'] = [];
  private card: DiagnosticTestsView['card'] = null;
  private voiceTest = 0;
  private problem: DiagnosticTestsView['problem'] = null;

  constructor(private readonly o: DiagnosticTestsOptions) {}

  view(): DiagnosticTestsView {
    return {
      running: this.running,
      notes: [...this.notes],
      scans: [...this.scans],
      card: this.card,
      voiceTest: this.voiceTest,
      problem: this.problem,
    };
  }

  /** Start or stop a test. True if it started (or stopped); false if refused (see problem). */
  set(test: DiagnosticTest, on: boolean): boolean {
    this.problem = null;
    if (test === 'voice') {
      if (on) this.voiceTest += 1;
      return true;
    }
    if (!on) {
      if (this.running === test) this.stop();
      return true;
    }
    this.stop();
    if (test === 'acceptor') {
      if (this.o.paymentOpen()) return this.refuse('paymentOpen');
      if (!this.o.tools) return this.refuse('noDevice');
      this.notes = [];
      if (!this.o.tools.acceptorTest((note) => this.noteSeen(note))) {
        return this.refuse('acceptorNotReady');
      }
    } else if (test === 'scanner') {
      if (!this.o.tools) return this.refuse('noDevice');
      this.scans = [];
    } else if (test === 'card') {
      this.card = null;
    } // touch: the renderer's own grid, shown while it runs
    this.running = test;
    return true;
  }

  /** A scan while the mode is open: taken (true) only while the scanner test runs. */
  scanned(text: string): boolean {
    if (this.running !== 'scanner' || !this.o.tools) return false;
    const length = text.trim().length;
    const seen = (kind: ScanClass) => {
      this.scans = [...this.scans, { kind, length }].slice(-KEEP);
      this.o.changed();
    };
    this.o.tools.scanClass(text).then(seen, (err: unknown) => {
      this.o.log.warn({ err }, 'scan test: classifier failed');
      seen('unknown');
    });
    return true;
  }

  /** A card while the mode is open: taken (true) only while the card test runs. */
  cardRead(uid: string, kind: CardKind): boolean {
    if (this.running !== 'card') return false;
    const hex = uid.replace(/[^0-9a-f]/gi, '').toUpperCase();
    this.card = { last4: hex.slice(-4).padStart(4, '0'), kind };
    this.running = null; // the next card only
    this.o.changed();
    return true;
  }

  /** Ends whatever test waits (the acceptor back to normal) and forgets what was seen. */
  reset(): void {
    this.stop();
    this.notes = [];
    this.scans = [];
    this.card = null;
    this.problem = null;
  }

  private stop(): void {
    if (this.running === 'acceptor') this.o.tools?.acceptorTest(null);
    this.running = null;
  }

  private refuse(problem: NonNullable<DiagnosticTestsView['problem']>): false {
    this.problem = problem;
    return false;
  }

  private noteSeen(note: TestNote): void {
    // No payment is open while the test runs: a note here is never a customer's money.
    if (this.o.paymentOpen()) {
      this.o.log.warn({}, 'a payment opened during the acceptor test: test stopped');
      this.stop();
    }
    this.notes = [...this.notes, note].slice(-KEEP);
    this.o.changed();
  }
}
