// The kiosk's configuration: one JSON file plus environment overrides, checked by this schema.
// Every device names its driver and its port, so a real device or an external emulator on a pty
// attaches by editing config, not code. Ports of the form sim://NAME are served by in-process
// emulators and only exist when the simulator launcher (sim/launch.ts) starts the host.
import { z } from 'zod';
import { CommunityConfig } from '../community';
import {
  DEFAULT_FRONT_PANEL,
  FRONT_PARTS,
  frontPanelProblem,
  type FrontPanel,
} from '../api/front-panel';
import { CardDirectoryConfig } from '../service/card-directory';
import { PeopleConfig } from '../service/people';
import { secretProblem } from './secret-strength';

const Port = z.number().int().min(0).max(65535);

const SerialDevice = z
  .object({
    driver: z.string().min(1),
    /** Serial device path (/dev/ttyUSB0, a pty link) or sim://NAME for an in-process emulator. */
    port: z.string().min(1),
    pollIntervalMs: z.number().int().min(100).max(200).default(200),
  })
  .strict();

/** The acceptor's protocol picks the driver (and its line: ID-003 9600 8E1, SSP 9600 8N2). */
export const BillAcceptorConfig = SerialDevice.extend({
  driver: z.enum(['id003', 'ssp']),
  // 100–200 ms on hardware; an emulator on a pty may be polled faster (the crash tests do).
  pollIntervalMs: z.number().int().min(10).max(200).default(200),
}).strict();
export type BillAcceptorConfig = z.infer<typeof BillAcceptorConfig>;
/**
 * A QR/barcode scanner: USB-serial line mode (a serial port), or HID POS through node-hid, named
 * `usb:VVVV:PPPP` (vendor and product id, hex), a hidraw path, or sim://NAME.
 */
