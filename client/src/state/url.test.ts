import { describe, expect, it } from 'vitest';
import { historyMode, searchToView, viewToSearch } from './url.js';
import { defaultView, type ViewState } from './view.js';

describe('the view in the URL', () => {
  it('is empty for the starting view, so a bare link opens the starting graph', () => {
    expect(viewToSearch(defaultView)).toBe('');
    expect(searchToView('')).toEqual(defaultView);
  });

  it('round-trips a full view', () => {
    const view: ViewState = {
      mode: 'explore',
      seeds: ['chen-quanguo', 'tibet'],
      expanded: { 'chen-quanguo': 20, xinjiang: 10 },
      hidden: ['officials'],
      pinned: ['xi-jinping'],
      selected: 'chen-quanguo',
      selectedEdge: 'chen-quanguo-led-chen-tibet-policies',
      layout: 'breadthfirst',
      tab: 'paths',
      reader: { sourceId: 'no-mercy-in-xinjiang', mark: { start: 1620, end: 1690 }, dock: 'bottom' },
      list: true,
      path: { from: 'wang-yongzhi', to: 'xi-jinping', maxHops: 4, k: 5, index: 2 },
      filters: {
        hiddenKinds: ['Event', 'Place'],
        hiddenRels: ['LOCATED_IN'],
        hiddenStances: ['denied'],
        yearFrom: 2014,
        yearTo: 2017,
        undated: false,
      },
      story: { id: 'the-xinjiang-papers', step: 2 },
      presenting: true,
      page: 'query',
      workbench: {
        tab: 'templates',
        cypher: 'MATCH (e:Entity {id: $x}) RETURN e',
        params: '{"x": "chen-quanguo"}',
        template: 'neighbourhood',
        values: { x: 'chen-quanguo', hops: '2' },
      },
    };
    const search = viewToSearch(view);
    expect(search).toContain('exp=chen-quanguo:20,xinjiang:10');
    expect(searchToView(search)).toEqual(view);
  });

  it('ignores what it cannot read instead of failing', () => {
    const view = searchToView(
      '?sel=<script>&layout=spiral&tab=x&exp=a:9999,B:1&xk=Nope,Person&mark=1-&y0=20',
    );
    expect(view.selected).toBeNull();
    expect(view.layout).toBe('fcose');
    expect(view.tab).toBe('details');
    expect(view.expanded).toEqual({ a: 10 });
    expect(view.filters.hiddenKinds).toEqual(['Person']);
    expect(view.filters.yearFrom).toBeNull();
  });

  it('pushes new views and replaces fine adjustments', () => {
    expect(historyMode('?sel=a', '?sel=b')).toBe('push');
    expect(historyMode('?sel=a', '?sel=a&tab=paths')).toBe('push');
    expect(historyMode('?sel=a', '?sel=a&layout=concentric')).toBe('replace');
    expect(historyMode('?sel=a&src=s&mark=1-2', '?sel=a&src=s&mark=5-9')).toBe('replace');
    expect(historyMode('?sel=a', '?sel=a&pin=a')).toBe('replace');
  });
});
