import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function BoardsPage() {
  return <ScreenPlaceholder titleKey="boards.title" />;
}
