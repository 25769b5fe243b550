// The application receipt (受理回执) of a community service: no money. Accepted: the tracking
// code the gateway gave, by which she follows its progress. Accepted for later (pending): the
// gateway could not be reached yet; it says so plainly, with the serial, and the gateway sends
// the tracking code by SMS once it has it. Either way the QR names the application
// (KIOSK-APP:<serial>): held to a kiosk's scanner, it shows the progress.
import { shanghaiLocal } from '../time/shanghai';
import type { ReceiptLayout } from './layout';
import {
  label,
  markBlocks,
  noteBlocks,
  titleBlocks,
  type ReceiptLanguage,
  type Words,
} from './words';

const A = {
  title: { zh: '社区服务受理回执', en: 'Application receipt' },
  pendingMark: { zh: '已收下，待提交', en: 'Accepted for later' },
  service: { zh: '办理业务', en: 'Service' },
  terminal: { zh: '终端编号', en: 'Terminal' },
  time: { zh: '申请时间', en: 'Time' },
  trackingCode: { zh: '受理编号', en: 'Tracking code' },
  serial: { zh: '申请流水号', en: 'Serial' },
  acceptedNote: {
    zh: '凭受理编号和手机号后四位，或扫描下面的二维码，可以查询办理进度。',
    en: 'Follow its progress with the tracking code and the last four digits of your mobile, or by scanning the code below.',
  },
  pendingNote: {
    zh: '网络暂时不通，申请已保存在本机，会自动提交，不用再来办理。受理编号会用短信发给您；也可以扫描下面的二维码查询。',
    en: 'The network is down for now: your application is kept at this kiosk and will be sent by itself, so you need not come again. The tracking code will come by text message; you can also scan the code below.',
  },
  qr: { zh: '扫码查询办理进度', en: 'Scan to see the progress' },
} as const satisfies Record<string, Words>;

export interface ApplicationReceiptInput {
  terminalId: string;
  /** Epoch ms of the submission; printed in Shanghai time. */
  at: number;
  /** The service's name in Chinese, and in English for a bilingual receipt. */
  service: { zh: string; en: string };
  state: 'accepted' | 'pending';
  serial: string;
  trackingCode: string | null;
  qr: string;
  lang: ReceiptLanguage;
}

export function applicationReceipt(r: ApplicationReceiptInput): ReceiptLayout {
  const { lang } = r;
  const accepted = r.state === 'accepted' && r.trackingCode !== null;
  return {
    kind: 'application',
    copy: false,
    blocks: [
      ...titleBlocks(A.title, lang),
      ...(accepted ? [] : markBlocks(A.pendingMark, lang)),
      { kind: 'row', label: label(A.service, lang), value: label(r.service, lang) },
      { kind: 'row', label: label(A.terminal, lang), value: r.terminalId },
      { kind: 'row', label: label(A.time, lang), value: shanghaiLocal(r.at) },
      { kind: 'separator' },
      ...(accepted
        ? [
            {
              kind: 'row' as const,
              label: label(A.trackingCode, lang),
              value: r.trackingCode ?? '',
            },
          ]
        : []),
      { kind: 'row', label: label(A.serial, lang), value: r.serial },
      ...noteBlocks(accepted ? A.acceptedNote : A.pendingNote, lang),
      { kind: 'qr', caption: label(A.qr, lang), data: r.qr },
    ],
  };
}
