// An ESC/POS receipt printer on the far end of the wire: it reads the byte stream as a printer
// does (printer-emulator-parser.ts, printer-emulator-engine.ts), answers DLE EOT from its state,
// and keeps each cut receipt as text and as a PNG (printer-emulator-page.ts). Faults can be set
// before a job or scheduled to strike in the middle of one.
import { EventEmitter } from 'node:events';
import type { PaperWidth } from '../../drivers/printer/columns';
import type { MonoBitmap } from '../../drivers/printer/escpos/raster';
import type { EmulatedDevice } from './emulator-binding';
import { PrintEngine } from './printer-emulator-engine';
import { bitmapPng, renderRows, rowsText, type Row } from './printer-emulator-page';
import { EscPosParser, type EscPosEvent } from './printer-emulator-parser';

export type PrinterFault = 'nearEnd' | 'paperOut' | 'coverOpen' | 'cutterError' | 'offline';

export interface PrintedReceipt {
  /** The paper as text, as documentText() writes a document. */
  lines: string[];
  rows: Row[];
  /** False when printing stopped before the cut (paper out, cover opened, power lost…). */
  complete: boolean;
  /** The paper drawn at printer resolution, 1 = black. */
  image(): MonoBitmap;
  png(): Buffer;
}

export class PrinterEmulator implements EmulatedDevice {
  /** Cut receipts (and torn-off partial ones), oldest first. */
  readonly receipts: PrintedReceipt[] = [];
  readonly events = new EventEmitter<{ receipt: [PrintedReceipt]; fault: [PrinterFault] }>();
  /** Commands the emulator skipped, for tests that expect none. */
  unknownCommands = 0;

  paper: 'ok' | 'nearEnd' | 'out' = 'ok';
  coverOpen = false;
  cutterError = false;
  /** Powered off or unplugged: no replies, nothing printed. */
  offline = false;
  /** Replies with the always-1 bits cleared, as a line at the wrong speed would deliver. */
  garbledStatus = false;

  private readonly parser = new EscPosParser();
  private readonly engine: PrintEngine;
  private readonly transmitters = new Set<(bytes: Buffer) => void>();
  private scheduled: { rows: number; fault: PrinterFault } | null = null;

  constructor(private readonly paperWidth: PaperWidth = 80) {
    this.engine = new PrintEngine(paperWidth, {
      canPrint: () => !this.stopped,
      printed: () => this.countdown(),
      cut: (rows) => this.keep(rows, true),
    });
  }

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    this.transmitters.add(cb);
    return () => this.transmitters.delete(cb);
  }

  receive(bytes: Buffer): void {
    if (this.offline) return;
    for (const event of this.parser.push(bytes)) this.handle(event);
  }

  /** The current page, not yet cut, as text. */
  get pageText(): string[] {
    return rowsText(this.engine.page);
  }

  /** Sets a fault now. One that stops printing tears off the page printed so far. */
  inject(fault: PrinterFault): void {
    if (fault === 'nearEnd') this.paper = 'nearEnd';
    else if (fault === 'paperOut') this.paper = 'out';
    else if (fault === 'coverOpen') this.coverOpen = true;
    else if (fault === 'cutterError') this.cutterError = true;
    else this.offline = true;
    this.events.emit('fault', fault);
    if (this.stopped) this.keep(this.engine.tearOff(), false);
  }

  /** Sets the fault once `rows` more rows (lines, codes) have been printed: mid-job faults. */
  injectAfterRows(rows: number, fault: PrinterFault): void {
    this.scheduled = { rows, fault };
  }

  /** A technician puts in a new roll, closes the cover, clears the cutter, powers it on. */
  repair(): void {
    this.paper = 'ok';
    this.coverOpen = false;
    this.cutterError = false;
    this.offline = false;
    this.parser.reset();
  }

  /** DLE EOT n replies per protocols.md §2 (bits 1 and 4 always set). */
  statusByte(n: number): number {
    const out = this.paper === 'out';
    switch (n) {
      case 1:
        return 0x12 | (this.stopped ? 0x08 : 0);
      case 2:
        return (
          0x12 | (this.coverOpen ? 0x04 : 0) | (out ? 0x20 : 0) | (this.cutterError ? 0x40 : 0)
        );
      case 3:
        return 0x12 | (this.cutterError ? 0x08 : 0);
      case 4:
        return out ? 0x72 : this.paper === 'nearEnd' ? 0x1e : 0x12;
      default:
        return 0x12;
    }
  }

  /** Printing stops on paper out, an open cover, a cutter error or no power. */
  private get stopped(): boolean {
    return this.paper === 'out' || this.coverOpen || this.cutterError || this.offline;
  }

  private handle(e: EscPosEvent): void {
    // Real-time requests are answered even while printing is stopped.
    if (e.t === 'status') this.reply(e.n);
    else if (e.t === 'unknown') this.unknownCommands++;
    else if (!this.stopped) this.engine.apply(e); // stopped: the rest of the job is lost
  }

  private reply(n: number): void {
    if (this.offline) return;
    const byte = this.garbledStatus ? 0x00 : this.statusByte(n);
    for (const t of this.transmitters) t(Buffer.from([byte]));
  }

  private countdown(): void {
    if (!this.scheduled || --this.scheduled.rows > 0) return;
    const { fault } = this.scheduled;
    this.scheduled = null;
    this.inject(fault);
  }

  private keep(rows: Row[], complete: boolean): void {
    if (rows.every((r) => r.kind === 'space')) return;
    let image: MonoBitmap | null = null;
    const draw = (): MonoBitmap => (image ??= renderRows(rows, this.paperWidth));
    const receipt: PrintedReceipt = {
      lines: rowsText(rows),
      rows,
      complete,
      image: draw,
      png: () => bitmapPng(draw()),
    };
    this.receipts.push(receipt);
    this.events.emit('receipt', receipt);
  }
}
