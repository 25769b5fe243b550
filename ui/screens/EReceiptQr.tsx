import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * The e-receipt: the payment's verification link as a QR the customer scans with a phone, drawn
 * as SVG squares (crisp at any size, no canvas). Shown when nothing could be printed.
 */
export function EReceiptQr({ url, label }: { url: string; label: string }) {
  const { size, cells } = useMemo(() => {
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const dark: [number, number][] = [];
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) dark.push([x, y]);
    }
    return { size: n, cells: dark };
  }, [url]);
  const quiet = 4;
  const span = size + quiet * 2;
  return (
    <svg
      className="e-receipt-qr"
      role="img"
      aria-label={label}
      data-url={url}
      viewBox={`0 0 ${span} ${span}`}
      shapeRendering="crispEdges"
    >
      <rect width={span} height={span} fill="#fff" />
      {cells.map(([x, y]) => (
        <rect key={`${x},${y}`} x={x + quiet} y={y + quiet} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}
