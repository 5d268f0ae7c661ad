// Lays out one workflow machine as a state diagram with dagre: states are nodes, moves
// between two states are edges (one edge per pair and kind, its label listing every
// role · action that makes that move), moves that stay in a state are listed on the node,
// and a start dot leads to the states entities are created in. Pure: no React, no DOM.
import dagre from '@dagrejs/dagre';
import type { Machine } from '../../shared/workflow/schema';

export const NODE_WIDTH = 184;
const NODE_MAX_WIDTH = 340;
const NODE_BASE_HEIGHT = 62;
const LABEL_LINE = 19;
const LOOP_LINE = 22;
const MARK_LINE = 28;
const START_SIZE = 26;
export const START_ID = '__start__';

export interface MoveLine {
  roles: string[];
  action: string;
  hidden: boolean;
  /** The row has a guard: it applies only when a condition holds. */
  guarded: boolean;
  /** Created by an effect (refund sheets, vouchers), not by a person's action. */
  byEffect?: boolean;
}

export interface StateNodeData {
  [key: string]: unknown;
  code: string;
  terminal: boolean;
  /** Moves that leave the entity in this state (e.g. "make payment" while waiting). */
  loops: MoveLine[];
  width: number;
  height: number;
}

export interface MoveEdgeData {
  [key: string]: unknown;
  lines: MoveLine[];
  dashed: boolean;
  points: Array<{ x: number; y: number }>;
  label: { x: number; y: number; width: number; height: number };
}

export interface LaidOutNode {
  id: string;
  kind: 'state' | 'start';
  x: number;
  y: number;
  data: StateNodeData;
}

export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  data: MoveEdgeData;
}

export interface MachineLayout {
  rankdir: 'LR' | 'TB';
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

/** Rough width of a text in px at the label font size (CJK characters count double). */
export function textWidth(text: string, px = 7.4): number {
  let units = 0;
  for (const ch of text) units += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1.9 : 1;
  return units * px;
}

export interface LayoutOptions {
  /** The text shown for an action (translated); used to size edge labels. */
  actionText(action: string): string;
  /** Extra lines a node shows (e.g. "PO-000012 is here"); adds height. */
  marks?(code: string): number;
  /** Left to right (default) or top to bottom. */
  rankdir?: 'LR' | 'TB';
  /** The text shown for a state (translated); used to size its box. */
  stateText?(code: string): string;
}

/** Width a move line needs: role chips, the action, a little air. */
function lineWidth(line: MoveLine, actionText: (a: string) => string): number {
  return line.byEffect ? 150 : textWidth(actionText(line.action), 7.9) + line.roles.length * 24 + 16;
}

export function layoutMachine(machine: Machine, options: LayoutOptions): MachineLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const rankdir = options.rankdir ?? 'LR';
  g.setGraph({ rankdir, nodesep: rankdir === 'LR' ? 28 : 36, ranksep: rankdir === 'LR' ? 56 : 44, edgesep: 16, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));

  const codes = Object.keys(machine.states);
  const loops = new Map<string, MoveLine[]>(codes.map((c) => [c, []]));
  // (from, to, dashed) -> lines
  const moves = new Map<string, { from: string; to: string; dashed: boolean; lines: MoveLine[] }>();
  const addMove = (from: string, to: string, line: MoveLine) => {
    const dashed = line.hidden || line.byEffect === true;
    const key = `${from}\u0000${to}\u0000${dashed ? 'd' : 's'}`;
    const move = moves.get(key) ?? { from, to, dashed, lines: [] };
    if (!move.lines.some((l) => l.action === line.action && l.roles.join() === line.roles.join())) move.lines.push(line);
    moves.set(key, move);
  };

  let hasStart = false;
  for (const row of machine.transitions) {
    const line: MoveLine = {
      roles: Array.isArray(row.role) ? row.role : [row.role],
      action: row.action,
      hidden: row.hidden === true,
      guarded: row.guard !== undefined,
    };
    if (row.from === null) {
      hasStart = true;
      addMove(START_ID, row.to, line);
      continue;
    }
    for (const from of row.from) {
      if (from === row.to) loops.get(from)?.push(line);
      else addMove(from, row.to, line);
    }
  }
  // States entities are created in by effects (refund sheets, vouchers).
  for (const code of machine.initial ?? []) {
    if ([...moves.values()].some((m) => m.from === START_ID && m.to === code)) continue;
    hasStart = true;
    addMove(START_ID, code, { roles: [], action: '', hidden: false, guarded: false, byEffect: true });
  }

