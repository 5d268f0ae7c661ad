// The paper the counter prints receipts and reports on, remembered per window's storage.
import { useState } from 'react';

export const PAPER_WIDTHS = ['58', '80', 'a4'] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];
const KEY = 'counterflow.paper';

export function usePaperWidth(): [PaperWidth, (w: PaperWidth) => void] {
  const [width, setWidth] = useState<PaperWidth>(() => {
    const saved = localStorage.getItem(KEY);
    return (PAPER_WIDTHS as readonly string[]).includes(saved ?? '') ? (saved as PaperWidth) : '80';
  });
  return [
    width,
    (w) => {
      localStorage.setItem(KEY, w);
      setWidth(w);
    },
  ];
}
