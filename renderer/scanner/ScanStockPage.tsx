// "Scan goods" (/stock/scan): receive or count stock with the scanner. Scan a location
// label, then the products; the stock screen links here.
import { Button, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconTags } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../ui/PageHeader';
import { ScanReceivePanel } from './ScanReceivePanel';

export default function ScanStockPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('scan.receive.pageTitle')}>
        <Button component={Link} to="/labels?tab=locations" variant="default" leftSection={<IconTags size={20} />}>
          {t('scan.receive.printLocations')}
        </Button>
        <Button component={Link} to="/stock" variant="default" leftSection={<IconArrowLeft size={20} />}>
          {t('scan.receive.backToStock')}
        </Button>
      </PageHeader>
      <Text c="dimmed">{t('scan.receive.pageHint')}</Text>
      <ScanReceivePanel withTitle={false} />
    </Stack>
  );
}
