import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  return (
    <NativeSelect
      aria-label={t('common.language.label')}
      data-testid="language-switch"
      value={value}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (next === 'en' || next === 'zh') void setLanguage(next);
      }}
      data={LANGUAGES.map((lang) => ({ value: lang, label: t(`common.language.${lang}`) }))}
      leftSection={<IconLanguage size={18} />}
      w={150}
    />
  );
}
