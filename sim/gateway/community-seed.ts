// Demo data of the community service routes (community-services.md): the operator's catalogue of
// six services, the invoice pickup points, a few companies of the tax register (their unified
// social credit codes computed with GB 32100's check character), the community's residents who
// receive notices, the households of the care programme with their generated daily readings,
// and applications already on file (one waiting for more documents, one rejected, …).
import { taxIdCheckCharacter } from '../../src/community/checks';
import type { InvoiceTitle, LocalText, PickupPoint, Service } from '../../src/community/contract';
import { addDays, daysBetween } from './shanghai-time';

/** The neighbourhood committee's community (徐汇区武康路社区), as the kiosk's config names it. */
export const DEMO_COMMUNITY = 'xh-wukang';

const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

const phone = { id: 'phone', kind: 'phone', label: t('手机号码', 'Mobile number') } as const;
const idCard = {
  id: 'id-card',
  label: t('申请人身份证（正反面）', "Applicant's ID card (both sides)"),
  pages: { min: 2, max: 2 },
} as const;
const propertyCertificate = {
  id: 'property-certificate',
  label: t('房产证或租赁合同', 'Property certificate or lease'),
  pages: { min: 1, max: 6 },
} as const;

/** The catalogue: what GET /v1/services answers, in this order. */
export const DEMO_SERVICES: readonly Service[] = [
  {
    id: 'multi-person-household',
    billerKind: 'electricity',
    name: t('一户多人口阶梯电价', 'Multi-person household tariff'),
    summary: t(
      '户籍人口5人及以上的家庭，可申请增加阶梯电量基数。',
      'Households of five or more registered people can have their tier allowance raised.',
    ),
    fields: [
      {
        id: 'persons',
        kind: 'integer',
        min: 5,
        max: 20,
        label: t('户籍人数', 'People registered'),
      },
      phone,
    ],
    documents: [
      {
        id: 'household-register',
        label: t('户口簿（户主页及全部成员页）', 'Household register (all pages)'),
        pages: { min: 1, max: 12 },
      },
      idCard,
    ],
    signature: true,
    validDays: 730,
  },
  {
    id: 'capacity-increase',
    billerKind: 'electricity',
    name: t('电表增容', 'Meter capacity increase'),
    summary: t(
      '家中用电设备增多、经常跳闸时，可申请提高电表容量。',
      'When more appliances trip the supply, apply for a larger meter capacity.',
    ),
    fields: [
      {
        id: 'current-capacity',
        kind: 'choice',
        label: t('现有容量', 'Current capacity'),
        options: [
          { id: 'a40', label: t('40安', '40 A') },
          { id: 'a60', label: t('60安', '60 A') },
        ],
      },
      {
        id: 'requested-capacity',
        kind: 'choice',
        label: t('申请容量', 'Capacity requested'),
        options: [
          { id: 'a60', label: t('60安', '60 A') },
          { id: 'a80', label: t('80安', '80 A') },
          { id: 'a100', label: t('100安', '100 A') },
        ],
      },
      {
        id: 'reason',
        kind: 'text',
        maxLength: 100,
        optional: true,
        label: t('增容原因', 'Why'),
      },
      phone,
    ],
    documents: [idCard, propertyCertificate],
    signature: true,
    validDays: 365,
  },
  {
    id: 'meter-verification',
    billerKind: 'electricity',
    name: t('电表校验', 'Meter accuracy check'),
    summary: t(
      '怀疑电表计量不准时，可申请上门校验；校验合格的按规定收取校验费。',
      'If you doubt your meter, ask for a check at home; a meter found accurate costs the fee.',
    ),
    fields: [
      {
        id: 'problem',
        kind: 'choice',
        label: t('电表问题', 'What seems wrong'),
        options: [
          { id: 'runs-fast', label: t('走字偏快', 'Runs fast') },
          { id: 'stopped', label: t('不走字', 'Stopped') },
          { id: 'display', label: t('显示异常', 'Display fault') },
        ],
      },
      { id: 'visit-date', kind: 'date', label: t('希望上门日期', 'Preferred visit date') },
      phone,
    ],
    documents: [
      idCard,
      {
        id: 'recent-bill',
        label: t('近期电费账单（可选）', 'A recent bill (optional)'),
        pages: { min: 0, max: 3 },
      },
    ],
    signature: true,
    validDays: 90,
  },
  {
    id: 'real-name',
    billerKind: 'electricity',
    name: t('实名制登记', 'Real-name registration'),
    summary: t(
      '将电费户号登记到实际用电人名下，便于接收通知和办理业务。',
      'Register the account to the person who uses it, for notices and services.',
    ),
    fields: [
      {
        id: 'relation',
        kind: 'choice',
        label: t('与户主关系', 'Relation to the holder'),
        options: [
          { id: 'owner', label: t('产权人', 'Owner') },
          { id: 'tenant', label: t('租户', 'Tenant') },
          { id: 'family', label: t('家庭成员', 'Family member') },
        ],
      },
      phone,
    ],
    documents: [idCard, propertyCertificate],
    signature: true,
    validDays: 1825,
  },
  {
    id: 'ev-charger',
    billerKind: 'electricity',
    name: t('电动车充电桩接电', 'EV charger connection'),
    summary: t(
      '在自有或长期租用车位安装充电桩，申请单独计量接电。',
      'A charger on your own or long-leased parking space, with its own meter.',
    ),
    fields: [
      { id: 'parking-space', kind: 'text', maxLength: 20, label: t('车位编号', 'Parking space') },
      {
        id: 'charger-power',
        kind: 'choice',
        label: t('充电桩功率', 'Charger power'),
        options: [
          { id: 'kw7', label: t('7千瓦', '7 kW') },
          { id: 'kw11', label: t('11千瓦', '11 kW') },
        ],
      },
      { id: 'install-date', kind: 'date', label: t('计划安装日期', 'Planned installation') },
      phone,
    ],
    documents: [
      idCard,
      {
        id: 'parking-certificate',
        label: t('车位产权证明或租赁合同', 'Parking space deed or lease'),
        pages: { min: 1, max: 4 },
      },
      {
        id: 'property-consent',
        label: t('物业同意安装证明', "Property management's consent"),
        pages: { min: 1, max: 2 },
      },
    ],
    signature: true,
    validDays: 180,
  },
  {
    id: 'pv-grid-connection',
    billerKind: 'electricity',
    name: t('居民光伏并网', 'Home solar grid connection'),
    summary: t(
      '屋顶分布式光伏发电接入电网，余电上网。',
      'Connect rooftop solar panels to the grid and sell the surplus.',
    ),
    fields: [
      {
        id: 'capacity-kw',
        kind: 'integer',
        min: 1,
        max: 50,
        label: t('装机容量（千瓦）', 'Capacity (kW)'),
      },
      {
        id: 'roof-type',
        kind: 'choice',
        label: t('屋顶类型', 'Roof'),
        options: [
          { id: 'flat', label: t('平屋顶', 'Flat') },
          { id: 'pitched', label: t('坡屋顶', 'Pitched') },
        ],
      },
      phone,
    ],
    documents: [
      idCard,
      propertyCertificate,
      {
        id: 'pv-design',
        label: t('光伏系统设计方案', 'Solar system design'),
        pages: { min: 1, max: 10 },
      },
    ],
    signature: true,
    validDays: 365,
  },
];

