// What the acceptor has been told since it last reset: its denomination table and the
// settings it echoed. The driver derives the commands still missing from this, so a lost
// frame is simply sent again on a later tick.
import { Cmd, INHIBIT_OFF, INHIBIT_ON } from './codes';
import { disableMask, parseCurrencyAssign } from './denominations';
import type { Denomination } from './denominations';
import type { Frame } from './frame';
import type { Request } from './replies';

const NORMAL_SECURITY = Buffer.from([0x00, 0x00]);

export class Id003Settings {
  /** The acceptor's table; kept across a lost line so that a note in hand keeps its value. */
  table: Denomination[] | null = null;
  private stale = false;
  private mask: Buffer | null = null;
  private security = false;
  private inhibit: boolean | null = null;

  /** Power up or RESET: the acceptor starts from scratch. */
  reset(): void {
    this.table = null;
    this.stale = false;
    this.clearEchoes();
  }

  /** The line was lost: the acceptor may have reset meanwhile, so re-read and resend all. */
  forget(): void {
    this.stale = this.table !== null;
    this.clearEchoes();
  }

  /** IDLING or DISABLED tells the inhibit state without asking. */
  inhibited(value: boolean): void {
    this.inhibit = value;
  }

  /** What to send, in order: the table first, then C0 (disable mask), C1, C3. */
  missing(enabledFen: readonly number[], inhibit: boolean): Request[] {
    if (!this.table || this.stale) return [{ cmd: Cmd.CURRENCY_ASSIGN, data: Buffer.alloc(0) }];
    const out: Request[] = [];
    const mask = disableMask(this.table, enabledFen);
    if (!this.mask?.equals(mask)) out.push({ cmd: Cmd.ENABLE, data: mask });
    if (!this.security) out.push({ cmd: Cmd.SECURITY, data: NORMAL_SECURITY });
    if (this.inhibit !== inhibit) {
      out.push({ cmd: Cmd.INHIBIT, data: inhibit ? INHIBIT_ON : INHIBIT_OFF });
    }
    return out;
  }

  /** Records a reply to a settings command; true when it brought a new table. */
  onReply(req: Request, reply: Frame): boolean {
    const echoed = reply.cmd === req.cmd && reply.data.equals(req.data);
    switch (req.cmd) {
      case Cmd.RESET:
        if (reply.cmd === Cmd.ACK) this.clearEchoes();
        return false;
      case Cmd.CURRENCY_ASSIGN:
        if (reply.cmd !== Cmd.CURRENCY_ASSIGN) return false;
        this.table = parseCurrencyAssign(reply.data);
        this.stale = false;
        return true;
      case Cmd.ENABLE:
        if (echoed) this.mask = reply.data;
        return false;
      case Cmd.SECURITY:
        if (echoed) this.security = true;
        return false;
      case Cmd.INHIBIT:
        if (echoed) this.inhibit = reply.data[0] !== 0;
        return false;
      default:
        return false;
    }
  }

  private clearEchoes(): void {
    this.mask = null;
    this.security = false;
    this.inhibit = null;
  }
}
