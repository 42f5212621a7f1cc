import type { ElementDefinition } from 'cytoscape';
import { KIND_STYLE } from '../ui/kinds.js';
import type { EntityKind } from '../api/types.js';
import type { SceneElements } from './controller.js';

/**
 * A graph too large to draw whole (100k elements) opens as groups, one per kind: a node per group,
 * sized by its members, and one link per pair of groups with the count of links between them. A
 * group expands on demand (double-click) into its members, drawn over it (not as Cytoscape compound
 * children: a compound node of thousands took seconds per frame here), with the links among the
 * members of open groups; it collapses back the same way.
 */

/** Elements beyond which a scene opens as groups. */
export const GROUP_ABOVE = 50_000;
/** Model units between members of an open group (they stand on a sunflower spiral). */
const SPACING = 45;

export const GROUP_PREFIX = 'group:';

export interface Grouping {
  /** Group key → member node ids, in the scene's order. */
  members: Map<string, string[]>;
  /** Node id → group key. */
  groupOf: Map<string, string>;
  /** Links between groups: "a|b" (sorted keys) → count. */
  between: Map<string, number>;
  elements: SceneElements;
}

export function groupScene(elements: SceneElements): Grouping {
  const members = new Map<string, string[]>();
  const groupOf = new Map<string, string>();
  for (const node of elements.nodes) {
    const key = node.data.kind;
    groupOf.set(node.data.id, key);
    const list = members.get(key);
    if (list) list.push(node.data.id);
    else members.set(key, [node.data.id]);
  }
  const between = new Map<string, number>();
  for (const edge of elements.edges) {
    const a = groupOf.get(edge.data.source);
    const b = groupOf.get(edge.data.target);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    between.set(key, (between.get(key) ?? 0) + 1);
  }
  return { members, groupOf, between, elements };
}

/** Radius of the spiral that holds `count` members. */
export function groupRadius(count: number): number {
  return SPACING * Math.sqrt(count + 0.5);
}

function label(key: string, count: number): string {
  const plural = KIND_STYLE[key as EntityKind]?.plural ?? key;
  return `${plural} (${count.toLocaleString('en')})`;
}

/**
 * The groups, closed, on a ring wide enough that any one of them can open without covering its
 * neighbours; and the links between them, as wide as their count allows.
 */
export function groupElements(grouping: Grouping): ElementDefinition[] {
  const keys = [...grouping.members.keys()].sort();
  const largest = Math.max(...keys.map((k) => grouping.members.get(k)?.length ?? 0));
  const ring = keys.length > 1 ? (groupRadius(largest) * 1.15) / Math.sin(Math.PI / keys.length) : 0;
  const out: ElementDefinition[] = keys.map((key, i) => {
    const count = grouping.members.get(key)?.length ?? 0;
    const angle = (i / keys.length) * Math.PI * 2 - Math.PI / 2;
    return {
      group: 'nodes',
      data: {
        id: GROUP_PREFIX + key,
        label: label(key, count),
        kind: key,
        size: groupRadius(count) * 1.2,
        fontSize: groupRadius(count) / 8,
        count,
      },
      classes: ['group'],
      position: { x: Math.cos(angle) * ring, y: Math.sin(angle) * ring },
    };
  });
  for (const [pair, count] of grouping.between) {
    const [a, b] = pair.split('|');
    out.push({
      group: 'edges',
      data: {
        id: `${GROUP_PREFIX}${pair}`,
        source: GROUP_PREFIX + a,
        target: GROUP_PREFIX + b,
        label: count.toLocaleString('en'),
        width: Math.min(14, 1 + Math.log2(count)),
      },
      classes: ['group-link'],
    });
  }
  return out;
}

/**
 * The members of group `key`, inside its node at `center`, and the links among the members of the
 * open groups (`open`, with `key` among them) that are not drawn yet (`drawn`).
 */
export function memberElements(
  grouping: Grouping,
  key: string,
  center: { x: number; y: number },
  open: ReadonlySet<string>,
): ElementDefinition[] {
  const ids = new Set(grouping.members.get(key) ?? []);
  const out: ElementDefinition[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  let i = 0;
  for (const node of grouping.elements.nodes) {
    if (!ids.has(node.data.id)) continue;
    const r = SPACING * Math.sqrt(i + 0.5);
    out.push({
      group: 'nodes',
      data: { ...node.data },
      classes: node.classes,
      position: { x: center.x + r * Math.cos(i * golden), y: center.y + r * Math.sin(i * golden) },
    });
    i += 1;
  }
  for (const edge of grouping.elements.edges) {
    const a = grouping.groupOf.get(edge.data.source);
    const b = grouping.groupOf.get(edge.data.target);
    if (a === undefined || b === undefined) continue;
    // Links of this group to itself or to another open group (whose members are drawn already).
    if ((a === key && open.has(b)) || (b === key && open.has(a)))
      out.push({ group: 'edges', data: { ...edge.data }, classes: edge.classes });
  }
  return out;
}
