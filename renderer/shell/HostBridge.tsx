// Keeps the host in step with the app: the native menu and dialogs speak the app's language,
// and the File menu's commands run here (Electron; in the browser both are no-ops).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { platform, type MenuCommand } from '../platform';
import { backUpNow, chooseRestoreFile } from '../settings/backupFlow';
import { useStockStore } from '../stock/stockStore';
import { exportStockCsv } from '../stock/exportCsv';
import { toastRefused } from '../ui/toast';
import { dispatchMenuCommand } from './menuCommands';

export function HostBridge() {
  const { i18n, t } = useTranslation();
  const navigate = useNavigate();
  const language = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';

  useEffect(() => {
    platform.setLanguage(language).catch(() => undefined); // the menu keeps its words; nothing else depends on it
  }, [language]);

  useEffect(() => {
    // What each command does when the screen on show has no answer of its own.
    const fallback: Record<MenuCommand, () => void> = {
      backup: () => void backUpNow(),
      restore: () => void chooseRestoreFile(),
      'import-csv': () => {
        void navigate('/stock');
        useStockStore.getState().open({ kind: 'import', what: 'products' });
      },
      'export-csv': () => void exportStockCsv('levels'),
      print: () =>
        void platform.print().then((result) => {
          if (!result.ok) toastRefused(t('common.printFailed'), result.reason);
        }),
    };
    return platform.onMenuCommand((command) => dispatchMenuCommand(command, fallback[command]));
  }, [navigate, t]);

  return null;
}
