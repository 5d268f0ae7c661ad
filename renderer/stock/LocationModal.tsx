// Add a warehouse or a bin, or change one. Priority decides which location order lines
// take stock from first (lower first); a bin names the warehouse it belongs to. A change
// keeps the code, which stock levels and the ledger refer to.
import { Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationRow } from '../../shared/db/rows';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { FormFooter } from './FormFooter';
import { modalTitleStyles } from './format';
import { useLocations } from './queries';
import { NO_PROBLEMS, problemsOf, type FormProblems } from './refusal';
import { useDiscardGuard } from '../ui/useDiscardGuard';
import { useRefusalText } from '../workflow/labels';

const FIELDS = ['id', 'name', 'priority', 'parentId', 'active'] as const;

const optionOf = (l: LocationRow) => ({ value: l.id, label: `${l.name} (${l.id})` });

/** `change`: pick a location first, then change it. */
export function LocationModal({ change = false, onClose }: { change?: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const locations = useLocations();
  const [pickedId, setPickedId] = useState<string | null>(null);
  const picked = locations?.find((l) => l.id === pickedId);
  const guard = useDiscardGuard(onClose);
  return (
    <Modal
      opened
      onClose={guard.requestClose}
      styles={modalTitleStyles}
      title={change ? t('stock.location.changeTitle') : t('stock.location.title')}
      size="lg"
      data-testid="location-modal"
    >
      {change ? (
        <Stack gap="md">
          <Select
            label={t('stock.location.pick')}
            data={(locations ?? []).map(optionOf)}
            value={pickedId}
            onChange={setPickedId}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-autofocus
            data-testid="location-pick"
          />
          {picked ? <LocationForm key={picked.id} stored={picked} locations={locations ?? []} onClose={onClose} onEdited={guard.edited} /> : null}
        </Stack>
      ) : (
        <LocationForm locations={locations ?? []} onClose={onClose} onEdited={guard.edited} />
      )}
      {guard.question}
    </Modal>
  );
}

function LocationForm({ stored, locations, onClose, onEdited }: { stored?: LocationRow; locations: LocationRow[]; onClose(): void; onEdited(): void }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const [id, setId] = useState(stored?.id ?? '');
  const [name, setName] = useState(stored?.name ?? '');
  const [priority, setPriority] = useState<number | string>(stored?.priority ?? '');
  const [parentId, setParentId] = useState<string | null>(stored?.parentId ?? null);
  const [active, setActive] = useState(stored?.active ?? true);
  const [sellable, setSellable] = useState(stored?.sellable ?? true);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const fields = {
        id: id.trim(),
        name: name.trim() || id.trim(),
        ...(typeof priority === 'number' ? { priority } : {}),
        parentId,
        // Damaged or quarantine stock lives where no order takes it (sent only when changed:
        // a location is sellable unless it says otherwise).
        ...(sellable === (stored?.sellable ?? true) ? {} : { sellable }),
      };
      const result = stored ? await counter.updateLocation({ ...fields, active }) : await counter.addLocation(fields);
      if (!result.ok) return setProblems(problemsOf(result, FIELDS, { locationId: 'id' }, refusalText(result)));
      const detail = { id: fields.id, name: fields.name };
      if (stored) toastOk(t('stock.location.changed'), t('stock.location.addedDetail', detail));
      else toastOk(t('stock.location.added'), t('stock.location.addedDetail', detail));
      onClose();
    } catch (error) {
      setProblems({ general: error instanceof Error ? error.message : String(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} onInput={onEdited} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('stock.fields.locationId')}
            description={stored ? t('stock.fields.locationIdFixed') : t('stock.fields.locationIdHint')}
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            error={problems.fields.id}
            readOnly={!!stored}
            variant={stored ? 'filled' : undefined}
            withAsterisk={!stored}
            data-autofocus={stored ? undefined : true}
            data-testid="location-id"
          />
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
            data-testid="location-priority"
          />
          <Select
            label={t('stock.fields.parent')}
            description={t('stock.fields.parentHint')}
            data={locations.filter((l) => l.id !== stored?.id).map(optionOf)}
            value={parentId}
            onChange={setParentId}
            clearable
            // Mantine hides the clear button from assistive tech (Backspace clears); tests find it by id.
            clearButtonProps={{ 'aria-label': t('common.clear'), ...{ 'data-testid': 'location-parent-clear' } }}
            error={problems.fields.parentId}
            comboboxProps={{ withinPortal: true }}
            data-testid="location-parent"
          />
        </SimpleGrid>
        <Switch
          label={t('money.location.sellable')}
          description={t('money.location.sellableHint')}
          checked={sellable}
          onChange={(e) => setSellable(e.currentTarget.checked)}
          data-testid="location-sellable"
        />
        {stored ? (
          <Switch
            label={t('stock.fields.active')}
            description={t('stock.fields.locationActiveHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            data-testid="location-active"
          />
        ) : null}
        <FormFooter
          refusal={problems.general}
          submitLabel={stored ? t('stock.product.save') : t('stock.location.submit')}
          busy={busy}
          onCancel={onClose}
          testId="location"
        />
      </Stack>
    </form>
  );
}
