import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { Highlight, HoverTarget } from './controller.js';
import { TIME_HIDDEN } from './playhead.js';

export type Emphasis = Record<string, { size: number; color: string }>;

/** What the marks ask of the rest of the graph. */
export interface MarksHost {
  large(): boolean;
  scheduleTidy(): void;
  /** Tells the page what the pointer is on (the tooltip), or null. */
  hover(target: HoverTarget | null): void;
}

/**
 * What is marked on the drawn elements besides their own classes: the selection and paths
 * (applyHighlight), the hovered element and its neighbours, and a metric's sizes and colours.
 */
export class Marks {
  private hovered: string | null = null;
  private highlight: Highlight | null = null;
  private emphasis: Emphasis | null = null;

  constructor(
    private readonly cy: Core,
    private readonly host: MarksHost,
  ) {}

  applyHighlight(highlight: Highlight): void {
    this.highlight = highlight;
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('selected-node selected-edge on-path in-paths path-dim');
      const pathActive = highlight.allPathEdges.size > 0 || highlight.allPathNodes.size > 0;
      if (pathActive) {
        cy.nodes().forEach((node) => {
          if (highlight.pathNodes.has(node.id())) node.addClass('on-path');
          else if (!highlight.allPathNodes.has(node.id())) node.addClass('path-dim');
        });
        cy.edges().forEach((edge) => {
          if (highlight.pathEdges.has(edge.id())) edge.addClass('on-path');
          else if (highlight.allPathEdges.has(edge.id())) edge.addClass('in-paths');
          else edge.addClass('path-dim');
        });
      }
      cy.nodes().forEach((node) => {
        if (highlight.pinned.includes(node.id())) node.addClass('pinned');
        else node.removeClass('pinned');
      });
      cy.edges().removeClass('show-label');
      if (highlight.selected) {
        const node = cy.getElementById(highlight.selected);
        node.addClass('selected-node');
        node.connectedEdges().addClass('show-label');
      }
      if (highlight.selectedEdge)
        cy.getElementById(highlight.selectedEdge).addClass('selected-edge show-label');
    });
    this.host.scheduleTidy();
  }

  /** The marks given again after a sync brought new elements in. */
  reapply(): void {
    if (this.highlight) this.applyHighlight(this.highlight);
    this.applyEmphasis();
  }

  hoverNode(node: NodeSingular): void {
    this.lightUp(node);
    const p = node.renderedPosition();
    this.host.hover({ type: 'node', id: node.id(), x: p.x, y: p.y - node.renderedOuterHeight() / 2 });
  }

  /**
   * An entity hovered in another view (the map, the list) is lit up here as if the pointer were on
   * it, without the tooltip; null puts it out. Nothing is reported back: the other view knows.
   */
  showHover(id: string | null): void {
    const node = id === null ? null : this.cy.getElementById(id);
    if (this.hovered) this.clearHover(false);
    if (node?.nonempty() && node.isNode() && !node.hasClass(TIME_HIDDEN)) this.lightUp(node);
  }

  private lightUp(node: NodeSingular): void {
    const cy = this.cy;
    this.hovered = node.id();
    const hood = node.closedNeighborhood();
    cy.batch(() => {
      // Fading every other element of a large graph restyles all of them: its hover only lights up.
      if (!this.host.large()) cy.elements().not(hood).addClass('faded');
      node.addClass('hover');
      hood.nodes().addClass('neighbor');
      hood.edges().addClass('show-label hover-edge');
    });
    // The hovered node's name and its neighbours' come first.
    this.host.scheduleTidy();
  }

  hoverEdge(edge: EdgeSingular): void {
    const cy = this.cy;
    this.hovered = edge.id();
    const ends = edge.connectedNodes().union(edge);
    cy.batch(() => {
      if (!this.host.large()) cy.elements().not(ends).addClass('faded');
      edge.addClass('show-label hover-edge');
    });
    const p = edge.renderedMidpoint();
    this.host.hover({ type: 'edge', id: edge.id(), x: p.x, y: p.y });
  }

  /** A pan or zoom puts the hover out: the pointer is no longer on what it lit up. */
  viewMoved(): void {
    if (this.hovered) this.clearHover();
  }

  clearHover(report = true): void {
    this.hovered = null;
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded hover neighbor hover-edge');
      this.cy.edges().removeClass('show-label');
    });
    if (this.highlight) this.applyHighlight(this.highlight);
    this.host.scheduleTidy();
    if (report) this.host.hover(null);
  }

  /**
   * Sizes and colours nodes by a metric (the workbench's metrics), or takes that off again with null.
   * Done with style bypasses, which sync() never touches, so the usual styling returns unchanged.
   */
  setEmphasis(emphasis: Emphasis | null): void {
    this.emphasis = emphasis;
    if (emphasis) this.applyEmphasis();
    else this.cy.nodes().removeStyle('width height background-color');
  }

  applyEmphasis(): void {
    const emphasis = this.emphasis;
    if (!emphasis) return;
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const style = emphasis[node.id()];
        if (style) node.style({ width: style.size, height: style.size, 'background-color': style.color });
        else node.removeStyle('width height background-color');
      });
    });
  }
}
