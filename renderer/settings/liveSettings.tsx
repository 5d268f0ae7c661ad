// Settings that change how the live counter behaves (timer periods, allocation, the order
// number prefix): the Admin role only — the engine refuses others, and the cards say why and
// disable their controls — and a confirmation before each change is saved.
import { Alert, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLE } from '../../shared/operators/permissions';
import { roleKey, useRole } from '../state/roleStore';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { ConfirmDialog } from '../ui/ConfirmDialog';

export interface AdminGate {
  /** The clerk acts as Admin now. */
  allowed: boolean;
  /** The role to send with setSetting (the engine checks it). */
  role: string;
  /** Why the controls are disabled, in the reader's language; '' when allowed. */
  reason: string;
}

export function useAdminGate(): AdminGate {
  const { t } = useTranslation();
  const role = useRole();
  const words = useWorkflowWords();
  const { roles } = useWorkflowCatalog();
  const allowed = role === ADMIN_ROLE;
  const key = roleKey(roles, ADMIN_ROLE) ?? '';
  return { allowed, role, reason: allowed ? '' : t('settings.live.needsAdmin', { role: words.role(ADMIN_ROLE), key, current: words.role(role) }) };
}

/** Shown on a card whose controls are disabled: why, and how to get there. */
export function AdminNotice({ gate }: { gate: AdminGate }) {
  if (gate.allowed) return null;
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="admin-only">
      {gate.reason}
    </Alert>
  );
}

interface Pending {
  what: ReactNode;
  run: () => Promise<void> | void;
}

/** `ask(what, run)` shows a confirmation; `run` happens only on Confirm. Render `dialog`. */
export function useConfirmLiveChange(): { ask: (what: ReactNode, run: Pending['run']) => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback((what: ReactNode, run: Pending['run']) => setPending({ what, run }), []);
  const close = () => setPending(null);
  // Rendered only while asking: a screen has several of these, and one dialog at a time.
  const dialog =
    pending === null ? null : (
      <ConfirmDialog
        title={t('settings.live.confirmTitle')}
        testId="confirm-live-setting"
        confirmLabel={t('settings.live.confirm')}
        cancelLabel={t('settings.live.cancel')}
        onCancel={close}
        onConfirm={() => {
          close();
          void pending.run();
        }}
        testIds={{ cancel: 'confirm-live-cancel', confirm: 'confirm-live-ok' }}
      >
        <Text>{pending.what}</Text>
        <Text fz="sm" c="dimmed">
          {t('settings.live.confirmHint')}
        </Text>
      </ConfirmDialog>
    );
  return { ask, dialog };
}
