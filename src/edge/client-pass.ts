// Who may drive the kiosk in browser mode. A page becomes the kiosk's screen only by redeeming
// a one-time launch ticket that the kiosk's own launch hands it: the browser unit reads the
// ticket file the host writes, the simulator's launcher and the tests mint one. Redeeming sets
// the *pass*, an HttpOnly cookie that neither page scripts nor other local processes can read.
// One pass is valid at a time: a new launch revokes the old page. The pass's hash is kept on
// disk, so a restarted host still knows the page already on screen.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Outstanding tickets kept at most; minting more forgets the oldest. */
const MAX_TICKETS = 16;

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();
const secret = (): string => randomBytes(32).toString('base64url');

export interface ClientPassOptions {
  /** Keeps the current pass's hash across host restarts (mode 0600); none: in memory only. */
  passFile?: string;
  /** The host writes a fresh ticket here for the kiosk's browser (mode 0640) after each use. */
  ticketFile?: string;
  log: { warn(obj: object, msg: string): void };
}

export class ClientPass {
  /** sha256 of outstanding tickets (oldest first), so a lookup leaks nothing of a ticket. */
  private readonly tickets: string[] = [];
  private fileTicket: string | null = null;
  private current: Buffer | null;
  private readonly revokeListeners = new Set<() => void>();

  constructor(private readonly o: ClientPassOptions) {
    this.current = this.loadPass();
    // A ticket file the browser can never read is a configuration fault: refuse to start.
    const written = this.refreshTicketFile();
    if (written !== true) {
      throw new Error(`server.launchTicketFile ${o.ticketFile} cannot be written (${written})`);
    }
  }

  /** A ticket for one launch of the kiosk page. */
  mintTicket(): string {
    const ticket = secret();
    this.tickets.push(sha256(ticket).toString('hex'));
    if (this.tickets.length > MAX_TICKETS) this.tickets.shift();
    return ticket;
  }

  /**
   * Spends a ticket: returns the new pass for the page that brought it, or null for a ticket
   * that was never minted or is spent. The previous pass stops working at once.
   */
  redeem(ticket: string): string | null {
    const hash = sha256(ticket).toString('hex');
    const at = this.tickets.indexOf(hash);
    if (at < 0) return null;
    this.tickets.splice(at, 1);
    const pass = secret();
    this.current = sha256(pass);
    this.savePass();
    for (const l of this.revokeListeners) l();
    if (hash === this.fileTicket) this.refreshTicketFile();
    return pass;
  }

  /** Whether this is the pass of the page that is the kiosk's screen now. */
  accepts(pass: string | null): boolean {
    if (!pass || !this.current) return false;
    return timingSafeEqual(sha256(pass), this.current);
  }

  /** Called when a new launch replaces the page on screen. */
  onRevoke(listener: () => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  private loadPass(): Buffer | null {
    if (!this.o.passFile) return null;
    try {
      const hex = readFileSync(this.o.passFile, 'utf8').trim();
      return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
    } catch {
      return null; // none yet: the first launch makes one
    }
  }

  private savePass(): void {
    if (!this.o.passFile || !this.current) return;
    this.writeAtomically(this.o.passFile, this.current.toString('hex'), 0o600);
  }

  /** The browser's ticket: one at a time, replaced when spent. True, or why it failed. */
  private refreshTicketFile(): true | string {
    if (!this.o.ticketFile) return true;
    if (this.fileTicket) {
      const old = this.tickets.indexOf(this.fileTicket);
      if (old >= 0) this.tickets.splice(old, 1);
    }
    const ticket = this.mintTicket();
    this.fileTicket = sha256(ticket).toString('hex');
    return this.writeAtomically(this.o.ticketFile, ticket, 0o640);
  }

  private writeAtomically(file: string, text: string, mode: number): true | string {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, `${text}\n`, { mode });
      chmodSync(tmp, mode); // exactly this mode, whatever the umask (the unit's is 0077)
      renameSync(tmp, file);
      return true;
    } catch (err) {
      // The page on screen keeps working; only a later launch or restart would miss it.
      const code = (err as NodeJS.ErrnoException).code ?? 'write failed';
      this.o.log.warn({ code, file }, 'cannot write a launch file');
      return code;
    }
  }
}
