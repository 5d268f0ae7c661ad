import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function SettingsPage() {
  return <ScreenPlaceholder titleKey="settings.title" />;
}
