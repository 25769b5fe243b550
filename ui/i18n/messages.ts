// Every word the customer sees, in both languages. Chinese is the default.
import type { BillerKind, Locale, ProblemCode } from '../../src/api/kiosk-api';

const zhCN = {
  appTitle: '社区缴费服务',
  attractLead: '电费 水费 燃气费 电话费 有线电视费',
  start: '开始缴费',
  switchLanguage: 'English',
  chooseBiller: '请选择缴费项目',
  enterAccount: '请输入户号',
  accountDigits: '户号 {count} 位',
  accountEntered: '已输入的户号',
  delete: '删除',
  clear: '清空',
  confirm: '确认',
  back: '返回',
  cancel: '取消',
  lookingUp: '正在查询账单，请稍候',
  scanHint: '也可以把账单上的二维码对准扫码口',
  billsFor: '户名 {holder}',
  address: '地址 {address}',
  period: '账期 {period}',
  principal: '本金',
  lateFee: '违约金',
  daysOverdue: '逾期 {days} 天',
  totalDue: '应缴合计',
  payCash: '现金缴费',
  insertCash: '请放入纸币',
  amountDue: '应缴金额',
  collected: '已放入',
  remaining: '还需放入',
  acceptedNotes: '可收纸币: {notes}',
  overpaymentNote: '多放的钱将存入您的账户，下次抵扣',
  noOverpaymentNote: '超出应缴金额的纸币会退回',
  writingOff: '正在入账，请稍候',
  paid: '缴费成功',
  prepaid: '转入预存 {amount} 元',
  pendingSync: '款项已收妥',
  pendingSyncLead: '网络暂时繁忙，您的缴费将自动入账，无需再次缴费。请保管好凭证。',
  receipt: '凭证',
  done: '完成',
  home: '返回首页',
  yuan: '{amount} 元',
  pendingSyncStaff: '待入账 {count} 笔',
  staffItems: '待处理 {count} 项',
  billerPaused: '暂停受理',
  outOfService: '暂停服务，请联系工作人员',
  noteChecking: '正在识别纸币，请稍候',
  underReview: '有 {amount} 元纸币需要工作人员核对，请联系工作人员',
  stopInserting: '不再放入',
  partialCash: '您已放入 {amount} 元',
  partialShort: '还差 {amount} 元',
  partialWriteOffLead: '确认后，已放入的 {amount} 元将缴入您的账户，剩余部分下次再缴',
  partialRefundLead:
    '这项缴费需要一次缴足。确认后将打印退款凭证，请凭凭证找工作人员退还 {amount} 元',
  partialFaultLead: '收钞机出现故障，不能继续放入纸币',
  continueInserting: '继续放入',
  confirmPartialWriteOff: '确认缴入 {amount} 元',
  confirmRefundSlip: '打印退款凭证',
  refundSlip: '请凭退款凭证找工作人员退款',
  refundSlipLead: '您的 {amount} 元已妥善保管，工作人员会当面退还给您',
  takeRefundSlip: '请取走打印的退款凭证',
  showRefundSlip: '打印机暂时不能打印，请把这个页面给工作人员看',
  takeReceipt: '请取走打印的凭证',
  eReceipt: '电子凭证二维码',
  eReceiptLead: '打印机暂时不能打印，请用手机扫描二维码保存电子凭证',
  receiptOnScreen: '打印机暂时不能打印凭证，缴费后将在屏幕上显示电子凭证二维码，可用手机扫码保存',
  printerPaperLow: '凭证纸将用完',
  printerOut: '打印机暂停服务',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  appTitle: 'Community bill payment',
  attractLead: 'Electricity, water, gas, telephone and cable TV',
  start: 'Start',
  switchLanguage: '中文',
  chooseBiller: 'What would you like to pay?',
  enterAccount: 'Enter your account number',
  accountDigits: 'Account number: {count} digits',
  accountEntered: 'Account number entered',
  delete: 'Delete',
  clear: 'Clear',
  confirm: 'Confirm',
  back: 'Back',
  cancel: 'Cancel',
  lookingUp: 'Looking up your bills, please wait',
  scanHint: 'Or hold the code on your bill under the scanner',
  billsFor: 'Holder {holder}',
  address: 'Address {address}',
  period: 'Period {period}',
  principal: 'Amount',
  lateFee: 'Late fee',
  daysOverdue: '{days} days overdue',
  totalDue: 'Total due',
  payCash: 'Pay with cash',
  insertCash: 'Please insert banknotes',
  amountDue: 'Amount due',
  collected: 'Inserted',
  remaining: 'Still to insert',
  acceptedNotes: 'Notes accepted: {notes}',
  overpaymentNote: 'Any extra is kept on your account for your next bill',
  noOverpaymentNote: 'A note above the amount due is given back',
  writingOff: 'Recording your payment, please wait',
  paid: 'Payment complete',
  prepaid: '{amount} yuan kept on your account',
  pendingSync: 'Your money is safely received',
  pendingSyncLead:
    'The network is busy. Your payment will be recorded automatically; do not pay again. Please keep your receipt.',
  receipt: 'Receipt',
  done: 'Done',
  home: 'Back to start',
  yuan: '{amount} yuan',
  pendingSyncStaff: '{count} payments waiting to sync',
  staffItems: '{count} items for staff',
  billerPaused: 'Paused',
  outOfService: 'Out of service. Please ask staff',
  noteChecking: 'Checking your note, please wait',
  underReview: 'A note of {amount} yuan needs checking by staff. Please ask staff',
  stopInserting: 'Stop inserting',
  partialCash: 'You have inserted {amount} yuan',
  partialShort: '{amount} yuan short',
  partialWriteOffLead:
    'If you confirm, the {amount} yuan you inserted will be paid to your account; pay the rest next time',
  partialRefundLead:
    'This bill must be paid in full. If you confirm, a refund slip is printed: show it to staff to get your {amount} yuan back',
  partialFaultLead: 'The banknote reader has a fault and cannot take more notes',
  continueInserting: 'Insert more notes',
  confirmPartialWriteOff: 'Pay {amount} yuan',
  confirmRefundSlip: 'Print refund slip',
  refundSlip: 'Please take the refund slip to staff',
  refundSlipLead: 'Your {amount} yuan is kept safe; staff will give it back to you in person',
  takeRefundSlip: 'Please take the printed refund slip',
  showRefundSlip: 'The printer cannot print just now. Please show this screen to staff',
  takeReceipt: 'Please take your printed receipt',
  eReceipt: 'E-receipt QR code',
  eReceiptLead:
    'The printer cannot print just now. Scan this code with your phone to keep your receipt',
  receiptOnScreen:
    'The printer cannot print just now. After paying, your receipt is shown as a code to scan with your phone',
  printerPaperLow: 'Receipt paper low',
  printerOut: 'Printer out of service',
};

