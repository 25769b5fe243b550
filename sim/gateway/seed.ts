// Demo data of the gateway simulator: terminals, the five billers and the accounts the demo and
// the e2e tests rely on. Due dates are relative to the simulator clock at seed time so that the
// overdue bills always carry a late fee whatever day the demo runs.
import type { Biller } from '../../src/gateway/contract';

/**
 * Terminal id → HMAC secret. Random (openssl rand -hex 32), as the kiosk refuses placeholders;
 * published here, so good for the simulator only. config/kiosk.demo.json and kiosk.lab.json
 * carry the same value.
 */
export const DEMO_TERMINALS: Record<string, string> = {
  'SH-XH-WK-0007': '651e07b689ca541d51ef97302551b4ee4dd149f7dcc3f28460b69a9b8652e2f3',
};

export interface SeedBiller extends Biller {
  /** billerTxnId is `${txnPrefix}-${counter}`; the counter starts at txnStart. */
  txnPrefix: string;
  txnStart: number;
}

export const DEMO_BILLERS: readonly SeedBiller[] = [
  {
    id: 'sh-power',
    kind: 'electricity',
    name: { 'zh-CN': '国网上海市电力公司', en: 'State Grid Shanghai' },
    accountPattern: '^\\d{10}$',
    acceptsOverpayment: true,
    allowsPartial: false,
    scanPatterns: ['^SGCC:(\\d{10})$'],
    txnPrefix: 'SGCC',
    txnStart: 889120001,
  },
  {
    id: 'sh-water',
    kind: 'water',
    name: { 'zh-CN': '上海城投水务', en: 'Shanghai Chengtou Water' },
    accountPattern: '^\\d{9}$',
    acceptsOverpayment: true,
    allowsPartial: false,
    scanPatterns: ['^SHWATER:(\\d{9})$'],
    txnPrefix: 'SCW',
    txnStart: 500001,
  },
  {
    id: 'sh-gas',
    kind: 'gas',
    name: { 'zh-CN': '上海燃气', en: 'Shanghai Gas' },
    accountPattern: '^\\d{8}$',
    acceptsOverpayment: true,
    allowsPartial: false,
    scanPatterns: ['^SHGAS:(\\d{8})$'],
    txnPrefix: 'SHGAS',
    txnStart: 700001,
  },
  {
    id: 'sh-telecom',
    kind: 'telecom',
    name: { 'zh-CN': '中国电信上海公司', en: 'China Telecom Shanghai' },
    accountPattern: '^1\\d{10}$',
    acceptsOverpayment: true,
    allowsPartial: true,
    scanPatterns: ['^CTSH:(1\\d{10})$'],
    txnPrefix: 'CTSH',
    txnStart: 300001,
  },
  {
    id: 'sh-cabletv',
    kind: 'cabletv',
    name: { 'zh-CN': '东方有线', en: 'Oriental Cable' },
    accountPattern: '^\\d{12}$',
    acceptsOverpayment: false,
    allowsPartial: false,
    scanPatterns: ['^OCN:(\\d{12})$'],
    txnPrefix: 'OCN',
    txnStart: 100001,
  },
];

export interface DemoBill {
  principal: number;
  /** Due date relative to the seed day: negative = overdue by that many days, positive = current. */
  dueInDays: number;
}

export interface DemoAccount {
  billerId: string;
  account: string;
  /** Masked as the gateway returns them. */
  holder: string;
  address: string;
  locked: boolean;
  /** What the account is there to demonstrate. */
  demonstrates:
    | 'overdue_and_current'
    | 'minimum_late_fee'
    | 'fully_paid'
    | 'locked'
    /** No overpayment, and a due notes can make: notes above what is still due go back. */
    | 'exact_notes';
  /** billId and period are derived at seed time: period = month before the due month. */
  bills: readonly DemoBill[];
}

const bill = (principal: number, dueInDays: number): DemoBill => ({ principal, dueInDays });

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  // 18650 fen 42 days overdue at 1‰/day → 783 fen; the current bill carries no fee.
  {
    billerId: 'sh-power',
    account: '3100123456',
    holder: '张*明',
    address: '武康路**弄**号',
    locked: false,
    demonstrates: 'overdue_and_current',
    bills: [bill(18650, -42), bill(21340, 7)],
  },
  {
    billerId: 'sh-power',
    account: '3100000001',
    holder: '李*华',
    address: '长乐路***号**室',
    locked: false,
    demonstrates: 'fully_paid',
    bills: [],
  },
  // Locked (under dispute): every query and payment is 409 account_locked.
  {
    billerId: 'sh-power',
    account: '3100999999',
    holder: '赵*',
    address: '淮海中路****号',
    locked: true,
    demonstrates: 'locked',
    bills: [bill(30210, -70)],
  },
  // 1200 fen 5 days overdue → 6 fen, charged as the 100 fen minimum.
  {
    billerId: 'sh-power',
    account: '3100000002',
    holder: '周*',
    address: '复兴西路**号',
    locked: false,
    demonstrates: 'minimum_late_fee',
    bills: [bill(1200, -5)],
  },
  // 8620 fen 35 days at 0.5‰/day → 150.85 → 151 fen.
  {
    billerId: 'sh-water',
    account: '210012345',
    holder: '王*芳',
    address: '华山路***弄*号',
    locked: false,
    demonstrates: 'overdue_and_current',
    bills: [bill(8620, -35), bill(7450, 10)],
  },
  {
    billerId: 'sh-water',
    account: '210000001',
    holder: '孙*',
    address: '天平路**号',
    locked: false,
    demonstrates: 'fully_paid',
    bills: [],
  },
  // 12400 fen 28 days at 1‰/day → 347.2 → 347 fen.
  {
    billerId: 'sh-gas',
    account: '50012345',
    holder: '陈*',
    address: '衡山路**弄**号',
    locked: false,
    demonstrates: 'overdue_and_current',
    bills: [bill(12400, -28), bill(9860, 12)],
  },
  {
    billerId: 'sh-gas',
    account: '50000001',
    holder: '吴*平',
    address: '建国西路***号',
    locked: false,
    demonstrates: 'fully_paid',
    bills: [],
  },
  // 12900 fen 20 days at 3‰/day → 774 fen.
  {
    billerId: 'sh-telecom',
    account: '13301234567',
    holder: '刘*强',
    address: '岳阳路**号',
    locked: false,
    demonstrates: 'overdue_and_current',
    bills: [bill(12900, -20), bill(12900, 5)],
  },
  {
    billerId: 'sh-telecom',
    account: '13300000001',
    holder: '郑*',
    address: '永康路**号',
    locked: false,
    demonstrates: 'fully_paid',
    bills: [],
  },
  // 2650 fen 31 days at 0.5‰/day → 41.075 → 41 fen. Cable TV refuses overpayment.
  {
    billerId: 'sh-cabletv',
    account: '880012345678',
    holder: '黄*丽',
    address: '襄阳南路***弄**号',
    locked: false,
    demonstrates: 'overdue_and_current',
    bills: [bill(2650, -31), bill(2650, 15)],
  },
  // 3000 fen due in 9 days: no late fee, so whole yuan; notes above what is still due go back.
  {
    billerId: 'sh-cabletv',
    account: '880000000002',
    holder: '钱*',
    address: '陕西南路**号',
    locked: false,
    demonstrates: 'exact_notes',
    bills: [bill(3000, 9)],
  },
  {
    billerId: 'sh-cabletv',
    account: '880000000001',
    holder: '何*',
    address: '乌鲁木齐中路**号',
    locked: false,
    demonstrates: 'fully_paid',
    bills: [],
  },
];
