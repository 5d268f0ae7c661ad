import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function CreateOrderPage() {
  return <ScreenPlaceholder titleKey="order.createTitle" />;
}
