// Builds the scanner and the card reader the config names. Like the acceptor and the printer,
// a real device or an emulator attaches by config alone: sim:// addresses get the simulator's
// in-process stand-ins through the host's seams.
import { CardDirectory } from '../service/card-directory';
import { PcscCardReader, type CardReader, type PcscFactory } from '../../drivers/card-reader';
import {
  HidPosScanner,
  LineScanner,
  type HidOpener,
  type HidTarget,
  type Scanner,
} from '../../drivers/scanner';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import type { CardReaderConfig, ScannerConfig } from '../config/schema';
import type { PeopleConfig } from '../service/people';

type DeviceLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export interface InputDeviceSeams {
  binding?: SerialBinding | undefined;
  hid?: HidOpener | undefined;
  pcsc?: PcscFactory | undefined;
  logger?: DeviceLog;
}

/** usb:0c2e:0b61 → vendor/product ids; anything else is a hidraw path (or a sim:// name). */
export function hidTarget(port: string): HidTarget {
  const m = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(port);
  return m
    ? { vendorId: parseInt(m[1] ?? '', 16), productId: parseInt(m[2] ?? '', 16) }
    : { path: port };
}

export function createScanner(cfg: ScannerConfig, seams: InputDeviceSeams = {}): Scanner {
  if (cfg.driver === 'hid-pos') {
    return new HidPosScanner({
      device: hidTarget(cfg.port),
      honeywell: cfg.honeywell,
      ...(seams.hid ? { open: seams.hid } : {}),
      ...(seams.logger ? { logger: seams.logger } : {}),
    });
  }
  return new LineScanner({
    port: { path: cfg.port, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    ...(seams.binding ? { binding: seams.binding } : {}),
    ...(seams.logger ? { logger: seams.logger } : {}),
  });
}

export interface CardInput {
  reader: CardReader;
  directory: CardDirectory;
}

/** The reader, and whose each card is: the account cards of its config and the people's cards. */
export function createCardReader(
  cfg: CardReaderConfig,
  people: PeopleConfig,
  seams: InputDeviceSeams = {},
): CardInput {
  const simulated = cfg.reader?.startsWith('sim://') === true;
  const reader = new PcscCardReader({
    retryMs: cfg.retryMs,
    ...(cfg.reader && !simulated ? { readerName: cfg.reader } : {}),
    ...(seams.pcsc ? { pcsc: seams.pcsc } : {}),
    ...(seams.logger ? { logger: seams.logger } : {}),
  });
  return { reader, directory: new CardDirectory(cfg.cards, people) };
}
