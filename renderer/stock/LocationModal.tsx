// Add a warehouse or a bin. Priority decides which location order lines take stock from
// first (lower first); a bin names the warehouse it belongs to.
import { Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { FormFooter } from './FormFooter';
import { modalTitleStyles } from './format';
import { useLocations } from './queries';
import { NO_PROBLEMS, problemsOf, type FormProblems } from './refusal';

const FIELDS = ['id', 'name', 'priority', 'parentId'] as const;

export function LocationModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const locations = useLocations();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [priority, setPriority] = useState<number | string>('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const result = await counter.addLocation({
        id: id.trim(),
        name: name.trim() || id.trim(),
        ...(typeof priority === 'number' ? { priority } : {}),
        parentId,
      });
      if (!result.ok) return setProblems(problemsOf(result, FIELDS, { locationId: 'id' }));
      toastOk(t('stock.location.added'), t('stock.location.addedDetail', { id: id.trim(), name: name.trim() || id.trim() }));
      onClose();
    } catch (error) {
      setProblems({ general: error instanceof Error ? error.message : String(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} styles={modalTitleStyles} title={t('stock.location.title')} size="lg" data-testid="location-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <TextInput label={t('stock.fields.locationId')} description={t('stock.fields.locationIdHint')} value={id} onChange={(e) => setId(e.currentTarget.value)} error={problems.fields.id} withAsterisk data-autofocus data-testid="location-id" />
            <TextInput label={t('stock.fields.locationName')} description={t('stock.fields.locationNameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.fields.name} data-testid="location-name" />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <NumberInput
              label={t('stock.fields.priority')}
              description={t('stock.fields.priorityHint')}
              value={priority}
              onChange={setPriority}
              min={0}
              allowDecimal={false}
              error={problems.fields.priority}
            />
            <Select
              label={t('stock.fields.parent')}
              description={t('stock.fields.parentHint')}
              data={(locations ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.id})` }))}
              value={parentId}
              onChange={setParentId}
              clearable
              error={problems.fields.parentId}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <FormFooter refusal={problems.general} submitLabel={t('stock.location.submit')} busy={busy} onCancel={onClose} testId="location" />
        </Stack>
      </form>
    </Modal>
  );
}
