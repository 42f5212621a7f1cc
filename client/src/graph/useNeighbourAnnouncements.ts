import { useEffect } from 'react';
import { useData } from '../state/data.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';

/**
 * Tells screen-reader users what an expansion added, when its neighbours arrive. Said here, by the
 * graph, rather than by the data store, which only fetches.
 */
export function useNeighbourAnnouncements(): void {
  useEffect(
    () =>
      useData.subscribe((state, before) => {
        if (state.neighborhoods === before.neighborhoods) return;
        for (const [id, hood] of Object.entries(state.neighborhoods)) {
          if (hood.status !== 'ready' || before.neighborhoods[id]?.status !== 'loading') continue;
          const shown = hood.data.nodeIds.filter((n) => n !== id).length;
          const name = state.nodes[id]?.name ?? id;
          announce(
            `${plural(shown, 'neighbour')} of ${name} on the graph` +
              (hood.data.total > shown ? `, ${hood.data.total - shown} more can be shown.` : '.'),
          );
        }
      }),
    [],
  );
}
