// A card in vsmartcard's virtual reader (vpcd, Debian `vsmartcard-vpcd`): pcscd loads vpcd as a
// reader driver that listens on a TCP port, and a card is "inserted" by connecting to it. This
// plays the card side (what vpicc does), so the real pcscd + pcsclite stack reads our UID:
// each message is a 2-byte big-endian length and a payload; a 1-byte payload is a control
// (0 off, 1 on, 2 reset, 4 ATR?), any other is an APDU to answer.
import { connect, type Socket } from 'node:net';
import { EmulatedCard, type EmulatedCardOptions } from './card-reader-emulator';

const CTRL_ATR = 4;

export class VpcdCard {
  readonly card: EmulatedCard;
  private socket: Socket | null = null;
  private buffer = Buffer.alloc(0);

  constructor(options: EmulatedCardOptions) {
    this.card = new EmulatedCard(options);
  }

  /** Puts the card in the reader listening on `port`; resolves once connected. */
  insert(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve());
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
      this.socket = socket;
    });
  }

  /** Takes the card away. */
  remove(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => socket.end(() => resolve()));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) return;
      const message = this.buffer.subarray(2, 2 + length);
      this.buffer = this.buffer.subarray(2 + length);
      if (length === 1) {
        if (message[0] === CTRL_ATR) this.send(this.card.atr);
      } else this.send(this.card.respond(message));
    }
  }

  private send(payload: Buffer): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || socket.writableEnded) return;
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    socket.write(Buffer.concat([header, payload]));
  }
}
