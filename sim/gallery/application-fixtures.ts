// Applying for a service in the gallery: one example of each screen (typed by name, so a new
// screen breaks the build until it has one) and the fixtures the UX suite photographs. The
// sample service is a real one of the demo catalogue (一户多人口阶梯电价), in both languages.
import type {
  DocumentView,
  FieldView,
  Screen,
  ServiceFormView,
  ServiceTileView,
} from '../../src/api/kiosk-api';
import { ACCOUNT, HOLDER } from './fixture-data';

type ApplicationName = Extract<Screen['name'], `application${string}`>;

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const PERSONS: FieldView = {
  id: 'persons',
  kind: 'integer',
  label: t('户籍人数', 'People registered'),
  optional: false,
  min: 5,
  max: 20,
};
const PHONE: FieldView = {
  id: 'phone',
  kind: 'phone',
  label: t('手机号码', 'Mobile number'),
  optional: false,
};
const RELATION: FieldView = {
  id: 'relation',
  kind: 'choice',
  label: t('与户主关系', 'Relation to the account'),
  optional: false,
  options: [
    { id: 'owner', label: t('产权人', 'Owner') },
    { id: 'tenant', label: t('租户', 'Tenant') },
    { id: 'family', label: t('家庭成员', 'Family member') },
  ],
};
const VISIT: FieldView = {
  id: 'visit-date',
  kind: 'date',
  label: t('希望上门日期', 'Preferred visit date'),
  optional: false,
};
const REASON: FieldView = {
  id: 'reason',
  kind: 'text',
  label: t('增容原因', 'Why'),
  optional: true,
  maxLength: 100,
};
const REGISTER: DocumentView = {
  id: 'household-register',
  label: t('户口簿（户主页及全部成员页）', 'Household register (all pages)'),
  pages: { min: 1, max: 12 },
};
const ID_CARD: DocumentView = {
  id: 'id-card',
  label: t('申请人身份证（正反面）', "Applicant's ID card (both sides)"),
  pages: { min: 2, max: 2 },
};
const RECENT_BILL: DocumentView = {
  id: 'recent-bill',
  label: t('近期电费账单', 'A recent bill'),
  pages: { min: 0, max: 3 },
};

const TILE: ServiceTileView = {
  id: 'multi-person-household',
  billerKind: 'electricity',
  name: t('一户多人口阶梯电价', 'Multi-person household tariff'),
  summary: t(
    '户籍人口5人及以上的家庭，可申请增加阶梯电量基数。',
    'Households of five or more registered people can have their tier allowance raised.',
  ),
};
const SERVICE: ServiceFormView = {
  ...TILE,
  fields: [PERSONS, PHONE],
  documents: [REGISTER, ID_CARD],
  signature: true,
};

const CATALOGUE: ServiceTileView[] = [
  TILE,
  {
    id: 'capacity-increase',
    billerKind: 'electricity',
    name: t('电表增容', 'Meter capacity increase'),
    summary: t('家里电器多了，申请把电表容量调大。', 'More appliances: ask for a larger supply.'),
  },
  {
    id: 'meter-verification',
    billerKind: 'electricity',
    name: t('电表校验', 'Meter check'),
    summary: t('怀疑电表不准，申请上门校验。', 'Think the meter is wrong? Ask for a check.'),
  },
  {
    id: 'real-name',
    billerKind: 'electricity',
    name: t('实名制登记', 'Real-name registration'),
    summary: t('将户号登记到实际用电人名下。', 'Register the account to whoever uses it.'),
  },
  {
    id: 'ev-charger',
    billerKind: 'electricity',
    name: t('充电桩接电', 'EV charger connection'),
    summary: t('为自家车位的充电桩申请接电。', 'Power for a charger at your parking space.'),
  },
  {
    id: 'pv-grid-connection',
    billerKind: 'electricity',
    name: t('居民光伏并网', 'Home solar grid connection'),
    summary: t('屋顶光伏发电接入电网。', 'Connect rooftop solar panels to the grid.'),
  },
];

const field = (
  f: FieldView,
  value: string,
  index: number,
  problem: 'too_small' | null = null,
): Extract<Screen, { name: 'applicationField' }> => ({
  name: 'applicationField',
  serviceName: TILE.name,
  field: f,
  value,
  problem,
  index,
  count: 5,
});

const SERIAL = 'KIOSK-SH-0001-20261207-000042';

