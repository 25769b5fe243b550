// The printer's test page (service mode): proves the paper feeds, the Chinese font prints and
// the cutter cuts, and says plainly that it is no receipt and carries no money.
import { shanghaiLocal } from '../time/shanghai';
import type { ReceiptLayout } from './layout';

export function testPage(o: { terminalId: string; at: number; reason: string }): ReceiptLayout {
  return {
    kind: 'testPage',
    copy: false,
    blocks: [
      { kind: 'title', text: '打印测试页 TEST PAGE' },
      { kind: 'mark', text: '本页不是缴费凭证，不涉及任何款项' },
      { kind: 'row', label: '终端', value: o.terminalId },
      { kind: 'row', label: '时间', value: shanghaiLocal(o.at) },
      { kind: 'row', label: '原因', value: o.reason },
      { kind: 'separator' },
      { kind: 'note', text: '中文字库：电费 水费 燃气费 电话费 有线电视费 ¥0123456789' },
      { kind: 'barcode', data: 'TEST-PAGE' },
    ],
  };
}
