import type { Core } from 'cytoscape';
import { findCommunities } from './communities.js';
import type { SceneElements } from './controller.js';
import { LARGE_GRAPH } from './detail.js';
import {
  GROUP_PREFIX,
  groupElements,
  groupScene,
  memberElements,
  type GroupBy,
  type Grouping,
} from './groups.js';
import type { LayoutWorker } from './layout.js';
import { hashString } from './seeded.js';

/** What the grouped view asks of the rest of the graph. */
export interface GroupedHost {
  stopLayout(): void;
  fit(ids?: readonly string[], animate?: boolean): void;
  scheduleTidy(): void;
  zoomFloor(): void;
  setLarge(large: boolean): void;
  /** The worker communities are found in (the layouts'), started if need be; null without workers. */
  worker(): LayoutWorker | null;
}

export interface GroupState {
  key: string;
  label: string;
  count: number;
  open: boolean;
}

/** A scene too large to draw whole, drawn as groups (groups.ts) that open on demand. */
export class GroupedView {
  private grouping: Grouping | null = null;
  private readonly openGroups = new Set<string>();
  /** How a graph too large to draw whole is grouped: the user's choice, kept across graphs. */
  private groupBy: GroupBy = 'kind';
  /** The communities of the last scene they were found for (found in the worker, about a second). */
  private communities: { elements: SceneElements; found: Promise<Int32Array | null> } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly cy: Core,
    private readonly host: GroupedHost,
  ) {}

  /** Whether the graph on screen is drawn as groups. */
  get active(): boolean {
    return this.grouping !== null;
  }

  /**
   * A scene too large to draw whole, as closed groups; nothing is added to lay out. By community,
   * the groups by kind are shown until the worker has found the communities.
   */
  show(wanted: SceneElements): string[] {
    if (this.grouping?.elements === wanted) return [];
    this.host.stopLayout();
    this.draw(groupScene(wanted));
    if (this.groupBy === 'community') void this.byCommunity(wanted);
    return [];
  }

  /** The graph is drawn whole again: the groups are taken off. */
  leave(): void {
    if (!this.grouping) return;
    this.grouping = null;
    this.openGroups.clear();
    this.cy.elements().remove();
    this.host.zoomFloor();
    this.changed();
  }

  private draw(grouping: Grouping): void {
    this.grouping = grouping;
    this.openGroups.clear();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(groupElements(grouping));
    });
    this.host.zoomFloor();
    this.host.fit(undefined, false);
    this.host.scheduleTidy();
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` when the graph starts or stops being drawn as groups, or is grouped anew. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The user's choice of grouping (kept when the graph on screen is drawn whole). */
  get choice(): GroupBy {
    return this.groupBy;
  }

  private async byCommunity(wanted: SceneElements): Promise<void> {
    if (this.communities?.elements !== wanted) {
      const index = new Map(wanted.nodes.map((n, i) => [n.data.id, i]));
      const edges = new Int32Array(wanted.edges.length * 2);
      wanted.edges.forEach((e, k) => {
        edges[2 * k] = index.get(e.data.source) ?? -1;
        edges[2 * k + 1] = index.get(e.data.target) ?? -1;
      });
      const seed = hashString(
        `${wanted.nodes.length}|${wanted.edges.length}|${wanted.nodes[0]?.data.id ?? ''}`,
      );
      const asked = this.host.worker()?.communities(wanted.nodes.length, edges.slice(), seed);
      // A browser without workers, or a worker that failed: found here, if still wanted then.
      const found = (asked ?? Promise.reject(new Error('no worker'))).catch(() =>
        this.grouping?.elements === wanted && this.groupBy === 'community'
          ? findCommunities(wanted.nodes.length, edges, seed)
          : null,
      );
      this.communities = { elements: wanted, found };
    }
    const entry = this.communities;
    const communities = await entry.found;
    // A failed search is not kept: the next choice of communities asks again.
    if (!communities && this.communities === entry) this.communities = null;
    // Still the graph on screen, still grouped by community.
    if (!communities || this.grouping?.elements !== wanted || this.groupBy !== 'community') return;
    if (this.grouping.by === 'community') return;
    this.draw(groupScene(wanted, communities));
  }

  /** Groups a graph too large to draw whole by kind or by community; resolves once they are drawn. */
  async setGroupBy(by: GroupBy): Promise<void> {
    this.groupBy = by;
    const grouping = this.grouping;
    if (!grouping || grouping.by === by) return;
    if (by === 'kind') this.draw(groupScene(grouping.elements));
    else await this.byCommunity(grouping.elements);
  }

  /** The group of a node of a grouped graph (tests and the bench read it). */
  groupOf(id: string): string | null {
    return this.grouping?.groupOf.get(id) ?? null;
  }

  /** How the graph on screen is grouped, or null when it is drawn whole. */
  get groupedBy(): GroupBy | null {
    return this.grouping?.by ?? null;
  }

  /** The groups of a grouped graph, and which are open (tests and the bench read them). */
  groups(): GroupState[] {
    const grouping = this.grouping;
    if (!grouping) return [];
    return [...grouping.members].map(([key, ids]) => ({
      key,
      label: grouping.labels.get(key) ?? key,
      count: ids.length,
      open: this.openGroups.has(key),
    }));
  }

  /** Opens a closed group into its members, or closes an open one. */
  toggle(key: string): void {
    const grouping = this.grouping;
    const group = this.cy.getElementById(GROUP_PREFIX + key);
    if (!grouping || group.empty()) return;
    if (this.openGroups.delete(key)) {
      const members = new Set(grouping.members.get(key));
      this.cy
        .nodes()
        .filter((node) => members.has(node.id()))
        .remove();
      group.removeClass('open');
      this.host.fit(undefined, false);
    } else {
      this.openGroups.add(key);
      group.addClass('open');
      const members = memberElements(grouping, key, { ...group.position() }, this.openGroups);
      if (this.cy.elements().length + members.length > LARGE_GRAPH) this.host.setLarge(true);
      this.cy.add(members);
      this.host.fit(grouping.members.get(key), false);
    }
    this.host.scheduleTidy();
  }
}
