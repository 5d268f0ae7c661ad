import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function OrderDetailPage() {
  return <ScreenPlaceholder titleKey="order.detailTitle" />;
}