const KIND: Record<Locale, Record<BillerKind, string>> = {
  'zh-CN': {
    electricity: '电费',
    water: '水费',
    gas: '燃气费',
    telecom: '电话费',
    cabletv: '有线电视费',
  },
  en: {
    electricity: 'Electricity',
    water: 'Water',
    gas: 'Gas',
    telecom: 'Telephone',
    cabletv: 'Cable TV',
  },
};

const PROBLEM: Record<Locale, Record<ProblemCode, string>> = {
  'zh-CN': {
    account_not_found: '没有找到这个户号，请核对后重新输入',
    invalid_account: '户号位数不对，请核对后重新输入',
    account_locked: '这个户号暂时不能在这里缴费，请到营业厅办理',
    nothing_due: '这个户号目前没有需要缴纳的账单',
    gateway_unavailable: '暂时连不上缴费系统，请稍后再试或联系工作人员',
    acceptor_unavailable: '收钞机暂时不能使用，请联系工作人员',
    payment_needs_staff: '请联系工作人员，您的钱不会丢失',
    unrecognised_scan: '这个码不是缴费账单，请扫描账单上的二维码或条形码',
    payment_code_scanned: '这是付款码。请先扫描账单上的二维码，或选择缴费项目',
    card_not_recognised: '这张卡不能在这里使用，请扫描账单或输入户号',
    biller_paused: '这项缴费暂停受理，请稍后再来或联系工作人员',
    note_under_review: '有一张纸币需要工作人员核对，请联系工作人员，您的钱不会丢失',
    exact_cash_impossible: '这项缴费不能多收，应缴金额无法用纸币凑整，请联系工作人员',
  },
  en: {
    account_not_found: 'We could not find this account number. Please check it and try again',
    invalid_account: 'This account number has the wrong length. Please check it',
    account_locked: 'This account cannot be paid here. Please visit a service hall',
    nothing_due: 'There is nothing to pay on this account',
    gateway_unavailable: 'The payment system cannot be reached. Please try later or ask staff',
    acceptor_unavailable: 'The banknote reader is not working. Please ask staff',
    payment_needs_staff: 'Please ask staff for help. Your money is safe',
    unrecognised_scan: 'This code is not a bill. Please scan the code printed on your bill',
    card_not_recognised:
      'This card cannot be used here. Please scan your bill or enter the account number',
    payment_code_scanned:
      'This is a payment code. Please scan the code on your bill first, or choose what to pay',
    biller_paused: 'This bill cannot be paid here just now. Please come back later or ask staff',
    note_under_review: 'A note needs checking by staff. Please ask staff; your money is safe',
    exact_cash_impossible:
      'This bill takes no overpayment and its amount cannot be made with notes. Please ask staff',
  },
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export interface Translator {
  locale: Locale;
  (key: MessageKey, params?: Record<string, string | number>): string;
  kind(kind: BillerKind): string;
  problem(code: ProblemCode): string;
}

export function translator(locale: Locale): Translator {
  const t = ((key, params) =>
    MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
      String(params?.[name] ?? ''),
    )) as Translator;
  t.locale = locale;
  t.kind = (kind) => KIND[locale][kind];
  t.problem = (code) => PROBLEM[locale][code];
  return t;
}
