// CSV export of the catalogue or the stock levels, saved through the host (a download, or
// Electron's save dialog). The stock screen's menu and the File menu both run this.
import i18n from 'i18next';
import { counter } from '../engine/client';
import { platform } from '../platform';
import { toastOk, toastRefused } from '../ui/toast';

const today = () => new Date().toISOString().slice(0, 10);

export async function exportStockCsv(what: 'products' | 'levels'): Promise<void> {
  try {
    const text = what === 'products' ? await counter.exportProducts() : await counter.exportStockLevels();
    const saved = await platform.saveTextFile('csv', `${what === 'products' ? 'products' : 'stock-levels'}-${today()}.csv`, text);
    if (saved) toastOk(i18n.t('stock.export.done'), i18n.t('stock.export.saved', { file: saved }));
  } catch (error) {
    toastRefused(i18n.t('stock.export.failed'), error instanceof Error ? error.message : String(error));
  }
}
