import { ScreenPlaceholder } from '../ui/ScreenPlaceholder';

export default function StockPage() {
  return <ScreenPlaceholder titleKey="stock.title" />;
}
