// The sample world the gallery's fixtures share: the five billers, one account's overdue quote,
// and the lines of a receipt and a refund slip as the host sends them to the screen.
import type { BillerView, Locale, QuoteView, Screen, ServiceHall } from '../../src/api/kiosk-api';

type InfoScreen = Extract<Screen, { name: 'info' }>;
type InfoTopicView = InfoScreen['topics'][number];
type InfoTopic = NonNullable<InfoScreen['topic']>;

export const ELECTRICITY: BillerView = {
  id: 'sh-power',
  kind: 'electricity',
  name: { 'zh-CN': '国网上海市电力公司', en: 'State Grid Shanghai' },
  accountLength: 10,
  paused: false,
};

export const CABLE_TV: BillerView = {
  id: 'sh-cabletv',
  kind: 'cabletv',
  name: { 'zh-CN': '东方有线', en: 'Oriental Cable' },
  accountLength: 12,
  paused: false,
};

export const BILLERS: BillerView[] = [
  ELECTRICITY,
  {
    id: 'sh-water',
    kind: 'water',
    name: { 'zh-CN': '上海城投水务', en: 'Shanghai Chengtou Water' },
    accountLength: 9,
    paused: false,
  },
  // Paused: too much money waiting to reach it (the queue caps).
  {
    id: 'sh-gas',
    kind: 'gas',
    name: { 'zh-CN': '上海燃气', en: 'Shanghai Gas' },
    accountLength: 8,
    paused: true,
  },
  {
    id: 'sh-telecom',
    kind: 'telecom',
    name: { 'zh-CN': '中国电信上海公司', en: 'China Telecom Shanghai' },
    accountLength: 11,
    paused: false,
  },
  CABLE_TV,
];

export const ACCOUNT = '3100123456';
export const HOLDER = '张*华';

/** Two months: one overdue with its late fee, one current. */
export const OVERDUE_QUOTE: QuoteView = {
  account: ACCOUNT,
  holder: HOLDER,
  address: '徐汇区漕溪北路**弄**号',
  bills: [
    {
      billId: 'B-202509',
      period: '2025-09',
      principal: 21_830,
      lateFee: 1_310,
      dueDate: '2025-09-27',
      daysOverdue: 60,
    },
    {
      billId: 'B-202510',
      period: '2025-10',
      principal: 18_650,
      lateFee: 0,
      dueDate: '2025-12-03',
      daysOverdue: 0,
    },
  ],
  totalDue: 41_790,
  quotedAt: '2025-11-26T09:30:00+08:00',
};

export const TELECOM: BillerView = {
  id: 'sh-telecom',
  kind: 'telecom',
  name: { 'zh-CN': '中国电信上海公司', en: 'China Telecom Shanghai' },
  accountLength: 11,
  paused: false,
};

/** Telecom takes part payments: an overdue bill with its late fee, and a current one. */
export const TELECOM_QUOTE: QuoteView = {
  account: '13301234567',
  holder: '刘*强',
  address: '岳阳路**号',
  bills: [
    {
      billId: 'b_2025_09',
      period: '2025-09',
      principal: 12_900,
      lateFee: 774,
      dueDate: '2025-11-06',
      daysOverdue: 20,
    },
    {
      billId: 'b_2025_11',
      period: '2025-11',
      principal: 12_900,
      lateFee: 0,
      dueDate: '2025-12-01',
      daysOverdue: 0,
    },
  ],
  totalDue: 26_574,
  quotedAt: '2025-11-26T09:30:00+08:00',
};

/** Cable TV takes no overpayment; 30 yuan, which notes can make. */
export const CABLE_TV_QUOTE: QuoteView = {
  account: '880000000002',
  holder: '钱*',
  address: '陕西南路**号',
  bills: [
    {
      billId: 'b_2025_10',
      period: '2025-10',
      principal: 3_000,
      lateFee: 0,
      dueDate: '2025-12-05',
      daysOverdue: 0,
    },
  ],
  totalDue: 3_000,
  quotedAt: '2025-11-26T09:30:00+08:00',
};

/** The lines as the host's receipt renderer gives them for the screen (src/receipts/). */
export const RECEIPT_LINES: string[] = [
  '缴费凭证',
  '终端编号：SH-XH-WK-0007',
  '交易时间：2025-11-26 09:31:12',
  '收费单位：国网上海市电力公司',
  '户号：3100****56',
  '户名：张*华',
  '2025-09  本金 218.30元  违约金 13.10元（逾期60天）',
  '2025-10  本金 186.50元',
  '本金合计：404.80元',
  '违约金合计：13.10元',
  '转入预存：82.10元',
  '实收金额：500.00元',
  '代收流水号：SH-XH-WK-0007-20251126-000042',
  '销账编号：SGCC-889120042',
  '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
];

