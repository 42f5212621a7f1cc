import { create } from 'zustand';

/**
 * After a choice (a search result), keyboard focus goes to that entity's details, so the next Tab
 * reaches its evidence instead of starting again at the top of the page. The details panel takes
 * it once the entity's heading is drawn.
 */
export const useDetailsFocus = create<{ pending: string | null }>()(() => ({ pending: null }));

export function focusDetailsOf(id: string): void {
  useDetailsFocus.setState({ pending: id });
}

export function detailsFocused(): void {
  useDetailsFocus.setState({ pending: null });
}
