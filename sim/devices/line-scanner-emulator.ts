// A USB-serial line-mode scanner: sends each scanned text followed by CR LF, as real ones do
// in their default configuration. The host never writes to it.
export class LineScannerEmulator {
  private readonly transmitters = new Set<(bytes: Buffer) => void>();

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    this.transmitters.add(cb);
    return () => this.transmitters.delete(cb);
  }

  receive(_bytes: Buffer): void {
    // Line-mode scanners take no commands.
  }

  /** "Scans" a code; `chunks` splits the bytes as a slow USB-serial bridge might. */
  scan(text: string, chunks = 1): void {
    const bytes = Buffer.from(`${text}\r\n`, 'utf8');
    const size = Math.ceil(bytes.length / chunks);
    for (let i = 0; i < bytes.length; i += size) this.sendRaw(bytes.subarray(i, i + size));
  }

  /** Puts raw bytes on the line (other terminators, noise) for fault scenarios. */
  sendRaw(bytes: Buffer | string): void {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    for (const t of this.transmitters) t(buf);
  }
}
