// Choose a product by typing its SKU or the start of its name. Only a few matches are
// loaded at a time (through the indexes), so it works the same with 30 or 30 000 products.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import type { ProductRow } from '../../shared/db/rows';
import { useProduct, useProductOptions } from './queries';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'filter'> {
  value: string | null;
  onChange(sku: string | null): void;
}

export const productLabel = (p: Pick<ProductRow, 'sku' | 'name'>) => `${p.sku} · ${p.name}`;

export function ProductPicker({ value, onChange, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const chosen = useProduct(value);
  // The shown label of the chosen product is not a search: list from the start then.
  const query = chosen && debounced === productLabel(chosen) ? '' : debounced;
  const options = useProductOptions(query, value);
  const data = useMemo(() => (options ?? []).map((p) => ({ value: p.sku, label: productLabel(p) })), [options]);
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={280}
      {...rest}
    />
  );
}
