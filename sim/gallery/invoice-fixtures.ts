// The VAT invoice's screens (src/flows/vat-invoice/) as gallery examples: one per screen name
// (typed, so a new screen fails here until it has one) and the variants worth a look.
import type { Screen } from '../../src/api/kiosk-api';

type Named<N extends Screen['name']> = Extract<Screen, { name: N }>;
type InvoiceName = Extract<Screen['name'], `invoice${string}`>;

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const BUYER = {
  taxId: '91310104MA1FL8XK2X',
  name: '上海武康餐饮管理有限公司',
  address: '上海市徐汇区武康路**号',
  phone: '021-6433****',
  bank: '中国工商银行上海市徐汇支行',
  bankAccount: '1001****0912',
};

const WUKANG = {
  id: 'pp-wukang-committee',
  name: text('武康路社区居委会', 'Wukang Road neighbourhood committee'),
  address: text('武康路**号', 'Wukang Road'),
  hours: text('工作日 9:00–16:30', 'Weekdays 9:00–16:30'),
};

const POINTS: Named<'invoiceDelivery'>['points'] = [
  {
    id: 'pp-xuhui-hall',
    name: text('国网上海徐汇供电营业厅', 'State Grid Xuhui service hall'),
    address: text('徐汇区漕溪北路**号', 'Caoxi Road North, Xuhui'),
    hours: text('周一至周六 8:30–17:00', 'Mon–Sat 8:30–17:00'),
  },
  WUKANG,
  {
    id: 'pp-hunan-road',
    name: text('湖南路街道社区事务受理中心', 'Hunan Road community affairs centre'),
    address: text('淮海中路**号', 'Huaihai Road Central'),
    hours: text('周一至周五 9:00–17:00', 'Mon–Fri 9:00–17:00'),
  },
];

const PERIODS: Named<'invoicePeriods'> = {
  name: 'invoicePeriods',
  account: '3100123456',
  holder: '张*明',
  months: [
    { period: '2026-12', due: true },
    { period: '2026-11', due: false },
    { period: '2026-10', due: true },
    { period: '2026-09', due: false },
  ],
  chosen: ['2026-09', '2026-11'],
  paidElsewhere: false,
  problem: null,
};

const REVIEW: Named<'invoiceReview'> = {
  name: 'invoiceReview',
  account: '3100123456',
  periods: ['2026-09', '2026-11'],
  evidencePages: 0,
  type: 'special',
  buyer: BUYER,
  delivery: { pickup: WUKANG },
  phone: '13800138000',
  problem: null,
};

const RECEIPT: Named<'invoiceReceipt'> = {
  name: 'invoiceReceipt',
  state: 'accepted',
  serial: 'KIOSK-0001-20261207-000042',
  qr: 'KIOSK-0001-20261207-000042',
  periods: ['2026-09', '2026-11'],
  delivery: { pickup: WUKANG },
  problem: null,
};

/** One example of every VAT invoice screen. */
export const INVOICE_EXAMPLES: { [N in InvoiceName]: Named<N> } = {
  invoiceBiller: {
    name: 'invoiceBiller',
    billers: [
      { id: 'sh-power', name: text('国网上海市电力公司', 'State Grid Shanghai') },
      { id: 'sh-water', name: text('上海城投水务', 'Shanghai Water') },
      { id: 'sh-gas', name: text('上海燃气', 'Shanghai Gas') },
    ],
    problem: null,
  },
  invoiceEntry: { name: 'invoiceEntry', field: 'taxId', value: '91310104MA1F', problem: null },
  invoicePeriods: PERIODS,
  invoiceEvidence: { name: 'invoiceEvidence', pages: 0 },
  invoiceType: { name: 'invoiceType', type: null },
  invoiceTitle: { name: 'invoiceTitle', buyer: BUYER },
  invoiceDelivery: { name: 'invoiceDelivery', points: POINTS, emailOffered: true },
  invoiceEmail: { name: 'invoiceEmail', email: '' },
  invoiceReview: REVIEW,
  invoiceWorking: { name: 'invoiceWorking', task: 'register' },
  invoiceReceipt: RECEIPT,
};

/** The gallery's VAT invoice fixtures: [id, title, screen]. */
export const INVOICE_GALLERY: [string, string, Screen][] = [
  ['invoice-biller', 'VAT invoice: the biller', INVOICE_EXAMPLES.invoiceBiller],
  [
    'invoice-account',
    'VAT invoice: the account',
    { name: 'invoiceEntry', field: 'account', value: '3100123456', problem: null },
  ],
  ['invoice-periods', 'VAT invoice: the months', PERIODS],
  [
    'invoice-periods-elsewhere',
    'VAT invoice: months paid elsewhere',
    { ...PERIODS, paidElsewhere: true },
  ],
  ['invoice-evidence', 'VAT invoice: payment evidence', INVOICE_EXAMPLES.invoiceEvidence],
  ['invoice-type', 'VAT invoice: the kind', INVOICE_EXAMPLES.invoiceType],
  ['invoice-tax-id', 'VAT invoice: the tax code', INVOICE_EXAMPLES.invoiceEntry],
  [
    'invoice-tax-id-bad',
    'VAT invoice: a tax code refused (check character)',
    { name: 'invoiceEntry', field: 'taxId', value: '91310104MA1FL8XK2Y', problem: 'tax_id_check' },
  ],
  [
    'invoice-tax-id-unknown',
    'VAT invoice: not in the register',
    {
      name: 'invoiceEntry',
      field: 'taxId',
      value: '91310104MA1FP3QW8A',
      problem: 'not_in_register',
    },
  ],
  ['invoice-title', 'VAT invoice: the company from the register', INVOICE_EXAMPLES.invoiceTitle],
  ['invoice-delivery', 'VAT invoice: pickup point or e-mail', INVOICE_EXAMPLES.invoiceDelivery],
  ['invoice-email', 'VAT invoice: the e-mail on the keyboard', INVOICE_EXAMPLES.invoiceEmail],
  [
    'invoice-email-bad',
    'VAT invoice: an e-mail refused',
    { name: 'invoiceEmail', email: 'caiwu@wukang' },
  ],
  [
    'invoice-phone',
    'VAT invoice: the mobile for the SMS',
    { name: 'invoiceEntry', field: 'phone', value: '1380013', problem: null },
  ],
  ['invoice-review', 'VAT invoice: review', REVIEW],
  ['invoice-working', 'VAT invoice: looking up the register', INVOICE_EXAMPLES.invoiceWorking],
  ['invoice-receipt', 'VAT invoice: receipt', RECEIPT],
  ['invoice-receipt-pending', 'VAT invoice: accepted for later', { ...RECEIPT, state: 'pending' }],
  [
    'invoice-receipt-rejected',
    'VAT invoice: refused (already invoiced)',
    { ...RECEIPT, state: 'rejected', problem: 'already_invoiced' },
  ],
];
