// Mounted once at the app root: captures scans anywhere in the window (capture.ts), reads
// each one (shared/barcode), routes it (targets first, then router.ts), tells the operator
// (sound, flash, toast, status line) and logs it. Scans are handled strictly one after
// another, in the order they were read: ten scans in a second are ten results.
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import { useRoleStore } from '../state/roleStore';
import { RESULT_COLOR } from '../ui/stateColors';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords, type WorkflowWords } from '../workflow/labels';
import { ScannerCapture, insertText, isEditable, type CapturedScan, type NearMiss } from './capture';
import { defaultScanProfile, parseScanProfile, type ScanProfile } from './detector';
import { logScan } from './log';
import { loadReader, loadReaderWhenIdle } from './reader';
import { nextDexieChange, recordScanTiming, watchPaint } from './perf';
import { routeScan, screenOf, type RouteContext } from './router';
import { useScannerStore } from './scannerStore';
import classes from './ScanFeedback.module.css';
import { beep } from './sound';
import { screenReady } from './screenReady';
import { offerToTargets } from './targets';
import { ScanFlash } from './ScanFlash';
import { SCAN_EVENT, type RoutedScan, type ScanEventDetail, type ScanOutcome } from './types';

/** What the provider needs of the router: where we are, and a way to go elsewhere. */
export interface ScanRouter {
  navigate(to: string, options?: { flushSync?: boolean }): Promise<void> | void;
  readonly state: { location: { pathname: string } };
}

// --- near misses (for the test panel) -------------------------------------------------------
const nearMissListeners = new Set<(miss: NearMiss) => void>();
export function onNearMiss(listener: (miss: NearMiss) => void): () => void {
  nearMissListeners.add(listener);
  return () => nearMissListeners.delete(listener);
}

/** The saved profile, checked; settings may hold an empty prefix, which means none. */
export function profileFromSetting(value: unknown): ScanProfile {
  if (!value || typeof value !== 'object') return defaultScanProfile;
  const raw = { ...(value as Record<string, unknown>) };
  if (raw.prefix === '' || raw.prefix === null) delete raw.prefix;
  const check = parseScanProfile(raw);
  return check.ok ? check.profile : defaultScanProfile;
}

export function useSavedScanProfile(): ScanProfile | undefined {
  // null = no saved profile (the defaults); undefined = still loading.
  const row = useLiveQuery(async () => (await db.settings.get('scannerProfile')) ?? null, []);
  return useMemo(() => (row === undefined ? undefined : profileFromSetting(row?.value)), [row]);
}

let toastId: string | null = null;

function showToast(outcome: ScanOutcome, fallbackTitle: string): void {
  if (toastId) notifications.hide(toastId);
  toastId = notifications.show({
    color: outcome.ok ? RESULT_COLOR.ok : RESULT_COLOR.refused,
    title: outcome.title ?? fallbackTitle,
    message: outcome.message,
    autoClose: outcome.ok ? 3500 : 8000,
    withBorder: true,
    // Read at arm's length: the message in full text colour, not dimmed.
    styles: { title: { fontSize: 'var(--mantine-font-size-md)' }, description: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' } },
    'data-testid': 'scan-toast',
    'data-ok': String(outcome.ok),
  } as Parameters<typeof notifications.show>[0]);
}

/**
 * Runs `show` once the next frame has been drawn. A scan's result (the new state, the new
 * screen) is rendered first; the toast, flash and status line rendered with it held that
 * frame back by ~6 ms here (the toast measures its height in the commit). A hidden window
 * draws no frames: then at once.
 */
function afterNextFrame(show: () => void): void {
  if (document.visibilityState === 'hidden') show();
  else requestAnimationFrame(() => setTimeout(show, 0));
}

/** A field with focus that opted in (`data-scan-target`) gets the scan first. */
function offerToField(scan: RoutedScan, t: RouteContext['t']): ScanOutcome | null {
  const active = document.activeElement;
  const field = active instanceof HTMLElement ? active.closest<HTMLElement>('[data-scan-target]') : null;
  if (!field || !(active instanceof HTMLElement)) return null;
  if (field.dataset.scanTarget === 'insert' && isEditable(active)) {
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) active.select();
    insertText(active, scan.code);
    return { ok: true, message: t('scan.msg.enteredInField', { code: scan.code }), settle: 'local', quiet: true };
  }
  const detail: ScanEventDetail = { code: scan.code, parsed: scan.parsed };
  const event = new CustomEvent<ScanEventDetail>(SCAN_EVENT, { bubbles: true, cancelable: true, detail });
  active.dispatchEvent(event);
  if (!event.defaultPrevented) return null;
  return detail.outcome ?? { ok: true, message: t('scan.msg.takenByField', { code: scan.code }), settle: 'local' };
}

