import { create } from 'zustand';

/** What a polite live region reads out after an action whose effect is only visible on the graph. */
export const useAnnounce = create<{ spoken: string }>()(() => ({ spoken: '' }));

export function announce(text: string): void {
  // The same sentence twice in a row must still be read; a zero-width change makes it new.
  const previous = useAnnounce.getState().spoken;
  useAnnounce.setState({ spoken: previous === text ? `${text}\u200b` : text });
}
