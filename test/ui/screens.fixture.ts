// One example of every Screen variant (the mapped type makes a new variant a compile error
// here until it has an example) and a snapshot around any of them.
import { ELECTRICITY as power } from '../../sim/gallery/fixture-data';
import { APPLICATION_EXAMPLES } from '../../sim/gallery/application-fixtures';
import { BASE } from '../../sim/gallery/fixtures';
import type { Screen, ScreenName, Snapshot } from '../../src/api/kiosk-api';

const receipt = {
  receiptLines: ['户号 3100123456'],
  printed: true,
  eReceiptUrl: null,
  copyAsked: false,
};

export const SCREENS: { [N in ScreenName]: Extract<Screen, { name: N }> } = {
  ...APPLICATION_EXAMPLES,
  serviceHome: { name: 'serviceHome' },
  progressEntry: { name: 'progressEntry', step: 'code', code: 'K7QH', last4: '', problem: null },
  progressLookingUp: { name: 'progressLookingUp' },
  progress: {
    name: 'progress',
    trackingCode: 'K7QH-2M9D',
    status: 'needs_more',
    timeline: [
      {
        status: 'received',
        at: '2026-12-01T02:10:00Z',
        note: { 'zh-CN': '已受理', en: 'Received' },
      },
    ],
    nextStep: null,
    reason: null,
    requested: [
      { documentId: 'property', label: { 'zh-CN': '房产证', en: 'Property certificate' } },
    ],
  },
  attract: {
    name: 'attract',
    highlights: [{ id: 'tiered-pricing', title: '阶梯电价', summary: '按一年的用电量分为三档。' }],
  },
  outOfService: { name: 'outOfService', reason: 'maintenance' },
  chooseBiller: {
    name: 'chooseBiller',
    billers: [power, { ...power, id: 'sh-water', kind: 'water', paused: true }],
  },
  enterAccount: { name: 'enterAccount', biller: power, digits: '310', problem: null },
  lookingUp: { name: 'lookingUp', biller: power },
  bills: {
    name: 'bills',
    biller: power,
    requoted: false,
    quote: {
      account: '3100123456',
      holder: '张*英',
      address: '上海市某区某路 1 号',
      bills: [
        {
          billId: 'b1',
          period: '2024-05',
          principal: 18000,
          lateFee: 650,
          dueDate: '2024-06-18',
          daysOverdue: 13,
        },
      ],
      totalDue: 18650,
      quotedAt: '2024-07-01T08:00:00Z',
    },
    allowsPartial: false,
    overdueOnly: null,
    scope: 'all',
    amountToPay: 18650,
    cash: { overpayment: 'kept', refusedNotes: [], notesCanPay: true },
  },
  confirm: {
    name: 'confirm',
    biller: power,
    account: '3100123456',
    holder: '张*英',
    amountDue: 18650,
    method: 'cash',
    scope: 'all',
    cash: { overpayment: 'kept', refusedNotes: [], notesCanPay: true },
  },
  qrPay: {
    name: 'qrPay',
    biller: power,
    amountDue: 18650,
    scannerWindow: 'below',
    step: 'showYourCode',
    kioskCodeUrl: null,
    refused: false,
  },
  staffHelp: { name: 'staffHelp', reason: 'customer', moneyInFlight: true, canLeave: true },
  info: {
    name: 'info',
    topics: [
      { id: 'tiers', title: '阶梯电价' },
      { id: 'saving', title: '节约用电' },
    ],
    topic: null,
    openedFrom: 'list',
  },
  insertCash: {
    name: 'insertCash',
    biller: power,
    amountDue: 18650,
    collected: 10000,
    acceptedNotes: [1000, 2000, 5000, 10000],
    acceptsOverpayment: true,
    noteInEscrow: false,
    underReview: 0,
  },
  partialCash: {
    name: 'partialCash',
    biller: power,
    amountDue: 18650,
    collected: 10000,
    outcome: 'refundSlip',
    canContinue: false,
    underReview: 0,
  },
  awaitingStaff: { name: 'awaitingStaff', collected: 10000 },
  refundSlip: { name: 'refundSlip', amount: 10000, slipLines: ['退款凭证'], printed: true },
  writingOff: { name: 'writingOff', collected: 18650 },
  paid: { name: 'paid', collected: 20000, method: 'cash', prepaidCredited: 1350, ...receipt },
  pendingSync: { name: 'pendingSync', collected: 18650, method: 'cash', ...receipt },
  problem: {
    name: 'problem',
    problem: 'gateway_unavailable',
    account: null,
    serviceHall: null,
    canRetype: false,
  },
};

export function snapshot(screen: Screen, over: Partial<Snapshot> = {}): Snapshot {
  return { ...BASE, locale: 'zh-CN', screen, ...over };
}
