// The emulated receipt printer in the developer panel: paper and cover faults now or in the
// middle of the next receipt, a repair, and the last receipt as the paper shows it.
import { useEffect, useState } from 'react';
import type { PrinterState } from '../control/printer-protocol';
import { lastReceiptImage, printerControl as c } from './control-client';

type Act = (p: Promise<{ message: string }>) => void;

const FAULTS = [
  ['nearEnd', 'Paper near end'],
  ['paperOut', 'Paper out'],
  ['coverOpen', 'Cover open'],
  ['cutterError', 'Cutter error'],
  ['offline', 'Offline'],
] as const;

export function PrinterPanel({ s, act }: { s: PrinterState; act: Act }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    // A new receipt: fetch its image once; the old object URL is let go.
    let url: string | null = null;
    void lastReceiptImage().then((u) => setImage((url = u)));
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [s.receipts]);
  const faults = [
    s.paper !== 'ok' && `paper ${s.paper}`,
    s.coverOpen && 'cover open',
    s.cutterError && 'cutter error',
    s.offline && 'offline',
  ].filter(Boolean);
  return (
    <section>
      <h2>Receipt printer ({faults.join(', ') || 'ready'})</h2>
      <div className="row">
        {FAULTS.map(([fault, label]) => (
          <button key={fault} onClick={() => act(c.setFault(fault))}>
            {label}
          </button>
        ))}
        <button onClick={() => act(c.setFault('paperOut', 4))}>Paper out mid-receipt</button>
        <button onClick={() => act(c.setFault(null))}>Repair</button>
      </div>
      <p>Receipts printed: {s.receipts}</p>
      {s.last && image && (
        <img className="receipt-image" alt={s.last.lines.join('\n')} src={image} />
      )}
    </section>
  );
}
