// A text file a person gives (a catalogue CSV, a workflow definition), checked before it is
// parsed: the mistakes of encoding that a parser would read as content.

/**
 * Why a file's text cannot be what a person meant: NUL characters (UTF-16 text, an Excel
 * workbook, a zip or another binary file), or U+FFFD, which is what reading a file saved in
 * another encoding (GBK, ANSI, Latin-1) as UTF-8 leaves: imported, its names would be stored
 * with those marks in place of the letters. `row` is the first line holding one (1-based).
 */
export function fileTextProblem(text: string): { problem: 'binary' | 'not-utf8'; row: number } | null {
  const nul = text.indexOf('\u0000');
  const bad = nul >= 0 ? nul : text.indexOf('\uFFFD');
  if (bad < 0) return null;
  const row = (text.slice(0, bad).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  return { problem: nul >= 0 ? 'binary' : 'not-utf8', row };
}
