import { useRef, type KeyboardEvent } from 'react';

/**
 * Keyboard behaviour of a WAI-ARIA tab list: arrows move between tabs (wrapping), Home and End jump
 * to the ends, and focus follows the chosen tab. Shared by the side panel and the workbench.
 */
export function useTabKeys<T extends string>(
  tabs: readonly { id: T }[],
  current: T,
  choose: (id: T) => void,
) {
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === current);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = moves[event.key];
    const id = next === undefined ? undefined : tabs[next]?.id;
    if (id === undefined) return;
    event.preventDefault();
    choose(id);
    refs.current[id]?.focus();
  };
  const refFor = (id: T) => (el: HTMLButtonElement | null) => {
    refs.current[id] = el;
  };
  return { onKeyDown, refFor };
}
