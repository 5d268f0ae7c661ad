// An operator row as screens show it: never the PIN's or the recovery code's hash.
import type { OperatorView } from '../../shared/api';
import type { OperatorRow } from '../../shared/db/rows';

export function viewOfRow(row: OperatorRow): OperatorView {
  return { id: row.id, name: row.name, badge: row.badge, roles: [...row.roles], active: row.active };
}
