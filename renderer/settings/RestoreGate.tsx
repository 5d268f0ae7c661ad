// The restore in the frame: what every window does at start (reload when another window
// restored; the toast after this window's own restore reloaded it), and the restore's
// dialog (RestoreDialog.tsx), loaded once a restore starts: the board's cold start does not
// carry its modal and table.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useLocale } from '../ui/time';
import { toastOk } from '../ui/toast';
import { useOnceTrue } from '../ui/useOnceTrue';
import { reloadOnRestoreElsewhere, takeRestoredNote, useBackupFlow } from './backupFlow';

const RestoreDialog = lazy(() => import('./RestoreDialog'));

export function RestoreGate() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const wanted = useOnceTrue(useBackupFlow((s) => s.restore.phase !== 'idle'));

  useEffect(reloadOnRestoreElsewhere, []);

  useEffect(() => {
    const note = takeRestoredNote();
    if (note) toastOk(t('settings.backup.restored'), t('settings.backup.restoredDetail', { count: note.orders, time: formatDateTime(note.createdAt, locale) }));
  }, [t, locale]);

  return wanted ? (
    <Suspense fallback={null}>
      <RestoreDialog />
    </Suspense>
  ) : null;
}
