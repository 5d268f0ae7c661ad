import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function WorkflowsPage() {
  return <ScreenPlaceholder titleKey="workflow.title" />;
}