export const PROVISIONAL_LINES: string[] = [
  '受理凭证',
  '销账处理中',
  '终端编号：SH-XH-WK-0007',
  '交易时间：2025-11-26 09:31:12',
  '收费单位：国网上海市电力公司',
  '户号：3100****56',
  '户名：张*华',
  '2025-09  本金 218.30元  违约金 13.10元（逾期60天）',
  '2025-10  本金 186.50元',
  '应缴金额：417.90元',
  '实收金额：500.00元',
  '代收流水号：SH-XH-WK-0007-20251126-000043',
  '款项已收妥，正在向收费单位销账，完成后将自动入账，无需再次缴费。本凭证不是缴费凭证，入账后可凭代收流水号补打缴费凭证。',
];

export const REFUND_SLIP_LINES: string[] = [
  '退款审核单',
  '工作人员核对后退款',
  '终端编号：SH-XH-WK-0007',
  '时间：2025-11-26 09:31:12',
  '收费单位：东方有线',
  '户号：8800****5678',
  '代收流水号：SH-XH-WK-0007-20251126-000044',
  '纸币 20元 × 1: 20.00元',
  '应退金额：20.00元',
  '原因：部分缴费不能入账 (partial_payment_not_allowed)',
  '工作人员签字：________',
  '日期：________',
  '本单仅供退款审核，不作缴费凭证。',
];

/** The same receipt for a resident who chose English: each label and sentence bilingual. */
export const RECEIPT_LINES_EN: string[] = [
  '缴费凭证',
  'Payment receipt',
  '终端编号 Terminal: SH-XH-WK-0007',
  '交易时间 Time: 2025-11-26 09:31:12',
  '收费单位 Paid to: 国网上海市电力公司 State Grid Shanghai',
  '户号 Account: 3100****56',
  '户名 Holder: 张*华',
  '2025-09  本金 Amount 218.30元  违约金 Late fee 13.10元(逾期60天 60 days overdue)',
  '2025-10  本金 Amount 186.50元',
  '本金合计 Amount paid: 404.80元',
  '违约金合计 Late fees: 13.10元',
  '转入预存 Kept on account: 82.10元',
  '实收金额 Received: 500.00元',
  '代收流水号 Serial: SH-XH-WK-0007-20251126-000042',
  '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
  'Please keep this receipt. If anything is unclear, ask the committee staff.',
];

/** A part payment's refund slip, for a resident who chose English. */
export const REFUND_SLIP_LINES_EN: string[] = [
  '退款审核单',
  'Refund slip',
  '工作人员核对后退款',
  'Staff check it and give the money back',
  '收费单位 Paid to: 东方有线 Oriental Cable',
  '户号 Account: 8800****5678',
  '代收流水号 Serial: SH-XH-WK-0007-20251126-000044',
  '纸币 Notes 20元 × 1: 20.00元',
  '应退金额 To give back: 20.00元',
  '原因 Reason: 这项缴费需要一次缴足',
  'This bill must be paid in full at once',
];

export const VERIFY_URL =
  'https://pay.example.cn/verify?serial=SH-XH-WK-0007-20251126-000042&txn=SGCC-889120042';

export const KIOSK_CODE_URL = 'weixin://wxpay/bizpayurl?pr=Xk3t9Qa';

/** The service hall of the demo config (config site.serviceHall). */
export const SERVICE_HALL: ServiceHall = {
  name: { 'zh-CN': '国网上海徐汇供电营业厅', en: 'State Grid Xuhui service hall' },
  address: { 'zh-CN': '徐汇区漕溪北路 201 号', en: '201 North Caoxi Road, Xuhui' },
  hours: { 'zh-CN': '周一至周六 8:30—17:00', en: 'Monday to Saturday, 8:30 to 17:00' },
};

/** The information centre's content, which the host sends in the customer's language. */
export const INFO: Record<Locale, { topics: InfoTopicView[]; lateFees: InfoTopic }> = {
  'zh-CN': {
    topics: [
      { id: 'late-fees', title: '违约金怎么算' },
      { id: 'receipts', title: '凭证丢了怎么办' },
      { id: 'cash', title: '可以使用哪些纸币' },
      { id: 'qr', title: '怎样用手机付款' },
      { id: 'saving', title: '节约用电' },
      { id: 'safety', title: '安全用电' },
    ],
    lateFees: {
      id: 'late-fees',
      title: '违约金怎么算',
      paragraphs: [
        '电费逾期后，每天按欠费金额的千分之一计算违约金，最少一元。',
        '在本机缴费时，屏幕会分别显示本金和违约金，您可以先核对再缴费。',
      ],
    },
  },
  en: {
    topics: [
      { id: 'late-fees', title: 'How late fees work' },
      { id: 'receipts', title: 'If you lose your receipt' },
      { id: 'cash', title: 'Which banknotes you can use' },
      { id: 'qr', title: 'Paying with your phone' },
      { id: 'saving', title: 'Saving electricity' },
      { id: 'safety', title: 'Safe use of electricity' },
    ],
    lateFees: {
      id: 'late-fees',
      title: 'How late fees work',
      paragraphs: [
        'An overdue electricity bill adds one thousandth of the amount owed each day, at least one yuan.',
        'This kiosk shows the amount and the late fee separately, so you can check them before paying.',
      ],
    },
  },
};