  if (hasStart) g.setNode(START_ID, { width: START_SIZE, height: START_SIZE });
  for (const code of codes) {
    const own = loops.get(code)!;
    const label = options.stateText?.(code) ?? code;
    const labelWidth = textWidth(label, 8.6) + 44; // bold 15px, padding and the final-state flag
    const loopWidth = Math.max(0, ...own.map((l) => lineWidth(l, options.actionText) + 40));
    const width = Math.min(NODE_MAX_WIDTH, Math.max(NODE_WIDTH, loopWidth, Math.min(labelWidth, 240)));
    const labelLines = labelWidth > width ? 2 : 1;
    const height =
      NODE_BASE_HEIGHT + (labelLines - 1) * LABEL_LINE + (own.length ? 8 + own.length * LOOP_LINE : 0) + (options.marks?.(code) ? MARK_LINE : 0);
    g.setNode(code, { width, height });
  }

  let n = 0;
  const edgeIds = new Map<string, string>();
  for (const [key, move] of moves) {
    if (!g.hasNode(move.to) || !g.hasNode(move.from)) continue; // unknown states: the import check reports them
    const width = Math.max(...move.lines.map((l) => lineWidth(l, options.actionText))) + 12;
    const height = move.lines.length * 21 + 10;
    const name = `e${n++}`;
    edgeIds.set(key, name);
    g.setEdge(move.from, move.to, { width, height, labelpos: 'c', minlen: 1 }, name);
  }

  dagre.layout(g);

  const nodes: LaidOutNode[] = [];
  for (const id of g.nodes()) {
    const box = g.node(id) as { x: number; y: number; width: number; height: number };
    nodes.push({
      id,
      kind: id === START_ID ? 'start' : 'state',
      x: box.x - box.width / 2,
      y: box.y - box.height / 2,
      data: {
        code: id,
        terminal: id === START_ID ? false : machine.states[id]?.terminal === true,
        loops: loops.get(id) ?? [],
        width: box.width,
        height: box.height,
      },
    });
  }
  const edges: LaidOutEdge[] = [];
  for (const [key, move] of moves) {
    const name = edgeIds.get(key);
    if (!name) continue;
    const e = g.edge({ v: move.from, w: move.to, name }) as { points: Array<{ x: number; y: number }>; x: number; y: number; width: number; height: number };
    edges.push({
      id: name,
      source: move.from,
      target: move.to,
      data: { lines: move.lines, dashed: move.dashed, points: e.points, label: { x: e.x, y: e.y, width: e.width, height: e.height } },
    });
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { rankdir, nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** A smooth SVG path through dagre's points (a B-spline, like d3's curveBasis). */
export function pathThrough(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  const p = points;
  if (p.length < 3) return `M${p[0]!.x},${p[0]!.y}` + p.slice(1).map((q) => `L${q.x},${q.y}`).join('');
  let d = `M${p[0]!.x},${p[0]!.y}`;
  // First segment to the point 1/6 of the way, then cubic pieces, as curveBasis does.
  const a = p[0]!;
  const b = p[1]!;
  d += `L${(5 * a.x + b.x) / 6},${(5 * a.y + b.y) / 6}`;
  for (let i = 1; i < p.length - 1; i++) {
    const p0 = p[i - 1]!;
    const p1 = p[i]!;
    const p2 = p[i + 1]!;
    d += `C${(2 * p0.x + p1.x) / 3},${(2 * p0.y + p1.y) / 3} ${(p0.x + 2 * p1.x) / 3},${(p0.y + 2 * p1.y) / 3} ${(p0.x + 4 * p1.x + p2.x) / 6},${(p0.y + 4 * p1.y + p2.y) / 6}`;
  }
  const y = p[p.length - 2]!;
  const z = p[p.length - 1]!;
  d += `C${(2 * y.x + z.x) / 3},${(2 * y.y + z.y) / 3} ${(y.x + 2 * z.x) / 3},${(y.y + 2 * z.y) / 3} ${z.x},${z.y}`;
  return d;
}