/** One example of every screen of applying (test/ui/screens.fixture.ts takes them too). */
export const APPLICATION_EXAMPLES: { [N in ApplicationName]: Extract<Screen, { name: N }> } = {
  applicationCatalogue: { name: 'applicationCatalogue', services: CATALOGUE, problem: null },
  applicationNeeds: { name: 'applicationNeeds', service: SERVICE },
  applicationWorking: { name: 'applicationWorking', step: 'submitting' },
  applicationAccount: {
    name: 'applicationAccount',
    service: TILE,
    billers: [{ id: 'sh-power', name: t('国网上海市电力公司', 'State Grid Shanghai') }],
    billerId: 'sh-power',
    digits: '31001',
    accountLength: 10,
    problem: null,
  },
  applicationAccountConfirm: {
    name: 'applicationAccountConfirm',
    billerName: t('国网上海市电力公司', 'State Grid Shanghai'),
    account: ACCOUNT,
    holder: HOLDER,
    address: '武康路**弄**号',
  },
  applicationField: field(PERSONS, '6', 0),
  applicationDocument: {
    name: 'applicationDocument',
    serviceName: TILE.name,
    document: REGISTER,
    pages: 0,
    problem: null,
    index: 2,
    count: 5,
  },
  applicationSignature: {
    name: 'applicationSignature',
    serviceName: TILE.name,
    index: 4,
    count: 5,
  },
  applicationConsent: { name: 'applicationConsent', phone: '138****8000', smsNotices: null },
  applicationReview: {
    name: 'applicationReview',
    service: TILE,
    billerName: t('国网上海市电力公司', 'State Grid Shanghai'),
    account: ACCOUNT,
    holder: HOLDER,
    fields: [
      { field: PERSONS, value: '6' },
      { field: PHONE, value: '13812348000' },
    ],
    documents: [
      { document: REGISTER, pages: 3 },
      { document: ID_CARD, pages: 2 },
    ],
    signature: true,
    smsNotices: true,
    problem: null,
    problemField: null,
  },
  applicationReceipt: {
    name: 'applicationReceipt',
    serviceName: TILE.name,
    state: 'accepted',
    trackingCode: 'K7QH-2M9D',
    serial: SERIAL,
    qr: `KIOSK-APP:${SERIAL}`,
    printed: true,
    receiptLines: [
      '社区服务受理回执',
      '办理业务：一户多人口阶梯电价',
      '受理编号：K7QH-2M9D',
      `申请流水号：${SERIAL}`,
    ],
  },
  applicationRejected: {
    name: 'applicationRejected',
    serviceName: TILE.name,
    code: 'not_eligible',
  },
};

const E = APPLICATION_EXAMPLES;

/** [id, title, screen] of each fixture: every screen, and its notable states. */
export const APPLICATION_FIXTURES: readonly [string, string, Screen][] = [
  ['apply-catalogue', 'Apply: the catalogue', E.applicationCatalogue],
  [
    'apply-catalogue-unreachable',
    'Apply: the catalogue cannot be read',
    { name: 'applicationCatalogue', services: [], problem: 'unreachable' },
  ],
  ['apply-needs', 'Apply: what you will need', E.applicationNeeds],
  ['apply-working', 'Apply: sending', E.applicationWorking],
  ['apply-account', 'Apply: the account', E.applicationAccount],
  [
    'apply-account-wrong-bill',
    'Apply: a bill of another company scanned',
    { ...E.applicationAccount, digits: '', problem: 'wrong_biller' },
  ],
  ['apply-account-confirm', 'Apply: the holder confirmed', E.applicationAccountConfirm],
  ['apply-field-integer', 'Apply: a whole number', E.applicationField],
  ['apply-field-refused', 'Apply: a number refused', field(PERSONS, '3', 0, 'too_small')],
  ['apply-field-phone', 'Apply: a mobile', field(PHONE, '1381234', 1)],
  ['apply-field-choice', 'Apply: a choice', field(RELATION, '', 0)],
  ['apply-field-date', 'Apply: a date', field(VISIT, '202612', 1)],
  ['apply-field-text', 'Apply: a text (optional)', field(REASON, '', 2)],
  ['apply-document', 'Apply: a document', E.applicationDocument],
  [
    'apply-document-optional',
    'Apply: an optional document',
    { ...E.applicationDocument, document: RECENT_BILL, index: 3 },
  ],
  ['apply-signature', 'Apply: the signature', E.applicationSignature],
  ['apply-consent', 'Apply: SMS notices', E.applicationConsent],
  ['apply-review', 'Apply: the review', E.applicationReview],
  [
    'apply-review-refused',
    'Apply: the gateway could not be reached',
    { ...E.applicationReview, problem: 'unreachable' },
  ],
  ['apply-receipt', 'Apply: the receipt, printed', E.applicationReceipt],
  [
    'apply-receipt-pending',
    'Apply: accepted for later, on screen',
    {
      ...E.applicationReceipt,
      state: 'pending',
      trackingCode: null,
      printed: false,
      receiptLines: ['社区服务受理回执', '已收下，待提交', `申请流水号：${SERIAL}`],
    },
  ],
  ['apply-rejected', 'Apply: not accepted', E.applicationRejected],
];
