import type { ElementDefinition } from 'cytoscape';
import { KIND_STYLE } from '../ui/kinds.js';
import type { EntityKind } from '../api/types.js';
import type { SceneElements } from './controller.js';

/**
 * A graph too large to draw whole (100k elements) opens as groups, one per kind or, as the user
 * chooses, one per community (Louvain, found in the layout worker): a node per group,
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

/** How a graph too large to draw whole is grouped. */
export type GroupBy = 'kind' | 'community';

/** Groups by community at most: the smallest communities beyond them share one group. */
export const MAX_COMMUNITY_GROUPS = 24;

export interface Grouping {
  /** Group key → member node ids, in the scene's order. */
  members: Map<string, string[]>;
  /** Node id → group key. */
  groupOf: Map<string, string>;
  /** Links between groups: "a|b" (sorted keys) → count. */
  between: Map<string, number>;
  /** Group key → its name, with its count. */
  labels: Map<string, string>;
  by: GroupBy;
  elements: SceneElements;
}

/**
 * The scene's nodes in groups: by kind, or by community when `communities` is given (the community
 * of each of `elements.nodes`, in its order, numbered from 0 for the largest).
 */
export function groupScene(elements: SceneElements, communities?: Int32Array): Grouping {
  const members = new Map<string, string[]>();
  const groupOf = new Map<string, string>();
  const keyOf = (index: number): string => {
    const community = communities?.[index];
    if (community === undefined) return elements.nodes[index]?.data.kind ?? '';
    return community < MAX_COMMUNITY_GROUPS - 1 ? `community-${community + 1}` : 'community-rest';
  };
  for (const [index, node] of elements.nodes.entries()) {
    const key = keyOf(index);
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
  const labels = new Map<string, string>();
  const hubs = communities ? communityHubs(elements, groupOf, members) : null;
  for (const [key, ids] of members)
    labels.set(key, hubs ? communityLabel(key, ids.length, hubs.get(key)) : kindLabel(key, ids.length));
  return { members, groupOf, between, labels, by: communities ? 'community' : 'kind', elements };
}

/** Radius of the spiral that holds `count` members. */
export function groupRadius(count: number): number {
  return SPACING * Math.sqrt(count + 0.5);
}

function kindLabel(key: string, count: number): string {
  const plural = KIND_STYLE[key as EntityKind]?.plural ?? key;
  return `${plural} (${count.toLocaleString('en')})`;
}

/**
 * A community is named after its best-connected member (links inside it): a number would tell the
 * reader nothing. One pass over the links for all the groups: a pass per group was 24 passes over
 * 67k links on the page's thread at 100k elements, the longest task of grouping by community.
 */
function communityHubs(
  elements: SceneElements,
  groupOf: ReadonlyMap<string, string>,
  members: ReadonlyMap<string, readonly string[]>,
): Map<string, string> {
  const degree = new Map<string, number>();
  for (const edge of elements.edges) {
    const { source, target } = edge.data;
    const group = groupOf.get(source);
    if (group === undefined || group !== groupOf.get(target)) continue;
    degree.set(source, (degree.get(source) ?? 0) + 1);
    degree.set(target, (degree.get(target) ?? 0) + 1);
  }
  const label = new Map(elements.nodes.map((node) => [node.data.id, node.data.label]));
  const hubs = new Map<string, string>();
  for (const [key, ids] of members) {
    let hub = ids[0] ?? '';
    for (const id of ids) if ((degree.get(id) ?? 0) > (degree.get(hub) ?? 0)) hub = id;
    hubs.set(key, label.get(hub) ?? hub);
  }
  return hubs;
}

function communityLabel(key: string, size: number, hub: string | undefined): string {
  const count = size.toLocaleString('en');
  if (key === 'community-rest') return `Smaller communities (${count})`;
  return `Around ${hub ?? key} (${count})`;
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
        label: grouping.labels.get(key) ?? key,
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
