import { create } from 'zustand';

/** The views that show entities, each lighting up what is hovered in the others. */
export type HoverOrigin = 'graph' | 'map' | 'list';

/**
 * The entity the pointer (or keyboard focus) is on, in whichever view: the graph, the map and the
 * list each show it, and each knows whether it came from itself (the graph does not light up again
 * what the pointer on it already lit). Not part of the view, so not in the URL.
 */
export const useHover = create<{
  id: string | null;
  from: HoverOrigin | null;
  set(id: string | null, from?: HoverOrigin): void;
}>()((set) => ({
  id: null,
  from: null,
  set: (id, from) => set({ id, from: id === null ? null : (from ?? null) }),
}));
