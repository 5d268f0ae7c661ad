// Settings of this counter: operators, backups, timer periods, the device, stock allocation, the barcode
// scanner and demo data. Language and theme live in the header. Each section saves itself.
import { Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { PageHeader } from '../ui/PageHeader';
import { LoadingState } from '../ui/states';
import { OperatorsCard } from '../operators/OperatorsCard';
import { ShopCard } from '../money/ShopCard';
import { AllocationCard } from './AllocationCard';
import { BackupCard } from './BackupCard';
import { CarriersCard } from './CarriersCard';
import { DemoDataCard } from './DemoDataCard';
import { DeviceCard } from './DeviceCard';
import { PeriodsCard } from './PeriodsCard';
import { ScannerCard } from './ScannerCard';
import { SyncCard } from './SyncCard';
import { useSettings } from './useSettings';

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('settings.title')}>
        <Text c="dimmed" fz="sm">
          {t('settings.headerHint')}
        </Text>
      </PageHeader>
      <ErrorBoundary>
        <SettingsBody />
      </ErrorBoundary>
    </>
  );
}

function SettingsBody() {
  const settings = useSettings();
  if (settings === undefined) return <LoadingState />;
  return (
    <Grid gap="md" align="stretch">
      <Grid.Col span={12}>
        <OperatorsCard />
      </Grid.Col>
      <Grid.Col span={12}>
        <BackupCard />
      </Grid.Col>
      <Grid.Col span={12}>
        <SyncCard />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 7 }}>
        <PeriodsCard settings={settings} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}>
        <Stack gap="md">
          <DeviceCard settings={settings} />
          <ShopCard />
          <AllocationCard settings={settings} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 7 }}>
        <ScannerCard />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}>
        <DemoDataCard />
      </Grid.Col>
      <Grid.Col span={12}>
        <CarriersCard settings={settings} />
      </Grid.Col>
    </Grid>
  );
}
