import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function ScanLogPage() {
  return <ScreenPlaceholder titleKey="scan.title" />;
}
