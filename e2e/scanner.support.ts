// Scanner simulation for the scanner e2e specs.
//
// A keyboard-wedge scanner types each code in a few milliseconds and the OS stamps every
// key as it arrives. `scan()` does the same through the DevTools protocol: all keys of one
// scan are sent back to back, each with its own timestamp `gapMs` apart, so the page sees
// exactly "characters 5 ms apart, then Enter" however busy the machine running the tests
// is. (`page.keyboard.type(code, { delay: 5 })` waits for a round trip per key; on a loaded
// machine that stretches the gaps to hundreds of milliseconds, which no scanner does and
// which the detector rightly reads as a person typing.) The stamps start a little ahead of
// the clock: on a heavily loaded test machine the browser process may hand the keys over
// tens of milliseconds late, and the window must not give up on a scan whose keys the "OS"
// says came 5 ms apart (up to three seconds late: with both cores fully loaded, a lead of
// one second once let a scan be given back half-way, its last keys read as another scan).
// `typeLikeScanner()` is the simpler form, for a calm machine.
import { expect, type CDPSession, type Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();
/** Last timestamp used per page, so stamps never run backwards between scans. */
const lastStamp = new WeakMap<Page, number>();
/** How far ahead of the clock a scan's stamps start (seconds). */
const LEAD = 3;

function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

interface KeyFields {
  key: string;
  code: string;
  text?: string;
  windowsVirtualKeyCode: number;
  modifiers?: number;
}

function keyFields(ch: string): KeyFields {
  // GS1's FNC1 (ASCII GS): scanners send it as Ctrl+].
  if (ch === '\x1d') return { key: ']', code: 'BracketRight', windowsVirtualKeyCode: 221, modifiers: 2 };
  if (/^[a-z]$/i.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, text: ch, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0) };
  if (/^\d$/.test(ch)) return { key: ch, code: `Digit${ch}`, text: ch, windowsVirtualKeyCode: ch.charCodeAt(0) };
  if (ch === ' ') return { key: ' ', code: 'Space', text: ' ', windowsVirtualKeyCode: 32 };
  return { key: ch, code: '', text: ch, windowsVirtualKeyCode: 0 };
}

const SUFFIX: Record<string, KeyFields> = {
  Enter: { key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 },
  Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
};

/** One scan: `code`'s characters `gapMs` apart (by their timestamps), then the suffix. */
export async function scan(page: Page, code: string, { gapMs = 5, suffix = 'Enter' }: { gapMs?: number; suffix?: string } = {}): Promise<void> {
  await sendKeys(page, [...[...code].map(keyFields), SUFFIX[suffix] ?? keyFields(suffix)], gapMs);
}

/** Keys `gapMs` apart by their timestamps and no suffix: a quick hand, not a scan. */
export async function keyBurst(page: Page, text: string, gapMs = 5): Promise<void> {
  await sendKeys(page, [...text].map(keyFields), gapMs);
}

async function sendKeys(page: Page, keys: KeyFields[], gapMs: number): Promise<void> {
  const cdp = await session(page);
  const start = Math.max(Date.now() / 1000 + LEAD, (lastStamp.get(page) ?? 0) + gapMs / 1000);
  const sends: Array<Promise<unknown>> = [];
  keys.forEach((k, i) => {
    const timestamp = start + (i * gapMs) / 1000;
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...k, unmodifiedText: k.text, timestamp }));
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode, modifiers: k.modifiers ?? 0, timestamp: timestamp + 0.001 }),
    );
  });
  lastStamp.set(page, start + ((keys.length - 1) * gapMs) / 1000 + 0.001);
  await Promise.all(sends);
}

/** The plain Playwright way: keys 5 ms apart (plus a round trip each), then Enter. */
export async function typeLikeScanner(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Waits until the window has fully handled (routed, told, logged) `n` scans since it loaded. */
export async function handled(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-handled', String(n));
}
