// A QR/barcode scanner in USB-serial line mode: each read arrives as text ending in CR and/or LF.
// The driver trims, drops empty and over-long reads, debounces double reads of the same code,
// and reopens the port on its own. It never logs what was scanned: a scan may be a wallet
// payment code.
import { EventEmitter } from 'node:events';
import type { SerialPortStream } from '@serialport/stream';
import type { DeviceStatus } from '../device';
import { DeviceHistory, type RecordingLogger } from '../diagnosis';
import { monotonicNow } from '../monotonic';
import { openSerialPort, type SerialBinding, type SerialOptions } from '../serial/serial-port';
import { describeScan } from './scan-summary';
import type { Scanner, ScannerDiagnosis } from './scanner';

export interface LineScannerOptions {
  port: SerialOptions;
  binding?: SerialBinding;
  /** The same text read again within this window is one scan. */
  debounceMs?: number;
  maxLength?: number;
  reconnectMs?: number;
  /** Times the debounce window (default: the monotonic clock). */
  monotonic?: () => number;
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class LineScanner
  extends EventEmitter<{ scan: [string]; status: [DeviceStatus] }>
  implements Scanner
{
  private port: SerialPortStream | null = null;
  private buffer = '';
  private last: { text: string; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly history = new DeviceHistory(['scans', 'debounced', 'overLong']);
  /** Logs, and records every warning as an event (the messages never carry a scan). */
  private readonly log: RecordingLogger;
  status: DeviceStatus = 'offline';
  detail: string | null = 'not started';

  constructor(private readonly o: LineScannerOptions) {
    super();
    this.log = this.history.logger(o.logger);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.history.started();
    await this.open();
  }

  diagnose(): ScannerDiagnosis {
    return {
      kind: 'scanner',
      driver: 'serial-line',
      port: this.o.port.path,
      // A scanner in line mode sends scans and nothing else: it never says what it is.
      model: null,
      firmware: null,
      status: this.status,
      detail: this.detail,
      counters: this.history.counters(),
      events: this.history.events.list(),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private async open(): Promise<void> {
    try {
      const port = await openSerialPort(this.o.port, this.o.binding);
      if (this.stopped) {
        port.close();
        return;
      }
      this.port = port;
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      port.on('close', () => this.lost('port closed'));
      port.on('error', (err: Error) => this.lost(err.message));
      this.setStatus('online', null);
    } catch (err) {
      this.lost((err as Error).message);
    }
  }

  private lost(reason: string): void {
    this.port = null;
    if (this.stopped) return;
    this.setStatus('offline', reason);
    this.log.warn({ reason }, 'scanner: port lost, reopening');
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.open(), this.o.reconnectMs ?? 2000);
    this.timer.unref?.();
  }

  private setStatus(s: DeviceStatus, detail: string | null): void {
    this.detail = detail;
    this.history.status(s, detail);
    if (s === this.status) return;
    this.status = s;
    this.emit('status', s);
  }

  private onData(chunk: Buffer): void {
    const max = this.o.maxLength ?? 512;
    this.buffer += chunk.toString('latin1');
    const parts = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = parts.pop() ?? '';
    if (this.buffer.length > max) {
      this.history.count('overLong');
      this.log.warn({ length: this.buffer.length }, 'scanner: over-long read dropped');
      this.buffer = '';
    }
    for (const raw of parts) this.onLine(Buffer.from(raw, 'latin1').toString('utf8').trim(), max);
  }

  private onLine(text: string, max: number): void {
    if (text.length === 0) return;
    if (text.length > max) {
      this.history.count('overLong');
      this.log.warn({ length: text.length }, 'scanner: over-long read dropped');
      return;
    }
    const now = (this.o.monotonic ?? monotonicNow)();
    if (this.last && this.last.text === text && now - this.last.at < (this.o.debounceMs ?? 1500)) {
      this.history.count('debounced');
      return;
    }
    this.last = { text, at: now };
    this.history.count('scans');
    this.history.info(`scan read: ${describeScan(text)}`);
    this.emit('scan', text);
  }
}
