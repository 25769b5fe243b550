// The settlement slip (清机结算单) of a cash-box exchange: the box taken out (id, seal), when and
// by whom, the notes the ledger expected and those counted, by denomination and in total, the
// difference as 长款 (more than expected) or 短款 (less), the staff item that carries it, and lines
// for the technician's and a witness's signatures. Its lines are journalled with the settlement
// (offline-queue/cash-exchange.ts) and the same layout is printed, or reprinted as a copy.
import type { Settlement, SettlementSlipText } from '../../offline-queue/cash-exchange';
import { shanghaiLocal } from '../time/shanghai';
import { noteValue, yuan } from './amounts';
import type { Block, ReceiptLayout } from './layout';
import { screenLines } from './render-text';

export interface SettlementSlipInput {
  terminalId: string;
  settlement: Settlement;
  copy?: boolean;
}

/** The slip's number, for its barcode: the terminal and the exchange. */
export function settlementSerial(terminalId: string, exchangeId: number): string {
  return `${terminalId}-QJ-${String(exchangeId).padStart(6, '0')}`;
}

/** "短 2 张" (missing), "长 1 张" (more than expected) or "相符". */
function notesDifference(discrepancy: number): string {
  if (discrepancy > 0) return `短 ${discrepancy} 张`;
  if (discrepancy < 0) return `长 ${-discrepancy} 张`;
  return '相符';
}

/** The difference in money: 短款 or 长款 and its amount, or why there is none. */
function moneyDifference(s: Settlement): string {
  if (s.discrepancy > 0) return `短款 ${yuan(s.discrepancy)}`;
  if (s.discrepancy < 0) return `长款 ${yuan(-s.discrepancy)}`;
  return s.outcome === 'mixed' ? '金额相符，面额不符' : '无';
}

export function settlementSlip(i: SettlementSlipInput): ReceiptLayout {
  const s = i.settlement;
  const serial = settlementSerial(i.terminalId, s.exchangeId);
  const who = s.by === s.begunBy ? s.by : `${s.begunBy}（开始）/ ${s.by}（结算）`;
  const denominations: Block[] = s.lines.map((l) => ({
    kind: 'row',
    label: `${noteValue(l.value)} 应${l.expected}张 实${l.counted}张`,
    value: notesDifference(l.discrepancy),
  }));
  const blocks: Block[] = [
    { kind: 'title', text: '清机结算单' },
    ...(s.outcome === 'match' ? [] : [{ kind: 'mark' as const, text: '清点有差异，已转工作人员' }]),
    { kind: 'row', label: '终端编号', value: i.terminalId },
    { kind: 'row', label: '结算单号', value: serial },
    { kind: 'row', label: '开始时间', value: shanghaiLocal(s.begunAt) },
    { kind: 'row', label: '结算时间', value: shanghaiLocal(s.at) },
    { kind: 'row', label: '取出钱箱', value: s.boxId },
    { kind: 'row', label: '封条号', value: s.seal },
    ...(s.newBox
      ? [
          { kind: 'row' as const, label: '换入钱箱', value: s.newBox.boxId },
          { kind: 'row' as const, label: '新封条号', value: s.newBox.seal },
        ]
      : []),
    { kind: 'row', label: '清机人工号', value: who },
    {
      kind: 'row',
      label: '识别器计数',
      value: s.deviceStacked === null ? '无' : String(s.deviceStacked),
    },
    { kind: 'separator' },
    ...(denominations.length > 0
      ? denominations
      : [{ kind: 'row' as const, label: '纸币', value: '0 张' }]),
    { kind: 'separator' },
    { kind: 'total', label: '应有金额', amount: s.expected.total },
    { kind: 'total', label: '实点金额', amount: s.counted.total },
    { kind: 'row', label: '差额', value: moneyDifference(s) },
    ...(s.expected.unknownValue > 0
      ? [
          {
            kind: 'row' as const,
            label: '面额未知纸币',
            value: `${s.expected.unknownValue} 张（未计入应有）`,
          },
        ]
      : []),
    ...(s.discrepancyItemId === null
      ? []
      : [{ kind: 'row' as const, label: '差异待办', value: `#${s.discrepancyItemId}` }]),
    { kind: 'separator' },
    { kind: 'barcode', data: serial },
    { kind: 'signature', label: '清机人签字' },
    { kind: 'signature', label: '复核人签字' },
    { kind: 'note', text: '本单为钱箱清点结算记录，不作缴费凭证。' },
  ];
  return { kind: 'settlementSlip', copy: i.copy ?? false, blocks };
}

/** The slip's lines as the cash exchange journals them (the same lines the screen shows). */
export function settlementSlipText(terminalId: string): SettlementSlipText {
  return (settlement) => screenLines(settlementSlip({ terminalId, settlement }));
}
