// Makes what a scanner sent readable: control characters become visible symbols, so the
// "test your scanner" panel and the scan log show a group separator or a stray carriage
// return instead of nothing.

const NAMED: Record<string, string> = {
  '\r': '␍',
  '\n': '␊',
  '\t': '␉',
  '\x1b': '␛',
  '\x1d': '<GS>',
  '\x1e': '<RS>',
  '\x04': '<EOT>',
  '\x00': '␀',
  '\x7f': '␡',
};

/** Named keys as a scanner suffix or prefix, shown the way the panel shows characters. */
const KEY_SYMBOL: Record<string, string> = { Enter: '␍', Tab: '␉', Escape: '␛' };

/** `text` with every control character (C0, DEL, C1) replaced by a visible symbol. */
export function visibleControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (NAMED[ch]) out += NAMED[ch];
    else if (code < 0x20) out += String.fromCodePoint(0x2400 + code); // ␁ ␂ ...
    else if (code >= 0x7f && code <= 0x9f) out += `<${code.toString(16).toUpperCase().padStart(2, '0')}>`;
    else out += ch;
  }
  return out;
}

/** A KeyboardEvent.key shown as a symbol: Enter -> ␍, a character stays itself. */
export function visibleKey(key: string): string {
  return KEY_SYMBOL[key] ?? ([...key].length === 1 ? visibleControls(key) : `⟨${key}⟩`);
}
