// The DOM side of keyboard-wedge scanning: one capture-phase keydown listener on window
// feeds the pure ScanDetector (detector.ts) and obeys its decisions.
//
//   'hold'      preventDefault + stopImmediatePropagation: the key neither lands in a
//               focused input, nor clicks a focused button, nor reaches any shortcut.
//   { scan }    the suffix is suppressed the same way and the scan is handed on.
//   { release } the held keys were a person's after all: typed into the focused field at
//               the caret (execCommand('insertText') fires `input`, so React sees it), or,
//               when no field has focus, replayed as the keydowns they were (the digit
//               hotkeys of the action panel, for instance).
//
// Held keys come back at the latest `maxGapMs` later, from a timer set at the detector's
// `deadline()` (the only place `flush` is called), or before a pointer press, so a click
// that moves focus never receives text typed before it.
import { ScanDetector, type KeyDecision, type Scan, type ScanProfile } from './detector';

export interface CapturedScan extends Scan {
  /** Time of each key of the scan, prefix included, then the suffix (event.timeStamp, ms). */
  keyTimes: number[];
  /** When the suffix keydown happened (performance.now() time base): scan-to-screen starts here. */
  enterAt: number;
  /** The profile that read it (the test panel shows its prefix and suffix). */
  profile: Readonly<ScanProfile>;
}

/** A burst of fast keys ended by the suffix that was NOT read as a scan (test panel hint). */
export interface NearMiss {
  text: string;
  chars: number;
  duration: number;
  maxGap: number;
  at: number;
}

export interface CaptureListener {
  onScan(scan: CapturedScan): void;
  onNearMiss?(miss: NearMiss): void;
}

interface HeldKey {
  key: string;
  code: string;
  time: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  location: number;
  target: EventTarget | null;
}

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number']);

/** A field that takes typed text where the caret is. */
export function isEditable(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type) && !el.readOnly && !el.disabled;
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Types `text` into the focused field at the caret, so frameworks see an ordinary input. */
export function insertText(el: HTMLElement, text: string): void {
  if (!text) return;
  if (document.activeElement !== el) el.focus();
  // execCommand keeps the field's undo history and fires beforeinput/input like typing does.
  let done: boolean;
  try {
    done = document.execCommand('insertText', false, text);
  } catch {
    done = false;
  }
  if (done) return;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    let start: number | null = null;
    let end: number | null = null;
    try {
      start = el.selectionStart;
      end = el.selectionEnd;
    } catch {
      // type=number and friends have no selection: append.
    }
    const value = el.value;
    const next = start === null || end === null ? value + text : value.slice(0, start) + text + value.slice(end);
    // The native setter, so React's value tracker notices the change.
    if (setter) setter.call(el, next);
    else el.value = next;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    if (start !== null) {
      try {
        el.setSelectionRange(start + text.length, start + text.length);
      } catch {
        // ignore: no selection on this type
      }
    }
  }
}

const MAX_POSTPONE = 20;

/** Chromium's navigator.scheduling.isInputPending(): input events queued behind this task. */
function inputPending(): boolean {
  const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: (o?: { includeContinuous?: boolean }) => boolean } }).scheduling;
  try {
    return scheduling?.isInputPending?.() ?? false;
  } catch {
    return false;
  }
}

/** Whether a held key is plain text (goes into a field) rather than a shortcut to replay. */
function isTextKey(k: HeldKey): boolean {
  const altGr = k.ctrlKey && k.altKey;
  return [...k.key].length === 1 && !k.metaKey && (altGr || (!k.ctrlKey && !k.altKey)) && k.key >= ' ';
}

export class ScannerCapture {
  private detector: ScanDetector;
  private held: HeldKey[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attached = false;
  /** Recent printable keys (time, key) for the near-miss hint of the test panel. */
  private recent: Array<{ key: string; time: number }> = [];
  private postponed = 0;

  constructor(
    profile: Partial<ScanProfile>,
    private readonly listener: CaptureListener,
    private readonly win: Window = window,
  ) {
    this.detector = new ScanDetector(profile);
  }

  get profile(): Readonly<ScanProfile> {
    return this.detector.profile;
  }

  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.win.addEventListener('keydown', this.onKeyDown, { capture: true });
    this.win.addEventListener('pointerdown', this.onPointerDown, { capture: true });
    this.win.addEventListener('blur', this.onBlur);
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.win.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.win.removeEventListener('pointerdown', this.onPointerDown, { capture: true });
    this.win.removeEventListener('blur', this.onBlur);
    this.giveBackAll();
  }

  /** Switches profile; anything held under the old one is given back first. */
  setProfile(profile: Partial<ScanProfile>): void {
    const next = new ScanDetector(profile);
    this.giveBackAll();
    this.detector = next;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    // Only real keys: our own replays (and any script's synthetic events) pass untouched.
    if (!event.isTrusted) return;
    const decision = this.detector.feed({
      key: event.key,
      time: event.timeStamp,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      repeat: event.repeat,
    });
    this.obey(decision, event);
    this.noteForHint(event, decision);
    this.schedule();
  };

