// A workflow state as a coloured badge with its translated label; the code is in the tooltip.
import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { useWorkflowWords } from '../workflow/labels';
import { stateColor, type StateFamily } from './stateColors';

interface Props extends Omit<BadgeProps, 'color' | 'children'> {
  family: StateFamily;
  state: string | null | undefined;
}

export function StateBadge({ family, state, ...rest }: Props) {
  const words = useWorkflowWords();
  return (
    <Tooltip label={state ?? '—'}>
      <Badge color={stateColor(family, state)} variant="filled" data-state={state ?? ''} {...rest}>
        {words.state(family, state)}
      </Badge>
    </Tooltip>
  );
}