export const ScannerConfig = z.discriminatedUnion('driver', [
  SerialDevice.extend({ driver: z.literal('serial-line') }).strict(),
  z
    .object({
      driver: z.literal('hid-pos'),
      port: z
        .string()
        .regex(
          /^(usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}|\/dev\/\S+|sim:\/\/\S+)$/,
          'usb:VVVV:PPPP, a /dev path or sim://NAME',
        ),
      /** Honeywell scanners answer only after feature report FE 01. */
      honeywell: z.boolean().default(false),
    })
    .strict(),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;

/**
 * A PC/SC card reader for account cards (`cards`) and the cards of the people listed under
 * `people`. `reader`: use the first reader whose name contains this (default: the first one),
 * or sim://NAME for the emulator.
 */
export const CardReaderConfig = z
  .object({
    driver: z.literal('pcsc'),
    reader: z.string().min(1).optional(),
    retryMs: z.number().int().min(100).max(60_000).default(2_000),
    cards: CardDirectoryConfig,
  })
  .strict();
export type CardReaderConfig = z.infer<typeof CardReaderConfig>;

/** An ESC/POS receipt printer on a serial line (USB printers show up as a serial port too). */
export const PrinterConfig = z
  .object({
    driver: z.enum(['escpos']),
    /** A serial line (USB-serial included), or a USB printer class device (Linux usblp). */
    transport: z.enum(['serial', 'usblp']).default('serial'),
    /** The serial device, or for usblp the character device, e.g. /dev/usb/lp0. */
    port: z.string().min(1),
    /** Paper roll width in mm. */
    paper: z.union([z.literal(58), z.literal(80)]).default(80),
    /** Serial only; usblp has no line speed. */
    baudRate: z.number().int().min(1200).max(921_600).default(9600),
    /** Status read while idle, so an empty roll is known before a customer pays. */
    pollIntervalMs: z.number().int().min(500).max(60_000).default(5_000),
  })
  .strict();
export type PrinterConfig = z.infer<typeof PrinterConfig>;

/**
 * Where the note slot, the scanner window and the receipt slot are on this model of terminal:
 * each side of the screen lists its parts in order (top to bottom beside it, left to right below
 * it), every part on exactly one side. The screens draw the terminal's front from it, so a
 * resident is shown where to put her notes, hold her code and take her receipt.
 */
const FrontParts = z.array(z.enum(FRONT_PARTS)).max(FRONT_PARTS.length).default([]);
export const FrontPanelConfig = z
  .object({ left: FrontParts, right: FrontParts, below: FrontParts })
  .strict()
  .superRefine((panel, ctx) => {
    const problem = frontPanelProblem(panel);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .default(() => structuredClone(DEFAULT_FRONT_PANEL) satisfies FrontPanel);

const TerminalId = z
  .string()
  .regex(/^[A-Z0-9-]{4,32}$/, 'terminal id: capitals, digits and dashes');

/** The HMAC secret that signs every gateway request: random, never a placeholder. */
export const TerminalSecret = z
  .string()
  .max(1024)
  .superRefine((secret, ctx) => {
    const problem = secretProblem(secret);
    if (problem) ctx.addIssue({ code: 'custom', message: `the secret ${problem}` });
  });

/**
 * The terminal in a config file: its secret inline, or (in production) in a file the installer
 * provisions, readable by the kiosk's user only (load-config.ts reads and checks it).
 */
const TerminalInFile = z
  .object({
    id: TerminalId,
    secret: TerminalSecret.optional(),
    secretFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((t) => (t.secret === undefined) !== (t.secretFile === undefined), {
    message: 'give exactly one of secret and secretFile',
  });

/** The terminal as the host runs with it: the secret itself. */
const Terminal = z.object({ id: TerminalId, secret: TerminalSecret }).strict();

/** Zod runs every check of a value, so those after z.url() meet unparsable text too. */
const urlOf = (text: string): URL | null => (URL.canParse(text) ? new URL(text) : null);

const GatewayUrl = z.url().superRefine((text, ctx) => {
  const url = urlOf(text);
  const problem = !url
    ? null
    : !['http:', 'https:'].includes(url.protocol)
      ? 'must be https://'
      : url.username || url.password
        ? 'must hold no credentials'
        : url.search || url.hash
          ? 'must have no query or fragment'
          : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const GatewayConfig = z
  .object({
    /** https:// (a path prefix is kept: https://host/collect/ → https://host/collect/v1/…). */
    baseUrl: GatewayUrl,
    timeoutMs: z.number().int().min(100).max(60_000).default(8_000),
    /** PEM of the CA that signs the gateway's certificate; when set, only it is trusted. */
    caFile: z.string().min(1).optional(),
    /** PEM client certificate and its key (0600) for mutual TLS; both or neither. */
    clientCertFile: z.string().min(1).optional(),
    clientKeyFile: z.string().min(1).optional(),
    /** The longest Retry-After the kiosk honours (a gateway saying "in a year" waits this). */
    maxRetryAfterMs: z.number().int().min(1_000).max(86_400_000).default(900_000),
    /**
     * A lab terminal against the gateway simulator over plain http (loopback only): replies are
     * then unauthenticated and payment codes travel in clear. The host warns at every start.
     */
    labPlainHttp: z.boolean().default(false),
  })
  .strict()
  .refine((g) => (g.clientCertFile === undefined) === (g.clientKeyFile === undefined), {
    message: 'give both clientCertFile and clientKeyFile, or neither',
  });
export type GatewayConfig = z.infer<typeof GatewayConfig>;

/** Words residents read: one line, no control characters. */
const Words = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}]*$/u, 'one line of text without control characters');
const LocalizedWords = z.object({ 'zh-CN': Words, en: Words }).strict();

/**
 * Where the terminal stands, as residents are told: the nearest service hall (营业厅), where
 * an account the kiosk cannot take (locked, or nothing due) is dealt with.
 */
export const SiteConfig = z
  .object({
    serviceHall: z
      .object({ name: LocalizedWords, address: LocalizedWords, hours: LocalizedWords.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type SiteConfig = z.infer<typeof SiteConfig>;

const sections = {
  gateway: GatewayConfig,
  site: SiteConfig.prefault({}),
  /**
   * Committee staff and technicians: staff number, name, role and optionally a card. They enter
   * their modes with card + PIN or staff number + PIN; PINs live hashed in the journal, never
   * here (src/service/README.md).
   */
  people: PeopleConfig,
  server: z
    .object({
      host: z.literal('127.0.0.1').default('127.0.0.1'),
      port: Port.default(8730),
      /**
       * The host leaves a one-time launch ticket here for the kiosk's browser, which opens
       * http://127.0.0.1:PORT/?launch=TICKET (deploy/): only that page may drive the kiosk.
       */
      launchTicketFile: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  journal: z.object({ path: z.string().min(1) }).strict(),
  logging: z
    .object({
      dir: z.string().min(1),
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
      /** Rotate when a file reaches this size; keep this many rotated files. */
      maxSize: z
        .string()
        .regex(/^\d+[KMG]$/)
        .default('10M'),
      maxFiles: z.number().int().min(1).max(100).default(10),
    })
    .strict(),
  devices: z
    .object({
      billAcceptor: BillAcceptorConfig,
      scanner: ScannerConfig.optional(),
      printer: PrinterConfig.optional(),
      cardReader: CardReaderConfig.optional(),
    })
    .strict(),
  receipts: z
    .object({
      /**
       * The receipt QR links here with the payment's serial (and the biller's transaction id):
       * the operator's page where a resident or staff can check a payment.
       */
      verifyBaseUrl: z.url().default('https://verify.example/r'),
    })
    .strict()
    .prefault({}),
  frontPanel: FrontPanelConfig,
  /** Texts an operator may replace without a rebuild (see content/README.md). */
  content: z
    .object({ infoDir: z.string().min(1).optional() })
    .strict()
    .prefault({}),
  session: z
    .object({
      /** How long the write-off screen waits before showing "payment pending sync". */
      writeOffWaitMs: z.number().int().min(1_000).max(120_000).default(15_000),
      /** The thank-you screen returns to attract after this long. */
      doneScreenMs: z.number().int().min(5_000).max(600_000).default(60_000),
      /**
       * A customer who stopped short of the amount due and walked away: after this long staff
       * are called and the screen holds for them (never the next customer's). The money taken
       * is settled (part payment or refund slip) only when a person asks, never dropped.
       */
      partialCashWaitMs: z.number().int().min(10_000).max(600_000).default(120_000),
      /** Quiet time before "need more time?" (R7: 90 s), and the time given to answer (≥ 30 s). */
      inactivityMs: z.number().int().min(5_000).max(600_000).default(90_000),
      moreTimeAnswerMs: z.number().int().min(30_000).max(300_000).default(30_000),
      /** A wallet confirming a QR payment is asked this often, for at most qrGiveUpMs. */
      qrPollMs: z.number().int().min(500).max(10_000).default(3_000),
      qrGiveUpMs: z.number().int().min(10_000).max(300_000).default(60_000),
    })
    .strict()
    .prefault({}),
  /** Caps on write-offs waiting for the gateway, per biller; past one, that biller pauses. */
  queue: z
    .object({
      maxPendingCount: z.number().int().min(1).max(10_000).default(20),
      /** Fen. */
      maxPendingTotal: z.number().int().min(1).default(500_000),
      maxPendingAgeMinutes: z.number().int().min(1).max(4320).default(1440),
    })
    .strict()
    .prefault({}),
  /** Background jobs: the fleet heartbeat and the daily reconciliation check. */
  jobs: z
    .object({
      heartbeatMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
      reconciliationMs: z.number().int().min(1_000).max(86_400_000).default(3_600_000),
    })
    .strict()
    .prefault({}),
  /** The technician's tools (src/service/README.md). */
  service: z
    .object({
      /**
       * Where the diagnostic bundle is written: a folder on the technician's removable drive
       * (its mount point, e.g. /media/kiosk-usb). Unset: the kiosk writes no bundle.
       */
      bundleDir: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  /** The community service point (src/community/README.md); optional. */
  community: CommunityConfig.optional(),
  /** Used only by the simulator launcher; the production host ignores it. */
  simulation: z
    .object({
      gateway: z
        .object({ port: Port, dbPath: z.string().min(1) })
        .strict()
        .optional(),
      devPanel: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
};

/** Plain http only to a loopback simulator, and only when the config says so. */
function gatewayTransportRules(
  c: { gateway: GatewayConfig; simulation: { gateway?: unknown } },
  ctx: z.RefinementCtx,
): void {
  const url = urlOf(c.gateway.baseUrl);
  if (url?.protocol !== 'http:') return;
  const issue = (key: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['gateway', key], message });
  if (!c.gateway.labPlainHttp && !c.simulation.gateway) {
    issue(
      'baseUrl',
      'must be https:// (plain http only to a loopback simulator: gateway.labPlainHttp or simulation.gateway)',
    );
  } else if (!isLoopback(url.hostname)) {
    issue('baseUrl', 'plain http:// only to a loopback address (127.0.0.1, ::1, localhost)');
  }
  for (const key of ['caFile', 'clientCertFile'] as const) {
    if (c.gateway[key] !== undefined) issue(key, 'needs an https:// baseUrl');
  }
}

/** A card is an account's or a person's, never both. */
function cardRules(
  c: { people: PeopleConfig; devices: { cardReader?: CardReaderConfig | undefined } },
  ctx: z.RefinementCtx,
): void {
  const accounts = new Set((c.devices.cardReader?.cards ?? []).map((card) => card.uid));
  c.people.forEach((person, i) => {
    if (person.cardUid !== undefined && accounts.has(person.cardUid))
      ctx.addIssue({
        code: 'custom',
        path: ['people', i, 'cardUid'],
        message: `card ${person.cardUid} is also an account card`,
      });
  });
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The configuration the host runs with. */
export const KioskConfig = z
  .object({ terminal: Terminal, ...sections })
  .strict()
  .superRefine(gatewayTransportRules)
  .superRefine(cardRules);

/** A config file as written: the same, with the secret inline or in terminal.secretFile. */
export const KioskConfigFile = z
  .object({ terminal: TerminalInFile, ...sections })
  .strict()
  .superRefine(gatewayTransportRules)
  .superRefine(cardRules);
export type KioskConfigFile = z.infer<typeof KioskConfigFile>;

export type KioskConfig = z.infer<typeof KioskConfig>;

/** Every device's address (serial path, usb:VVVV:PPPP, reader name or sim://NAME), by key. */
export function deviceAddresses(config: KioskConfig): { name: string; address: string }[] {
  const out: { name: string; address: string }[] = [];
  for (const [name, device] of Object.entries(config.devices)) {
    if (!device) continue;
    const address = 'port' in device ? device.port : device.reader;
    if (address) out.push({ name, address });
  }
  return out;
}
