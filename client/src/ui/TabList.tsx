import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * Keyboard behaviour of a WAI-ARIA tab list: arrows move between tabs (wrapping), Home and End jump
 * to the ends, and focus follows the chosen tab.
 */
function useTabKeys<T extends string>(tabs: readonly { id: T }[], current: T, choose: (id: T) => void) {
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
  // A strip narrower than its tabs scrolls; the chosen tab is kept in view, never half cut.
  useEffect(() => {
    refs.current[current]?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  const refFor = (id: T) => (el: HTMLButtonElement | null) => {
    refs.current[id] = el;
  };
  return { onKeyDown, refFor };
}

/**
 * The tab strip of a WAI-ARIA tab list, shared by the side panel and the workbench: tab `x` has the
 * id `${prefix}tab-x` and controls the panel `${prefix}panel-x`, which the caller renders.
 */
export function TabList<T extends string>({
  tabs,
  current,
  choose,
  label,
  prefix = '',
  badge,
}: {
  tabs: readonly { id: T; label: string }[];
  current: T;
  choose: (id: T) => void;
  label: string;
  prefix?: string;
  badge?: (id: T) => ReactNode;
}) {
  const { onKeyDown, refFor } = useTabKeys(tabs, current, choose);
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          ref={refFor(t.id)}
          type="button"
          role="tab"
          id={`${prefix}tab-${t.id}`}
          aria-selected={current === t.id}
          aria-controls={`${prefix}panel-${t.id}`}
          tabIndex={current === t.id ? 0 : -1}
          className="tab"
          onClick={() => choose(t.id)}
        >
          {t.label}
          {badge?.(t.id)}
        </button>
      ))}
    </div>
  );
}
