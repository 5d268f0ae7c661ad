// A screen that exists in the navigation but is not built yet. Replace it, don't extend it.
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader';
import { EmptyView } from './states';

export function ScreenPlaceholder({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(titleKey)} />
      <EmptyView icon={<IconTools />} title={t('common.underConstruction')} description={t('common.underConstructionHint')} />
    </>
  );
}
