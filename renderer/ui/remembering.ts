// A board says the same few things on every card ("2 lines", "5 min", "auto-cancel in
// 23 hr"), each second; i18next and Intl build each text anew on every call.

/** Enough for every distinct text a screen shows; past it, start again. */
const MAX_KEPT = 5_000;

/** `words`, remembering its answers by arguments. */
export function remembering<A extends unknown[]>(words: (...args: A) => string): (...args: A) => string {
  const kept = new Map<string, string>();
  return (...args) => {
    const id = JSON.stringify(args);
    let text = kept.get(id);
    if (text === undefined) {
      if (kept.size >= MAX_KEPT) kept.clear();
      text = words(...args);
      kept.set(id, text);
    }
    return text;
  };
}
