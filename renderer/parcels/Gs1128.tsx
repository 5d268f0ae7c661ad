// GS1-128 by bwip-js (it knows the GS1 application identifiers and the FNC1 they need),
// drawn as SVG so it stays sharp at any print resolution.
import { toSVG } from 'bwip-js/browser';
import { useMemo } from 'react';

/** `text` in GS1 bracket form, e.g. "(00)002000000000000017". */
export function Gs1128({ text, height = 18 }: { text: string; height?: number }) {
  const svg = useMemo(() => {
    try {
      return toSVG({ bcid: 'gs1-128', text, height, includetext: true, textxalign: 'center', scale: 2 });
    } catch {
      return null; // bwip-js refuses data its symbology cannot carry; the text still shows
    }
  }, [text, height]);
  if (!svg) return <span data-payload={text}>{text}</span>;
  // bwip-js writes the SVG itself (paths only, no script): safe to place as markup.
  return <div className="gs1-128" data-payload={text} role="img" aria-label={text} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** A Code 128 symbol of a tracking number (carriers print theirs in Code 128). */
export function Code128({ text, height = 14 }: { text: string; height?: number }) {
  const svg = useMemo(() => {
    try {
      return toSVG({ bcid: 'code128', text, height, includetext: true, textxalign: 'center', scale: 2 });
    } catch {
      return null;
    }
  }, [text, height]);
  if (!svg) return <span data-payload={text}>{text}</span>;
  return <div className="code-128" data-payload={text} role="img" aria-label={text} dangerouslySetInnerHTML={{ __html: svg }} />;
}
