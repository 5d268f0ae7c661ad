// The sync badge in the header, on every screen of an enrolled counter (nothing without a
// server): connected, offline, N waiting, error or paused; a click opens Settings → Sync.
// It also tells the clerk, once, when the server refused a command sent from here (its
// effect was taken back): the command, the order and the server's reason.
import { Badge, Tooltip } from '@mantine/core';
import { IconCloud, IconCloudCheck, IconCloudOff, IconCloudUpload, IconPlayerPause } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppNavigate } from '../ui/PathLink';
import type { Refused } from '../../shared/api';
import type { OutboxRow } from '../../shared/db/rows';
import { toastRefused } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { syncBadgeState, type SyncBadgeState } from './syncBadgeState';
import { useRefusedSubject } from './syncRefusals';
import { readSyncRows } from './syncRows';

const COLOR: Record<Exclude<SyncBadgeState['state'], 'none'>, string> = { connected: 'green', waiting: 'yellow', offline: 'gray', error: 'red', paused: 'gray' };
const ICON = { connected: IconCloudCheck, waiting: IconCloudUpload, offline: IconCloudOff, error: IconCloudOff, paused: IconPlayerPause } as const;

function useSyncBadge() {
  return useLiveQuery(async () => {
    const { config, status, pending, refused } = await readSyncRows();
    const shown = syncBadgeState(config !== undefined, config?.paused ?? false, status, pending);
    const numbers = new Map(refused.map((r) => [r.row.commandId, r.orderNumber]));
    return { shown, error: status.lastError, refused: refused.map((r) => r.row), numbers };
  }, []);
}

/** Tells the clerk of each refusal that arrives while the window is open (not of old ones). */
function useRefusalNotice(refused: OutboxRow[] | undefined, numbers: Map<string, string | undefined> | undefined) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const subject = useRefusedSubject();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!refused) return;
    if (seen.current === null) {
      seen.current = new Set(refused.map((r) => r.commandId));
      return;
    }
    for (const row of refused) {
      if (seen.current.has(row.commandId)) continue;
      seen.current.add(row.commandId);
      toastRefused(t('settings.sync.badge.refusedTitle', { what: subject(row, numbers?.get(row.commandId)) }), row.refusal ? refusalText(row.refusal as Refused, { origin: 'server' }) : '');
    }
  }, [refused, numbers, t, refusalText, subject]);
}

export function SyncBadge() {
  const { t } = useTranslation();
  // In the header: not re-rendered by every navigation (a scanned label's frame).
  const navigate = useAppNavigate();
  const view = useSyncBadge();
  useRefusalNotice(view?.refused, view?.numbers);
  if (!view || view.shown.state === 'none') return null;
  const { state, pending } = view.shown;
  const Icon = ICON[state] ?? IconCloud;
  const key = state === 'offline' && pending > 0 ? 'offlineWaiting' : state;
  const label = t(`settings.sync.badge.${key}`, { count: pending });
  return (
    <Tooltip label={view.error ?? t('settings.sync.badge.hint')} multiline w={300}>
      <Badge
        component="button"
        type="button"
        color={COLOR[state]}
        variant="light"
        size="lg"
        tt="none"
        style={{ cursor: 'pointer', flexShrink: 0 }}
        leftSection={<Icon size={16} />}
        onClick={() => void navigate('/settings')}
        aria-label={`${t('settings.sync.badge.label')}: ${label}`}
        data-testid="sync-badge"
        data-state={state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
