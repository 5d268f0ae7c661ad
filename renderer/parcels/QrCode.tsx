// A QR code of the carrier's tracking page for a parcel (bwip-js draws it as SVG): the
// customer at the counter scans it with a phone to follow the parcel.
import { toSVG } from 'bwip-js/browser';
import { useMemo } from 'react';

export function QrCode({ text, label, size = 96 }: { text: string; label: string; size?: number }) {
  const svg = useMemo(() => {
    try {
      return toSVG({ bcid: 'qrcode', text, scale: 2 });
    } catch {
      return null; // a link too long for a QR code: the link itself still shows
    }
  }, [text]);
  if (!svg) return null;
  // bwip-js writes the SVG itself (paths only, no script): safe to place as markup.
  return (
    <div
      className="qr-code"
      data-testid="shipment-qr"
      data-payload={text}
      role="img"
      aria-label={label}
      title={text}
      style={{ width: size, height: size, flex: 'none' }}
      dangerouslySetInnerHTML={{ __html: svg.replace('<svg ', `<svg width="${size}" height="${size}" `) }}
    />
  );
}
