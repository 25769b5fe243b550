import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A link as a QR code for the customer's phone (the e-receipt, or the kiosk's payment code),
 * drawn as SVG squares: crisp at any size, no canvas. `label` names it for assistive tech.
 */
export function QrCode({
  url,
  label,
  className,
}: {
  url: string;
  label: string;
  className: string;
}) {
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
      className={`qr-code ${className}`}
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