export function ScannerProvider({ router, children }: { router: ScanRouter; children?: ReactNode }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const saved = useSavedScanProfile();
  const trial = useScannerStore((s) => s.trial);
  const last = useScannerStore((s) => s.last);
  const handled = useScannerStore((s) => s.handled);
  const profile = trial ?? saved ?? defaultScanProfile;

  const { roles } = useWorkflowCatalog();
  const wordsRef = useRef<WorkflowWords>(words);
  const rolesRef = useRef(roles);
  const tRef = useRef(t);
  const profileRef = useRef(profile);
  // Declared before the capture's effect, so it runs first and the capture starts with this render's profile.
  useEffect(() => {
    wordsRef.current = words;
    rolesRef.current = roles;
    tRef.current = t;
    profileRef.current = profile;
  });

  const captureRef = useRef<ScannerCapture | null>(null);

  useEffect(() => {
    let nextId = 1;
    let queue: Promise<void> = Promise.resolve();
    const ctx: RouteContext = {
      pathname: () => router.state.location.pathname,
      // A scan asks for that screen now: rendered at once, not as an interruptible
      // transition behind the scan's feedback.
      navigate: async (to) => {
        await router.navigate(to, { flushSync: true });
      },
      t: ((...args: Parameters<RouteContext['t']>) => tRef.current(...args)) as RouteContext['t'],
      words: () => wordsRef.current,
      roles: () => rolesRef.current,
    };

    const handle = async (captured: CapturedScan): Promise<void> => {
      // Loaded by now unless the scan came before the window's first idle moment.
      const parseBarcode = await loadReader();
      await screenReady(ctx.pathname);
      const scan: RoutedScan = { id: nextId++, code: captured.code, parsed: parseBarcode(captured.code), captured };
      const screen = screenOf(ctx.pathname());
      // The role the scan was made in (a role card's scan changes it: the log keeps the one before).
      const role = useRoleStore.getState().role;
      const paint = watchPaint();
      const change = nextDexieChange();
      let outcome: ScanOutcome;
      try {
        outcome = offerToField(scan, ctx.t) ?? (await offerToTargets(scan)) ?? (await routeScan(scan, ctx));
      } catch (error) {
        outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      // The operator hears the result at once and sees it in the next frame.
      if (!outcome.quiet && !useScannerStore.getState().muted) beep(outcome.ok);
      afterNextFrame(() => {
        if (!outcome.quiet) showToast(outcome, ctx.t('scan.head.scan'));
        useScannerStore.getState().finished({ id: scan.id, ok: outcome.ok, message: outcome.message });
        // The log's write, too, waits for the result's frame: its transaction would compete
        // with that frame for the CPU. Rows still land in scan order (logScan chains them).
        void logScan({ raw: scan.code, type: scan.parsed.kind, screen: outcome.screen ?? screen, ok: outcome.ok, message: outcome.message, role });
      });
      const settle = outcome.settle ?? 'none';
      if (settle !== 'commit') change.cancel();
      // Measured alongside, so a slow paint never holds the next scan back.
      void paint.settled(settle, settle === 'commit' ? change.promise : undefined, outcome.shows).then(({ paintedAt, timedOut }) =>
        recordScanTiming(captured.enterAt, paintedAt, { id: scan.id, kind: scan.parsed.kind, ok: outcome.ok, settle, timedOut }),
      );
    };

    const capture = new ScannerCapture(profileRef.current, {
      onScan: (captured) => {
        queue = queue.then(() => handle(captured)).catch((error: unknown) => console.error('scan handling failed', error));
      },
      onNearMiss: (miss) => nearMissListeners.forEach((l) => l(miss)),
    });
    captureRef.current = capture;
    capture.attach();
    const cancelLoad = loadReaderWhenIdle();
    return () => {
      cancelLoad();
      capture.detach();
      captureRef.current = null;
    };
  }, [router]);

  // Profile changes (saved, or tried out in the test panel) apply at once.
  const profileKey = JSON.stringify(profile);
  useEffect(() => {
    const capture = captureRef.current;
    if (capture && JSON.stringify(capture.profile) !== profileKey) capture.setProfile(JSON.parse(profileKey) as ScanProfile);
  }, [profileKey]);

  return (
    <>
      {children}
      <div data-scan-ignore="" data-testid="scan-feedback" data-handled={handled} data-ok={last ? String(last.ok) : undefined}>
        {last ? <ScanFlash key={last.id} ok={last.ok} /> : null}
        <div role="status" aria-live="polite" className={classes.status} data-testid="scan-last">
          {last?.message ?? ''}
        </div>
      </div>
    </>
  );
}
