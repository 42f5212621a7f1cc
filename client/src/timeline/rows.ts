import type { TimelineItemT } from '../stories/api.js';

/**
 * One timeline row per happening: an event and the dated links about it ("Chen Quanguo appointed to
 * Xinjiang", "Chen Quanguo subject of Appointment of …") are one thing that happened, told three
 * ways. Items of the same date that share an entity join one row, named after its event when it
 * has one.
 */
export interface TimelineRow {
  key: string;
  /** The row's event, or its first link when no event is dated there. */
  lead: TimelineItemT;
  items: TimelineItemT[];
  entityIds: string[];
}

const dateKey = (item: TimelineItemT) => `${item.date.start}/${item.date.end ?? ''}/${item.date.precision}`;

export function timelineRows(items: readonly TimelineItemT[]): TimelineRow[] {
  // Union-find over the items of one date: sharing an entity joins them.
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const owner = new Map<string, number>();
  items.forEach((item, i) => {
    for (const id of item.entityIds) {
      const key = `${dateKey(item)}|${id}`;
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, TimelineItemT[]>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  // Groups keep the order of their first item, which the server sorts by date.
  return [...groups.values()].flatMap((group) => {
    const lead = group.find((item) => item.itemType === 'entity') ?? group[0];
    if (!lead) return [];
    return {
      key: `${lead.itemType}-${lead.id}`,
      lead,
      items: group,
      entityIds: [...new Set([...lead.entityIds, ...group.flatMap((item) => item.entityIds)])],
    };
  });
}
