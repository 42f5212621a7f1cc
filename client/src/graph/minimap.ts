import cytoscape, { type Core } from 'cytoscape';
import navigator from 'cytoscape-navigator';
import 'cytoscape-navigator/cytoscape.js-navigator.css';

navigator(cytoscape);

/** Elements beyond which the graph gets a minimap: a view of the whole and where the camera is. */
export const MINIMAP_ABOVE = 1000;
/** How long the graph must rest before the thumbnail is drawn again. */
const REST_MS = 400;
/**
 * What changes the thumbnail. Not Cytoscape's `style` event: drawing the thumbnail (cy.png) itself
 * sets a flag on every node that emits it, so listening to it redrew a 5k graph's thumbnail, a long
 * task of up to a second, every second and a half of a graph standing still. Nor its `class` event:
 * hovering, selecting or a label's tidy changes classes (an event per element), and each pause of
 * the pointer over a 20k graph then redrew its thumbnail, the longest task of using it (issue #22);
 * those marks are too small to see in the thumbnail. The playhead (quiet()) and a new stylesheet
 * (the theme, a metric's emphasis: changed()) say so themselves.
 */
const CHANGES = 'add remove layoutstop free data';

interface Navigator {
  destroy(): void;
  /** The navigator's own (throttled) thumbnail refresh, which it hangs on every frame Cytoscape draws. */
  _onRenderHandler?: () => void;
}

/**
 * cytoscape-navigator in a container the page owns. The navigator re-renders its thumbnail (a PNG of
 * the whole graph, and its bounding box) on every frame the graph draws, up to twice a second: on a
 * graph of 20k elements that is a long task every half second of a pan. Here it is redrawn only once
 * the graph itself changes (elements, positions, style) and has rested.
 */
export class Minimap {
  private nav: Navigator | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Until when the thumbnail waits (a playing timeline): see quiet(). */
  private quietUntil = 0;
  private lastChange = 0;
  private readonly refresh = () => this.schedule();

  constructor(
    private readonly cy: Core,
    private readonly container: HTMLElement,
  ) {}

  get shown(): boolean {
    return this.nav !== null;
  }

  /** Shows or removes the minimap for a graph of `elements` elements. */
  follow(elements: number): void {
    if (elements > MINIMAP_ABOVE) this.show();
    else this.hide();
  }

  private show(): void {
    if (this.nav) {
      this.schedule();
      return;
    }
    this.container.hidden = false;
    const cy = this.cy as Core & { navigator(options: object): Navigator };
    // The navigator takes its container as a selector only (an element makes it add its own to <body>).
    this.nav = cy.navigator({
      container: `#${this.container.id}`,
      viewLiveFramerate: 0,
      thumbnailEventFramerate: 0,
      thumbnailLiveFramerate: false,
      removeCustomContainer: false,
      rerenderDelay: 0,
    });
    const handler = this.nav._onRenderHandler;
    // offRender is Cytoscape's own, missing from its typings.
    if (handler) (this.cy as Core & { offRender(fn: () => void): void }).offRender(handler);
    this.cy.on(CHANGES, this.refresh);
    this.schedule();
  }

  hide(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cy.off(CHANGES, this.refresh);
    this.nav?.destroy();
    this.nav = null;
    this.container.hidden = true;
    this.container.replaceChildren();
  }

  /**
   * The graph changes many times a second for a while (the timeline plays): the thumbnail, a long
   * task at thousands of elements, is redrawn once it has rested for `ms`, not between two steps.
   */
  quiet(ms = 1200): void {
    this.quietUntil = performance.now() + ms;
    if (this.nav) this.schedule();
  }

  /** The graph's look changed in a way its events do not say (a new stylesheet). */
  changed(): void {
    if (this.nav) this.schedule();
  }

  /** Called on every change (an event per element): notes the time; one timer waits for rest. */
  private schedule(): void {
    this.lastChange = performance.now();
    if (!this.timer) this.wait(REST_MS);
  }

  private wait(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const left = Math.max(this.lastChange + REST_MS, this.quietUntil) - performance.now();
      if (left > 0) this.wait(left);
      else this.nav?._onRenderHandler?.();
    }, ms);
  }
}
