// Makes what a scanner sent readable: control characters become visible tags, so the
// "test your scanner" panel and the scan log show a group separator or a stray carriage
// return instead of nothing. Plain ASCII tags (<GS>, <CR>) rather than the Unicode control
// pictures (␝ ␍), which many counter PCs have no font for.

const NAMED: Record<string, string> = {
  '\r': 'CR',
  '\n': 'LF',
  '\t': 'TAB',
  '\x1b': 'ESC',
  '\x1d': 'GS',
  '\x1e': 'RS',
  '\x1c': 'FS',
  '\x04': 'EOT',
  '\x00': 'NUL',
  '\x7f': 'DEL',
};

/** One piece of displayed text: plain characters, or the name of a control character/key. */
export type VisiblePart = { text: string } | { control: string };

function controlName(ch: string): string | null {
  const code = ch.codePointAt(0) ?? 0;
  if (NAMED[ch]) return NAMED[ch]!;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return null;
}

/** `text` split into plain runs and named control characters, in order. */
export function visibleParts(text: string): VisiblePart[] {
  const parts: VisiblePart[] = [];
  let run = '';
  for (const ch of text) {
    const name = controlName(ch);
    if (name === null) {
      run += ch;
      continue;
    }
    if (run) parts.push({ text: run });
    run = '';
    parts.push({ control: name });
  }
  if (run) parts.push({ text: run });
  return parts;
}

/** `text` with every control character (C0, DEL, C1) written as a tag: `<GS>`, `<CR>`. */
export function visibleControls(text: string): string {
  return visibleParts(text)
    .map((p) => ('text' in p ? p.text : `<${p.control}>`))
    .join('');
}

/** A KeyboardEvent.key as a part: a named key (Enter, Tab) or a character. */
export function keyPart(key: string): VisiblePart {
  if ([...key].length === 1) return controlName(key) === null ? { text: key } : { control: controlName(key)! };
  return { control: key };
}

/** A key written like visibleControls writes characters: Enter -> `<Enter>`, `#` -> `#`. */
export function visibleKey(key: string): string {
  const part = keyPart(key);
  return 'text' in part ? part.text : `<${part.control}>`;
}
