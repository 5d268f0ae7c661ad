// The first-start's "load demo data": the shop window asks for an import and opens the demo
// counter; the demo counter's Demo data card takes the request (once) and starts it.
export const DEMO_ON_OPEN_KEY = 'counterflow.demoImportOnOpen';

/** The number of orders asked for, taken (asked once); null when none was. */
export function takeDemoOnOpen(): number | null {
  try {
    const asked = Number(localStorage.getItem(DEMO_ON_OPEN_KEY));
    localStorage.removeItem(DEMO_ON_OPEN_KEY);
    return Number.isSafeInteger(asked) && asked > 0 ? asked : null;
  } catch {
    return null;
  }
}
