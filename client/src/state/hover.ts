import { create } from 'zustand';

/**
 * The entity the pointer (or keyboard focus) is on, in whichever view: the graph, the map and the
 * list each show it. Not part of the view, so not in the URL.
 */
export const useHover = create<{ id: string | null; set(id: string | null): void }>()((set) => ({
  id: null,
  set: (id) => set({ id }),
}));
