// The icons of the resident's screens, from Lucide (lucide-react, ISC): a maintained open set,
// one file per icon so that only these reach the bundle (P6; the lint bars the package's index).
// Icons stand next to words, so they are aria-hidden (Lucide's default without a label).
import type { BillerKind, FrontPart } from '../../src/api/kiosk-api';
import Banknote from 'lucide-react/icons/banknote';
import ClipboardPen from 'lucide-react/icons/clipboard-pen';
import FileSearch from 'lucide-react/icons/file-search';
import BookOpen from 'lucide-react/icons/book-open';
import CircleAlert from 'lucide-react/icons/circle-alert';
import CircleCheckBig from 'lucide-react/icons/circle-check-big';
import CircleX from 'lucide-react/icons/circle-x';
import Droplet from 'lucide-react/icons/droplet';
import Flame from 'lucide-react/icons/flame';
import Headset from 'lucide-react/icons/headset';
import Hourglass from 'lucide-react/icons/hourglass';
import Info from 'lucide-react/icons/info';
import Phone from 'lucide-react/icons/phone';
import QrCode from 'lucide-react/icons/qr-code';
import ReceiptText from 'lucide-react/icons/receipt-text';
import ScanQrCode from 'lucide-react/icons/scan-qr-code';
import ShieldCheck from 'lucide-react/icons/shield-check';
import Smartphone from 'lucide-react/icons/smartphone';
import TriangleAlert from 'lucide-react/icons/triangle-alert';
import Tv from 'lucide-react/icons/tv';
import Zap from 'lucide-react/icons/zap';

/** Every Lucide icon has this type. */
export type Icon = typeof Zap;

/** One icon per biller kind: a new kind without an icon fails the typecheck. */
export const BILLER_ICONS: Record<BillerKind, Icon> = {
  electricity: Zap,
  water: Droplet,
  gas: Flame,
  telecom: Phone,
  cabletv: Tv,
};

/** The services a resident picks or is sent to. */
export const SERVICE_ICONS = {
  cash: Banknote,
  qr: QrCode,
  phone: Smartphone,
  info: BookOpen,
  help: Headset,
  receipt: ReceiptText,
  /** The service point: apply for a service, follow an application. */
  apply: ClipboardPen,
  progress: FileSearch,
} as const satisfies Record<string, Icon>;

/** The parts of the terminal's front, as TerminalFront draws them. */
export const FRONT_ICONS: Record<FrontPart, Icon> = {
  notes: Banknote,
  scanner: ScanQrCode,
  receipt: ReceiptText,
};

/** The pictograms of a state: what happened, in one glance (with the words beside it). */
export const TONE_ICONS = {
  success: CircleCheckBig,
  safe: ShieldCheck,
  failure: CircleX,
  /** A problem explained: the step cannot go on. */
  attention: CircleAlert,
  warning: TriangleAlert,
  info: Info,
  wait: Hourglass,
  help: Headset,
} as const satisfies Record<string, Icon>;
export type Tone = keyof typeof TONE_ICONS;
