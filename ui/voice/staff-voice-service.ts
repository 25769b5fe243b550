// What the technician's screens say after their title: the devices with a fault (or that none
// has one), the running test's instruction, the gateway check, the kiosk in or out of service
// and its paper; then the choices. Never a scanned text, a card number or a bundle's checksum.
import type { DeviceView, StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { OUT_OF_SERVICE_REASON } from '../screens/out-of-service-reason';
import {
  DEVICE_KIND,
  deviceStatusWords,
  PRINTER_STATE,
  TEST_HINT,
  TEST_PROBLEM,
  toolWords,
} from '../staff/staff-words';
import type { Part } from './screen-voice';
import { choices } from './staff-voice-parts';

type View<N extends StaffView['name']> = Extract<StaffView, { name: N }>;

/** Statuses that are no fault: working, or busy working. */
const WELL: readonly string[] = ['online', 'busy'];

/** The devices whose driver reports a fault, in the order the screen lists them. */
export function faultyDevices(devices: readonly DeviceView[]): DeviceView[] {
  return devices.filter((d) => !WELL.includes(d.status));
}

export function diagnosticsVoice(t: Translator, v: View<'diagnostics'>): Part[] {
  const faulty = faultyDevices(v.devices).map((d) =>
    t('voiceDiagDevice', {
      device: t(DEVICE_KIND[d.kind]),
      status: deviceStatusWords(t, d.status),
    }),
  );
  const running = v.tests.running;
  const focus = v.focus;
  return [
    focus && t(DEVICE_KIND[focus]),
    faulty.length > 0 ? t('voiceDiagFaults', { devices: t.list(faulty) }) : t('voiceDiagNoFault'),
    v.lastTool && toolWords(t, v.lastTool),
    v.tests.problem && t(TEST_PROBLEM[v.tests.problem]),
    running && t(TEST_HINT[running]),
    running
      ? choices(t, [t('diagTestStop')])
      : choices(t, [
          t('toolTestPage'),
          t('toolGateway'),
          t('toolBundle'),
          ...(focus === null
            ? [
                t('diagTestAcceptor'),
                t('diagTestScanner'),
                t('diagTestCard'),
                t('diagTestVoice'),
                t('diagTestTouch'),
              ]
            : [t('diagBackToAll')]),
        ]),
  ];
}

export function serviceStateVoice(t: Translator, v: View<'serviceState'>): Part[] {
  const reasons = Object.keys(OUT_OF_SERVICE_REASON) as (keyof typeof OUT_OF_SERVICE_REASON)[];
  return [
    v.inService
      ? t('serviceInService')
      : t('serviceOutOfService', { reason: v.reason ? t(OUT_OF_SERVICE_REASON[v.reason]) : '' }),
    t('servicePrinter', { state: t(PRINTER_STATE[v.printer]) }),
    v.lastTool && toolWords(t, v.lastTool),
    choices(t, [
      ...(v.inService
        ? reasons.map((r) => t('serviceTakeOut', { reason: t(OUT_OF_SERVICE_REASON[r]) }))
        : [t('serviceBackIn')]),
      t('toolPaperReplaced'),
    ]),
  ];
}
