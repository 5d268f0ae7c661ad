// One machine of a workflow definition, drawn: states as boxes in their state colours
// (terminal states marked), moves as arrows labelled by role and action (system-only and
// effect-made moves dashed), moves that stay in a state listed inside its box, and the
// states of the chosen order's entities ringed with who is there.
import { Badge, Box, Group, Text, Tooltip, useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconFlag, IconRepeat } from '@tabler/icons-react';
import {
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createContext, memo, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Machine } from '../../shared/workflow/schema';
import { roleColor, stateColor, type StateFamily } from '../ui/stateColors';
import { layoutMachine, pathThrough, START_ID, type MachineLayout, type MoveEdgeData, type MoveLine, type StateNodeData } from './layout';
import classes from './WorkflowDiagram.module.css';

export interface DiagramWords {
  state(code: string): string;
  action(name: string): string;
  role(code: string): string;
}

interface DiagramContext {
  family: StateFamily;
  words: DiagramWords;
  marks: ReadonlyMap<string, string[]>;
}

const Ctx = createContext<DiagramContext | null>(null);
const useDiagram = () => useContext(Ctx)!;

type StateNodeType = Node<StateNodeData, 'state'>;
type StartNodeType = Node<StateNodeData, 'start'>;
type MoveEdgeType = Edge<MoveEdgeData, 'move'>;

function RoleChip({ role }: { role: string }) {
  const { words } = useDiagram();
  const color = roleColor(role);
  return (
    <Tooltip label={words.role(role)}>
      <Badge size="xs" radius="sm" color={color} variant="filled" px={5} className={classes.role}>
        {role}
      </Badge>
    </Tooltip>
  );
}

function MoveText({ line }: { line: MoveLine }) {
  const { t } = useTranslation();
  const { words } = useDiagram();
  if (line.byEffect) {
    return (
      <Text span fz={12} fs="italic" c="dimmed">
        {t('workflows.diagram.byEffect')}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" className={classes.line} data-hidden={line.hidden || undefined}>
      {line.roles.map((r) => (
        <RoleChip key={r} role={r} />
      ))}
      <Text span fz={12.5} fw={600} fs={line.hidden ? 'italic' : undefined} className={classes.action} truncate>
        {words.action(line.action)}
        {line.guarded ? <span className={classes.guard} title={t('workflows.diagram.guarded')}>*</span> : null}
      </Text>
    </Group>
  );
}

const StateNode = memo(function StateNode({ data }: NodeProps<StateNodeType>) {
  const { t } = useTranslation();
  const { family, words, marks } = useDiagram();
  const color = stateColor(family, data.code);
  const here = marks.get(data.code);
  return (
    <div
      className={classes.state}
      data-terminal={data.terminal || undefined}
      data-marked={here ? true : undefined}
      data-testid="diagram-state"
      data-code={data.code}
      style={{
        width: data.width,
        height: data.height,
        ['--state-color' as string]: `var(--mantine-color-${color}-filled)`,
        ['--state-bg' as string]: `var(--mantine-color-${color}-light)`,
      }}
    >
      <Handle type="target" position={Position.Left} className={classes.handle} isConnectable={false} />
      <Group justify="space-between" gap={6} wrap="nowrap">
        <Text fw={700} fz={15} lh={1.25} lineClamp={2} className={classes.label}>
          {words.state(data.code)}
        </Text>
        {data.terminal ? (
          <Tooltip label={t('workflows.diagram.terminal')}>
            <IconFlag size={18} className={classes.flag} aria-label={t('workflows.diagram.terminal')} />
          </Tooltip>
        ) : null}
      </Group>
      <Text ff="monospace" fz={12} c="dimmed">
        {data.code}
      </Text>
      {data.loops.length ? (
        <div className={classes.loops}>
          {data.loops.map((l, i) => (
            <Group key={i} gap={4} wrap="nowrap" miw={0}>
              <IconRepeat size={13} className={classes.loopIcon} aria-label={t('workflows.diagram.staysHere')} />
              <MoveText line={l} />
            </Group>
          ))}
        </div>
      ) : null}
      {here ? (
        <Badge size="md" color="dark" variant="filled" className={classes.mark} data-testid="diagram-mark" tt="none">
          {t('workflows.diagram.here', { who: here.join(', ') })}
        </Badge>
      ) : null}
      <Handle type="source" position={Position.Right} className={classes.handle} isConnectable={false} />
    </div>
  );
});

const StartNode = memo(function StartNode({ data }: NodeProps<StartNodeType>) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('workflows.diagram.start')}>
      <div className={classes.start} style={{ width: data.width, height: data.height }} role="img" aria-label={t('workflows.diagram.start')}>
        <Handle type="source" position={Position.Right} className={classes.handle} isConnectable={false} />
      </div>
    </Tooltip>
  );
});

