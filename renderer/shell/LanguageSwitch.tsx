import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  return (
    <Select
      aria-label={t('common.language.label')}
      data-testid="language-switch"
      value={value}
      onChange={(next) => {
        if (next === 'en' || next === 'zh') void setLanguage(next);
      }}
      data={LANGUAGES.map((lang) => ({ value: lang, label: t(`common.language.${lang}`) }))}
      leftSection={<IconLanguage size={18} />}
      allowDeselect={false}
      w={150}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
