// Window-wide keyboard shortcuts. Unlike Mantine's useHotkeys, a focused radio, checkbox or
// button does not swallow them (after clicking the role switcher, digits must still run
// actions); only fields that take typed text do, unless `inFields` is set (F-keys, Alt+n).
// Keys the scanner holds are stopped before they get here (renderer/scanner/capture.ts).
import { useEffect, useRef } from 'react';

const TEXT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

export function takesText(el: EventTarget | null): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return TEXT_TYPES.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export interface Shortcut {
  /** 'F1', '/', '1', 'alt+3', 'mod+Enter' (mod = Ctrl, or Cmd on macOS). */
  combo: string;
  run: () => void;
  /** Also while a text field has focus (only for keys that never type text). */
  inFields?: boolean;
}

function matches(event: KeyboardEvent, combo: string): boolean {
  const parts = combo.split('+');
  const key = parts.pop()!;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const wantCtrl = mods.has('ctrl') || (mods.has('mod') && !mac);
  const wantMeta = mods.has('meta') || (mods.has('mod') && mac);
  if (event.altKey !== mods.has('alt') || event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta) return false;
  if (mods.has('shift') && !event.shiftKey) return false;
  // Digits by physical key too: Alt+1 types "¡" on some layouts.
  if (/^\d$/.test(key)) return event.key === key || event.code === `Digit${key}` || event.code === `Numpad${key}`;
  return event.key.toLowerCase() === key.toLowerCase();
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  // The latest handlers without re-binding the listener on every render.
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      const inField = takesText(event.target);
      for (const s of ref.current) {
        if (inField && !s.inFields) continue;
        if (!matches(event, s.combo)) continue;
        event.preventDefault();
        s.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
