// Real, scannable symbols as SVG (sharp at any print resolution): Code 128 and EAN-13 by
// JsBarcode, QR by qrcode (module matrix drawn as one SVG path).
import JsBarcode from 'jsbarcode';
import QRCode from 'qrcode';
import { useLayoutEffect, useMemo, useRef } from 'react';

export type LinearFormat = 'CODE128' | 'EAN13';

/** A valid EAN-13 prints as EAN-13 (what retail scanners expect); anything else as Code 128. */
export function linearFormat(value: string): LinearFormat {
  if (!/^\d{13}$/.test(value)) return 'CODE128';
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === digits[12] ? 'EAN13' : 'CODE128';
}

export function LinearBarcode({
  value,
  height = 56,
  barWidth = 2,
  showText = false,
  format,
}: {
  value: string;
  height?: number;
  barWidth?: number;
  showText?: boolean;
  format?: LinearFormat;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const fmt = format ?? linearFormat(value);
  useLayoutEffect(() => {
    if (!ref.current) return;
    try {
      JsBarcode(ref.current, value, {
        format: fmt,
        width: barWidth,
        height,
        margin: 0,
        displayValue: showText,
        fontSize: 14,
        textMargin: 2,
        background: 'transparent',
        lineColor: '#000',
        font: 'monospace',
      });
      // Scale with the label: the symbol keeps its proportions (quiet zones come from the card).
      const w = ref.current.getAttribute('width');
      const h = ref.current.getAttribute('height');
      if (w && h) {
        ref.current.setAttribute('viewBox', `0 0 ${parseFloat(w)} ${parseFloat(h)}`);
        ref.current.removeAttribute('width');
        ref.current.removeAttribute('height');
      }
    } catch {
      // JsBarcode refuses values its format cannot carry; the payload text still shows.
    }
  }, [value, fmt, height, barWidth, showText]);
  return <svg ref={ref} className="barcode" role="img" aria-label={value} data-payload={value} data-format={fmt} preserveAspectRatio="xMidYMid meet" />;
}

export function QrCode({ value, size = 96 }: { value: string; size?: number }) {
  const { path, n } = useMemo(() => {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const count = qr.modules.size;
    const data = qr.modules.data;
    let d = '';
    for (let y = 0; y < count; y += 1) {
      for (let x = 0; x < count; x += 1) {
        if (data[y * count + x]) d += `M${x} ${y}h1v1h-1z`;
      }
    }
    return { path: d, n: count };
  }, [value]);
  // A 2-module quiet zone is enough on a white label with a printed border around it.
  const q = 2;
  return (
    <svg
      className="qr"
      width={size}
      height={size}
      viewBox={`${-q} ${-q} ${n + 2 * q} ${n + 2 * q}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={value}
      data-payload={value}
    >
      <rect x={-q} y={-q} width={n + 2 * q} height={n + 2 * q} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