  private obey(decision: KeyDecision, event: KeyboardEvent): void {
    if (decision === 'pass') return;
    if (decision === 'hold') {
      this.suppress(event);
      this.held.push(this.heldKey(event));
      return;
    }
    if ('scan' in decision) {
      this.suppress(event);
      // The suffix's own time (a stamp "from the future" only comes from test tools: clamp).
      const enterAt = Math.min(event.timeStamp, performance.now());
      performance.mark('scan:enter', { startTime: enterAt });
      const keyTimes = [...this.held.map((k) => k.time), event.timeStamp];
      this.held = [];
      this.listener.onScan({ ...decision.scan, keyTimes, enterAt, profile: this.detector.profile });
      return;
    }
    // A release: what was held goes back first, then this key as `then` says.
    const released = this.held;
    this.held = [];
    this.giveBack(released);
    if (decision.then === 'hold') {
      this.suppress(event);
      this.held.push(this.heldKey(event));
    }
  }

  private suppress(event: KeyboardEvent): void {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  private heldKey(event: KeyboardEvent): HeldKey {
    return {
      key: event.key,
      code: event.code,
      time: event.timeStamp,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      location: event.location,
      target: event.target,
    };
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const due = this.detector.deadline();
    if (due === null) return;
    const wait = Math.max(0, due - performance.now()) + 1;
    this.timer = setTimeout(this.onDeadline, wait);
  }

  private readonly onDeadline = (): void => {
    this.timer = null;
    // Keys already waiting in the input queue (a busy moment delayed them) come first: they
    // may continue the scan. Bounded, so a stuck queue cannot hold a person's key for long.
    if (inputPending() && this.postponed < MAX_POSTPONE) {
      this.postponed += 1;
      this.timer = setTimeout(this.onDeadline, 0);
      return;
    }
    this.postponed = 0;
    const flushed = this.detector.flush(performance.now());
    if (flushed) {
      const released = this.held;
      this.held = [];
      this.giveBack(released);
    }
    this.schedule();
  };

  private readonly onPointerDown = (): void => {
    // A press may move focus: text typed before it belongs where focus is now.
    if (this.held.length) this.giveBackAll();
  };

  private readonly onBlur = (): void => {
    this.giveBackAll();
  };

  private giveBackAll(): void {
    this.detector.reset();
    const released = this.held;
    this.held = [];
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.giveBack(released);
  }

  /** Types held text into the focused field, or replays the keys where no field has focus.
   *  Focus is read again for each key: a replayed key may move it ("/" focuses quick find,
   *  and a "2" typed right after it belongs there). */
  private giveBack(keys: HeldKey[]): void {
    let text = '';
    let into: HTMLElement | null = null;
    const flushText = () => {
      if (text && into) insertText(into, text);
      text = '';
      into = null;
    };
    for (const k of keys) {
      const active = document.activeElement;
      if (isEditable(active) && isTextKey(k)) {
        if (into !== active) flushText();
        into = active;
        text += k.key;
        continue;
      }
      flushText();
      this.replay(k, active);
    }
    flushText();
  }

  private replay(k: HeldKey, active: Element | null): void {
    const original = k.target instanceof Node && k.target.isConnected ? k.target : null;
    const target = original ?? active ?? document.body;
    const init: KeyboardEventInit = {
      key: k.key,
      code: k.code,
      shiftKey: k.shiftKey,
      ctrlKey: k.ctrlKey,
      altKey: k.altKey,
      metaKey: k.metaKey,
      location: k.location,
      bubbles: true,
      cancelable: true,
      composed: true,
    };
    target.dispatchEvent(new KeyboardEvent('keydown', init));
    target.dispatchEvent(new KeyboardEvent('keyup', init));
  }

  /** Remembers recent keys; a fast burst ended by the suffix that was no scan is reported. */
  private noteForHint(event: KeyboardEvent, decision: KeyDecision): void {
    if (!this.listener.onNearMiss) return;
    const isScan = typeof decision === 'object' && 'scan' in decision;
    if (isScan) {
      this.recent = [];
      return;
    }
    if (event.key === this.detector.profile.suffix) {
      const keys = this.recent;
      this.recent = [];
      const burst: Array<{ key: string; time: number }> = [];
      // Walk back while keys came within a generous 250 ms of each other.
      let next = event.timeStamp;
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const k = keys[i]!;
        if (next - k.time > 250) break;
        burst.unshift(k);
        next = k.time;
      }
      if (burst.length >= Math.max(2, this.detector.profile.minLength)) {
        const times = [...burst.map((b) => b.time), event.timeStamp];
        let maxGap = 0;
        for (let i = 1; i < times.length; i += 1) maxGap = Math.max(maxGap, times[i]! - times[i - 1]!);
        this.listener.onNearMiss({
          text: burst.map((b) => b.key).join(''),
          chars: burst.length,
          duration: times[times.length - 1]! - times[0]!,
          maxGap,
          at: event.timeStamp,
        });
      }
      return;
    }
    if ([...event.key].length === 1) {
      this.recent.push({ key: event.key, time: event.timeStamp });
      if (this.recent.length > 200) this.recent.splice(0, this.recent.length - 200);
    }
  }
}