const MoveEdge = memo(function MoveEdge({ id, data, markerEnd }: EdgeProps<MoveEdgeType>) {
  if (!data) return null;
  const path = pathThrough(data.points);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes.edge} style={data.dashed ? { strokeDasharray: '7 5' } : undefined} />
      <EdgeLabelRenderer>
        <div
          className={`${classes.edgeLabel} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${data.label.x}px, ${data.label.y}px)` }}
          data-dashed={data.dashed || undefined}
          data-testid="diagram-edge-label"
        >
          {data.lines.map((l, i) => (
            <MoveText key={i} line={l} />
          ))}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

const nodeTypes = { state: StateNode, start: StartNode };
const edgeTypes = { move: MoveEdge };

interface Props {
  machine: Machine;
  family: StateFamily;
  words: DiagramWords;
  /** State code -> who of the chosen order is there ("order", "line 1"...). */
  marks: ReadonlyMap<string, string[]>;
}

/** Below this zoom the labels cannot be read: show part of the diagram instead, with a map. */
const READABLE_ZOOM = 0.62;

export function WorkflowDiagram({ machine, family, words, marks }: Props) {
  const scheme = useComputedColorScheme('light');
  const { ref, width, height } = useElementSize();
  // Lay out both ways and keep the one that fits the canvas at the larger scale.
  const both = useMemo(() => {
    const options = { actionText: words.action, stateText: words.state, marks: (code: string) => marks.get(code)?.length ?? 0 };
    return [layoutMachine(machine, { ...options, rankdir: 'LR' }), layoutMachine(machine, { ...options, rankdir: 'TB' })] as const;
  }, [machine, words, marks]);
  const scaleOf = (l: MachineLayout) => Math.min(width / Math.max(1, l.width), height / Math.max(1, l.height));
  const layout = width && height && scaleOf(both[1]) > scaleOf(both[0]) * 1.05 ? both[1] : both[0];
  const fitScale = width && height ? scaleOf(layout) : 1;
  const partial = fitScale < READABLE_ZOOM;

  // When the whole machine would be too small to read, start at a readable zoom on the
  // chosen order's state, or on where entities start.
  const viewport = useMemo(() => {
    if (!partial) return undefined;
    const zoom = READABLE_ZOOM;
    const focus =
      layout.nodes.find((n) => marks.has(n.id)) ?? layout.nodes.find((n) => n.id === START_ID) ?? layout.nodes[0];
    if (!focus) return { x: 0, y: 0, zoom };
    const cx = focus.x + focus.data.width / 2;
    const cy = focus.y + focus.data.height / 2;
    const marked = marks.has(focus.id);
    if (layout.rankdir === 'LR') {
      const x = marked ? width / 2 - cx * zoom : 24 - focus.x * zoom;
      return { x, y: height / 2 - cy * zoom, zoom };
    }
    const y = marked ? height / 2 - cy * zoom : 24 - focus.y * zoom;
    return { x: width / 2 - cx * zoom, y, zoom };
  }, [partial, layout, marks, width, height]);
  const nodes = useMemo(
    () =>
      layout.nodes.map(
        (n): StateNodeType | StartNodeType => ({
          id: n.id,
          type: n.kind,
          position: { x: n.x, y: n.y },
          data: n.data,
          width: n.data.width,
          height: n.data.height,
          draggable: false,
          connectable: false,
          selectable: false,
        }),
      ),
    [layout],
  );
  const edges = useMemo(
    () =>
      layout.edges.map(
        (e): MoveEdgeType => ({
          id: e.id,
          type: 'move',
          source: e.source,
          target: e.target,
          data: e.data,
          markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: 'var(--diagram-edge)' },
          selectable: false,
          focusable: false,
        }),
      ),
    [layout],
  );
  const ctx = useMemo(() => ({ family, words, marks }), [family, words, marks]);

  return (
    <Ctx.Provider value={ctx}>
      <Box ref={ref} className={classes.canvas} data-testid="workflow-diagram" data-machine={machine.label} data-direction={layout.rankdir} data-partial={partial || undefined}>
        {width && height ? (
        <ReactFlow
          key={`${machine.label}:${layout.rankdir}:${width}x${height}:${[...marks.keys()].join()}`}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={scheme}
          fitView={!partial}
          fitViewOptions={{ padding: 0.04, maxZoom: 1.15 }}
          defaultViewport={viewport}
          minZoom={0.2}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: false }}
          nodeOrigin={[0, 0]}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} position="bottom-left" />
          {partial ? (
            <MiniMap
              pannable
              zoomable
              position="bottom-right"
              ariaLabel={null}
              nodeColor={(n) => (n.id === START_ID ? 'var(--mantine-color-text)' : `var(--mantine-color-${stateColor(family, n.id)}-filled)`)}
              nodeBorderRadius={4}
              maskColor="var(--diagram-mask)"
              style={{ width: 150, height: 96 }}
            />
          ) : null}
        </ReactFlow>
        ) : null}
      </Box>
    </Ctx.Provider>
  );
}

export { START_ID };
