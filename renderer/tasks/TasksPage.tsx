import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function TasksPage() {
  return <ScreenPlaceholder titleKey="tasks.title" />;
}
