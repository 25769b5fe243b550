// The one place drivers open a serial port. The binding is injectable so the host can run every
// driver against in-process emulators (sim/devices/emulator-binding.ts) through the real stack.
import { SerialPortStream } from '@serialport/stream';
// bindings-interface's `exports` map has no `types` condition, so under moduleResolution
// Bundler its declarations (and every @serialport type built on them) resolve to `any`. The
// `require` resolution mode reaches dist/index.d.ts; the import is type-only, erased at runtime.
import type { BindingInterface } from '@serialport/bindings-interface' with {
  'resolution-mode': 'require',
};

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/** The serialport binding interface (bindings-cpp on hardware, an emulator binding in tests). */
export type SerialBinding = BindingInterface;

/** The platform binding. `serialport` exports bindings-cpp's `autoDetect()` result; it is loaded
 * lazily so emulator-only runs never load the native addon. */
async function platformBinding(): Promise<SerialBinding> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}

/** Opens the port; resolves once it is open, rejects with an Error naming the path. */
export async function openSerialPort(
  opts: SerialOptions,
  binding?: SerialBinding,
): Promise<SerialPortStream> {
  let chosen: SerialBinding;
  try {
    chosen = binding ?? (await platformBinding());
  } catch (err) {
    throw new Error(`serial port ${opts.path}: no serial binding available`, { cause: err });
  }
  const { path, baudRate, dataBits, parity, stopBits } = opts;
  const port = new SerialPortStream({
    binding: chosen,
    path,
    baudRate,
    dataBits,
    parity,
    stopBits,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err)
        reject(new Error(`serial port ${path}: cannot open: ${err.message}`, { cause: err }));
      else resolve();
    });
  });
  return port;
}
