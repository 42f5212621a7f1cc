import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { searchEntities } from '../api/endpoints.js';
import { isAbort, toApiError } from '../api/http.js';
import type { SearchResultT } from '../api/types.js';
import { KindIcon } from '../ui/KindIcon.js';
import './search.css';

export interface Chosen {
  id: string;
  name: string;
}

interface Props {
  /** The accessible name of the input ("Search entities", "Path from"). */
  label: string;
  placeholder?: string;
  onChoose(result: Chosen): void;
  /** Text shown in the box (e.g. the chosen entity's name); the box is otherwise free text. */
  value?: string;
  /** Shows the label above the input instead of only to assistive technology. */
  visibleLabel?: boolean;
  /** Clears the text after a choice (the header search) instead of keeping the chosen name (pickers). */
  clearOnChoose?: boolean;
  className?: string;
}

type Results =
  | { state: 'idle' }
  | { state: 'loading'; query: string; previous: SearchResultT[] }
  | { state: 'ready'; query: string; results: SearchResultT[]; suggestions: SearchResultT[] }
  | { state: 'error'; query: string; message: string };

const DEBOUNCE_MS = 180;

/** A shorter probe for "did you mean": the start of the longest word, which survives most typos. */
function probeFor(query: string): string | null {
  const words = query.split(/\s+/).filter((w) => w.length >= 3);
  const longest = words.sort((a, b) => b.length - a.length)[0];
  if (!longest) return null;
  const probe = longest.slice(0, Math.max(3, Math.min(4, longest.length - 1)));
  return probe.toLowerCase() === query.trim().toLowerCase() ? null : probe;
}

/**
 * An ARIA 1.2 combobox over GET /api/search: suggestions as you type (debounced, stale answers
 * dropped), arrows to move, Enter to choose, Escape to close. Used by the header and the path finder.
 */
export function SearchBox({
  label,
  placeholder,
  onChoose,
  value,
  visibleLabel = false,
  clearOnChoose = false,
  className,
}: Props) {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const [lastValue, setLastValue] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);

  // A new value from outside (a path end chosen elsewhere, a restored URL) replaces the text.
  if (value !== lastValue) {
    setLastValue(value);
    setText(value ?? '');
  }

  const query = text.trim();
  const [chooseWhenReady, setChooseWhenReady] = useState<string | null>(null);
  useEffect(() => {
    if (!open || query === '') return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setResults((r) => ({
        state: 'loading',
        query,
        previous: r.state === 'ready' ? r.results : r.state === 'loading' ? r.previous : [],
      }));
      try {
        const { results: found } = await searchEntities(query, { limit: 8 }, controller.signal);
        let suggestions: SearchResultT[] = [];
        const probe = found.length === 0 ? probeFor(query) : null;
        if (probe) {
          suggestions = (await searchEntities(probe, { limit: 4 }, controller.signal)).results;
        }
        setResults({ state: 'ready', query, results: found, suggestions });
        // Nothing is pre-chosen: ↓ moves to the first result, and Enter alone still takes the first.
        setActive(-1);
      } catch (error) {
        if (isAbort(error)) return;
        setResults({ state: 'error', query, message: toApiError(error).message });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, open]);

  const shown: SearchResultT[] =
    results.state === 'ready'
      ? results.results.length > 0
        ? results.results
        : results.suggestions
      : results.state === 'loading'
        ? results.previous
        : [];
  const expanded = open && query !== '' && results.state !== 'idle';

  const choose = (result: SearchResultT) => {
    setOpen(false);
    setActive(-1);
    setText(clearOnChoose ? '' : result.name);
    onChoose({ id: result.id, name: result.name });
    if (clearOnChoose) inputRef.current?.blur();
  };

  const chooseRef = useRef(choose);
  useEffect(() => {
    chooseRef.current = choose;
  });
  // An Enter pressed before the results of the typed text arrived takes their first one, once.
  useEffect(() => {
    if (chooseWhenReady === null) return;
    if (chooseWhenReady !== query) {
      setChooseWhenReady(null);
      return;
    }
    if (results.state === 'ready' && results.query === query) {
      setChooseWhenReady(null);
      const first = results.results[0];
      if (first) chooseRef.current(first);
    } else if (results.state === 'error') setChooseWhenReady(null);
  }, [chooseWhenReady, query, results]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (shown.length) setActive((a) => (a + 1) % shown.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length) setActive((a) => (a <= 0 ? shown.length - 1 : a - 1));
    } else if (event.key === 'Enter') {
      const current = results.state === 'ready' && results.query === query;
      const pick = shown[active] ?? (current ? results.results[0] : undefined);
      if (expanded && pick) {
        event.preventDefault();
        choose(pick);
      } else if (query !== '' && !current) {
        // Typed faster than the results came: Enter takes the first result of what was typed,
        // never one still shown for the text before.
        event.preventDefault();
        setChooseWhenReady(query);
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      } else if (text) {
        event.preventDefault();
        setText('');
      }
    } else if (event.key === 'Home' || event.key === 'End') {
      // Left to the input: they move the caret, as the combobox pattern expects.
    }
  };

  const activeId = expanded && active >= 0 && shown[active] ? `${id}-opt-${active}` : undefined;
  const emptyQuery = results.state === 'ready' && results.results.length === 0 ? results.query : null;

  return (
    <div className={`search ${className ?? ''}`}>
      <label htmlFor={`${id}-input`} className={visibleLabel ? 'field-label' : 'sr-only'}>
        {label}
      </label>
      <div className="search-field">
        <svg className="search-glyph" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => {
            if (text.trim()) setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {results.state === 'loading' && expanded ? (
          <span className="spinner spinner--small" aria-hidden="true" />
        ) : null}
      </div>
      <div className="search-popup" hidden={!expanded}>
        {emptyQuery !== null ? (
          <div className="search-message">
            <p>
              No entity matches “{emptyQuery}”.
              {shown.length > 0 ? ' Did you mean one of these?' : ''}
            </p>
            <p className="muted">
              Try another spelling (Uighur or Uyghur), part of the name, or the name in Chinese script.
            </p>
          </div>
        ) : null}
        {results.state === 'error' ? (
          <p className="search-message search-message--error" role="alert">
            Search failed: {results.message}
          </p>
        ) : null}
        <ul id={listboxId} role="listbox" aria-label={`${label}: suggestions`} className="search-options">
          {shown.map((result, index) => {
            const others = result.aliases.filter((a) => a !== result.name);
            return (
              <li
                key={result.id}
                id={`${id}-opt-${index}`}
                role="option"
                aria-selected={index === active}
                className="search-option"
                // mousedown, not click: the input's blur would otherwise close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(result);
                }}
                onMouseMove={() => setActive(index)}
              >
                <KindIcon kind={result.kind} />
                <span className="search-option-text">
                  <span className="search-option-name">{result.name}</span>
                  <span className="search-option-meta">
                    {result.types.includes('Official') ? 'Official · ' : ''}
                    {result.kind}
                    {result.matched && result.matched !== result.name ? ` · matched “${result.matched}”` : ''}
                  </span>
                  {others.length > 0 ? (
                    <span className="search-option-aliases">also {others.slice(0, 4).join(', ')}</span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
