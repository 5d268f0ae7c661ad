import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyView } from '../ui/states';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyView
      icon={<IconMapOff />}
      title={t('common.notFound')}
      description={t('common.notFoundHint')}
      action={
        <Button component={Link} to="/boards">
          {t('common.backToBoards')}
        </Button>
      }
    />
  );
}