/** Where an invoice may be picked up (any community gets the same three). */
export const DEMO_PICKUP_POINTS: readonly PickupPoint[] = [
  {
    id: 'pp-xuhui-hall',
    name: t('国网上海徐汇供电营业厅', 'State Grid Xuhui service hall'),
    address: t('徐汇区漕溪北路**号', 'Caoxi Road North, Xuhui'),
    hours: t('周一至周六 8:30–17:00', 'Mon–Sat 8:30–17:00'),
  },
  {
    id: 'pp-wukang-committee',
    name: t('武康路社区居委会', 'Wukang Road neighbourhood committee'),
    address: t('武康路**号', 'Wukang Road'),
    hours: t('工作日 9:00–16:30', 'Weekdays 9:00–16:30'),
  },
  {
    id: 'pp-hunan-road',
    name: t('湖南路街道社区事务受理中心', 'Hunan Road community affairs centre'),
    address: t('淮海中路**号', 'Huaihai Road Central'),
    hours: t('周一至周五 9:00–17:00', 'Mon–Fri 9:00–17:00'),
  },
];

/** A code of the register: 17 characters and the check character GB 32100 gives them. */
function taxId(first17: string): string {
  const check = taxIdCheckCharacter(first17);
  if (check === null) throw new Error(`not a code: ${first17}`);
  return first17 + check;
}

/** The tax register (fictional companies of Xuhui district), by unified social credit code. */
export const DEMO_TAX_REGISTER: Readonly<Record<string, InvoiceTitle>> = {
  [taxId('91310104MA1FL8XK2')]: {
    name: '上海武康餐饮管理有限公司',
    address: '上海市徐汇区武康路**号',
    phone: '021-6433****',
    bank: '中国工商银行上海市徐汇支行',
    bankAccount: '1001****0912',
  },
  [taxId('91310104MA1FP3QW7')]: {
    name: '上海衡山路文化传播有限公司',
    address: '上海市徐汇区衡山路**号',
    phone: '021-6474****',
    bank: '中国建设银行上海衡山路支行',
    bankAccount: '3105****1187',
  },
  [taxId('12310104425012345')]: {
    name: '上海市徐汇区湖南路街道社区事务受理服务中心',
    address: '上海市徐汇区淮海中路**号',
    phone: '021-6431****',
    bank: '交通银行上海徐汇支行',
    bankAccount: '3100****5521',
  },
};

/** The register's codes, in order: for demos and tests. */
export const DEMO_TAX_IDS: readonly string[] = Object.keys(DEMO_TAX_REGISTER);

/** A resident who may get community notices (only with consent). */
export interface SeedResident {
  tags: string[];
  consented: boolean;
}

