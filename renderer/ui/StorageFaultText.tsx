// A storage fault (shared/db/storageFaults.ts) in the reader's language, with what to do.
import { useTranslation } from 'react-i18next';
import type { StorageFault } from '../../shared/db/storageFaults';

export function StorageFaultText({ fault }: { fault: StorageFault }) {
  const { t } = useTranslation();
  return <span data-testid="storage-fault" data-fault={fault}>{t(`common.storageFault.${fault}`)}</span>;
}
