// The config picks the acceptor driver and its serial line: the factory builds the right class
// and the port it opens has that protocol's line settings.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';
import { SspBillAcceptor } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import { ConfigError, loadConfig } from '../../src/config/load-config';
import { BillAcceptorConfig } from '../../src/config/schema';
import { createBillAcceptor } from '../../src/host/bill-acceptor-factory';

/** A binding that records what the driver asks to open, and has no device behind it. */
function recordingBinding() {
  const opened: Record<string, unknown>[] = [];
  const binding: SerialBinding = {
    list: async () => [],
    open: async (options) => {
      opened.push({ ...options });
      throw new Error('nothing on this port');
    },
  };
  return { binding, opened };
}

async function openedLine(driver: 'id003' | 'ssp') {
  const { binding, opened } = recordingBinding();
  const cfg = BillAcceptorConfig.parse({ driver, port: '/dev/ttyUSB7', pollIntervalMs: 20 });
  const acceptor = createBillAcceptor(cfg, { binding });
  await acceptor.start();
  await acceptor.stop();
  return { acceptor, opened };
}

describe('the bill acceptor factory', () => {
  it('builds the ID-003 driver on 9600 8E1', async () => {
    const { acceptor, opened } = await openedLine('id003');
    expect(acceptor).toBeInstanceOf(Id003BillAcceptor);
    expect(opened[0]).toMatchObject({
      path: '/dev/ttyUSB7',
      baudRate: 9600,
      dataBits: 8,
      parity: 'even',
      stopBits: 1,
    });
    expect(acceptor.status.device).toBe('offline');
  });

  it('builds the SSP driver on 9600 8N2', async () => {
    const { acceptor, opened } = await openedLine('ssp');
    expect(acceptor).toBeInstanceOf(SspBillAcceptor);
    expect(opened[0]).toMatchObject({
      path: '/dev/ttyUSB7',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 2,
    });
    expect(acceptor.status.device).toBe('offline');
  });

  it('is chosen by config: a driver override by variable, an unknown one a config error', () => {
    const example = path.resolve(import.meta.dirname, '../../config/kiosk.lab.json');
    const env = { KIOSK_DEVICES__BILL_ACCEPTOR__DRIVER: 'ssp' };
    expect(loadConfig(example, env).devices.billAcceptor.driver).toBe('ssp');
    const bad = () => loadConfig(example, { KIOSK_DEVICES__BILL_ACCEPTOR__DRIVER: 'mdb' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(
      /^config error at devices\.billAcceptor\.driver: .*"id003"\|"ssp".*\(from KIOSK_DEVICES__BILL_ACCEPTOR__DRIVER\)$/,
    );
  });

  it('refuses a driver the schema does not know, naming the key', () => {
    const cfg = { driver: 'mdb', port: '/dev/ttyUSB0', pollIntervalMs: 200 };
    expect(BillAcceptorConfig.safeParse(cfg).success).toBe(false);
    expect(() => createBillAcceptor(cfg as unknown as BillAcceptorConfig)).toThrow(
      /devices\.billAcceptor\.driver "mdb": no such driver \(id003, ssp\)/,
    );
  });
});