/** A small seeded generator (mulberry32): the same data at every seed. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** 420 residents in 12 buildings: about a third elders, most of them consenting to notices. */
export const DEMO_RESIDENTS: readonly SeedResident[] = (() => {
  const next = rng(20261206);
  return Array.from({ length: 420 }, (_, i) => {
    const tags = [`building-${(i % 12) + 1}`];
    if (next() < 0.32) tags.push('elder');
    if (next() < 0.08) tags.push('volunteer');
    return { tags, consented: next() < 0.85 };
  });
})();

export type CareAnomaly = 'low_usage' | 'spike' | null;

/** A household of the care programme (enrolled with its own or a guardian's written consent). */
export interface SeedHousehold {
  householdId: string;
  label: string;
  holder: string;
  contact: string;
  kind: string;
  /** Typical daily use, kWh. */
  usualKwh: number;
  /** What its readings show before the seed day (its alert). */
  anomaly: CareAnomaly;
}

export const DEMO_HOUSEHOLDS: readonly SeedHousehold[] = [
  {
    householdId: 'hh-01',
    label: '武康路**弄**号 3 室',
    holder: '王*芳',
    contact: '138****8000',
    kind: 'elder-living-alone',
    usualKwh: 3.4,
    anomaly: 'low_usage',
  },
  {
    householdId: 'hh-02',
    label: '武康路**弄**号 12 室',
    holder: '张*华',
    contact: '139****2231',
    kind: 'elder-living-alone',
    usualKwh: 4.1,
    anomaly: null,
  },
  {
    householdId: 'hh-03',
    label: '湖南路**号 601 室',
    holder: '陈*',
    contact: '136****7702',
    kind: 'elder-living-alone',
    usualKwh: 2.6,
    anomaly: null,
  },
  {
    householdId: 'hh-04',
    label: '五原路**弄**号 2 室',
    holder: '李*英',
    contact: '137****4410',
    kind: 'elder-couple',
    usualKwh: 5.2,
    anomaly: null,
  },
  {
    householdId: 'hh-05',
    label: '复兴西路**号 402 室',
    holder: '周*',
    contact: '135****0917',
    kind: 'rental-watch',
    usualKwh: 6.0,
    anomaly: 'spike',
  },
];

/** Complete days of a household's anomaly before the seed day: low use 1, a spike 3. */
const ANOMALY_DAYS: Readonly<Record<Exclude<CareAnomaly, null>, number>> = {
  low_usage: 1,
  spike: 3,
};

/** The first day of a household's anomaly (its alert's `since`), or null. */
export function anomalySince(h: SeedHousehold, seedDay: string): string | null {
  return h.anomaly === null ? null : addDays(seedDay, -ANOMALY_DAYS[h.anomaly]);
}

/**
 * A household's use on a day (kWh, one decimal): its usual use with a weekly rhythm and day to
 * day noise, seeded by household and day; from its anomaly's first day on, next to nothing (the
 * fridge) for low_usage, over four times the usual for spike.
 */
export function dailyKwh(h: SeedHousehold, day: string, seedDay: string): number {
  const n = daysBetween('2020-01-01', day);
  const next = rng(n * 97 + Number(h.householdId.replace(/\D/g, '')));
  const weekly = [1.0, 0.95, 0.97, 1.0, 1.05, 1.2, 1.15][((n % 7) + 7) % 7] ?? 1;
  const since = anomalySince(h, seedDay);
  const anomalous = since !== null && daysBetween(since, day) >= 0;
  const factor = !anomalous
    ? weekly * (0.8 + next() * 0.4)
    : h.anomaly === 'low_usage'
      ? 0.03
      : 4.3;
  return Math.round(h.usualKwh * factor * 10) / 10;
}

/** An application already on file when the demo starts. */
export interface SeedApplication {
  serialSuffix: string;
  serviceId: string;
  billerId: string;
  account: string;
  phone: string;
  trackingCode: string;
  /** Days before the seed day it was received. */
  receivedDaysAgo: number;
  script: 'in_review' | 'needs_more' | 'rejected' | 'completed';
}

export const DEMO_APPLICATIONS: readonly SeedApplication[] = [
  {
    serialSuffix: '900001',
    serviceId: 'multi-person-household',
    billerId: 'sh-power',
    account: '3100123456',
    phone: '13800138000',
    trackingCode: 'K7QH-2M9D',
    receivedDaysAgo: 1,
    script: 'in_review',
  },
  {
    serialSuffix: '900002',
    serviceId: 'capacity-increase',
    billerId: 'sh-power',
    account: '3100123456',
    phone: '13912345678',
    trackingCode: 'N3ED-5MR8',
    receivedDaysAgo: 3,
    script: 'needs_more',
  },
  {
    serialSuffix: '900003',
    serviceId: 'ev-charger',
    billerId: 'sh-power',
    account: '3100000002',
    phone: '13600001234',
    trackingCode: 'R9TB-7WXC',
    receivedDaysAgo: 6,
    script: 'rejected',
  },
  {
    serialSuffix: '900004',
    serviceId: 'meter-verification',
    billerId: 'sh-power',
    account: '3100000001',
    phone: '13700005678',
    trackingCode: 'C4GV-8HKP',
    receivedDaysAgo: 12,
    script: 'completed',
  },
];
