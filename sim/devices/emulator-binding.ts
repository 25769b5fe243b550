// An in-process serialport binding whose ports are emulators: the driver under test runs over
// the real SerialPortStream, and only the wire is simulated. Built on binding-mock, which has
// no device side of its own (serialport issue #2734): we feed its writes to the emulator and
// push the emulator's replies in with emitData.
import { createRequire } from 'node:module';
import type { BindingInterface, BindingPortInterface } from '@serialport/bindings-interface' with {
  'resolution-mode': 'require',
};
import type { SerialBinding } from '../../drivers/serial/serial-port';

// The part of binding-mock 10.2.2 used here. Its `exports` map has no `types` condition, so
// under moduleResolution Bundler TypeScript cannot see its declarations (nor the
// bindings-interface ones they extend); this is the same API, written out.
interface MockPortBinding extends BindingPortInterface {
  emitData(data: Buffer): void;
}
interface MockBindingApi extends BindingInterface<MockPortBinding> {
  createPort(path: string, options: { echo: boolean; record: boolean }): void;
}
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as {
  MockBinding: MockBindingApi;
};

export interface EmulatedDevice {
  receive(bytes: Buffer): void;
  onTransmit(cb: (bytes: Buffer) => void): void;
}

/** `emulators` maps port paths (e.g. 'sim://bill-acceptor') to the device on the far end. */
export function createEmulatorBinding(emulators: Record<string, EmulatedDevice>): SerialBinding {
  const openPorts = new Map<string, MockPortBinding>();

  for (const [path, device] of Object.entries(emulators)) {
    MockBinding.createPort(path, { echo: false, record: false });
    device.onTransmit((bytes) => {
      const port = openPorts.get(path);
      // Replies arrive a moment later, as on a wire; with the port closed they are lost.
      setImmediate(() => {
        if (port?.isOpen && openPorts.get(path) === port) port.emitData(Buffer.from(bytes));
      });
    });
  }

  return {
    list: () => MockBinding.list(),
    async open(options) {
      const device = emulators[options.path];
      if (!device) throw new Error(`no emulator at ${options.path}`);
      const port = await MockBinding.open(options);
      const write = port.write.bind(port);
      const close = port.close.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        device.receive(Buffer.from(buffer));
      };
      port.close = async () => {
        if (openPorts.get(options.path) === port) openPorts.delete(options.path);
        await close();
      };
      openPorts.set(options.path, port);
      return port;
    },
  };
}
