import { useEffect, useRef, useState } from 'react';
import { KINDS } from '../ui/kinds.js';
import type { EntityKind } from '../api/types.js';
import type { Candidate } from './types.js';

export type Decide = (
  candidate: Candidate,
  decision: {
    action: 'accept' | 'reject' | 'link' | 'pending';
    name?: string;
    kind?: EntityKind;
    entityId?: string;
    location?: 'accept' | 'reject';
  },
) => void;

const KEYS = 'A accept · R reject · L link · E rename · K kind · G accept location · U undo · ↑↓ move';

/** The decision that takes or refuses a candidate's proposed location, keeping the rest of it. */
function locationDecision(c: Candidate, location: 'accept' | 'reject'): Parameters<Decide>[1] {
  const name = c.decision?.name;
  const kind = c.decision?.kind;
  if (location === 'accept')
    return { action: 'accept', location, ...(name ? { name } : {}), ...(kind ? { kind } : {}) };
  const action = c.decision?.action === 'accept' ? 'accept' : 'pending';
  return {
    action,
    location,
    ...(action === 'accept' && name ? { name } : {}),
    ...(action === 'accept' && kind ? { kind } : {}),
  };
}

/** The candidates as a keyboard-first list: arrows move, one letter decides. */
export function CandidateList({
  candidates,
  focused,
  onFocus,
  decide,
}: {
  candidates: Candidate[];
  focused: string | null;
  onFocus: (id: string) => void;
  decide: Decide;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const index = Math.max(
    0,
    candidates.findIndex((c) => c.id === focused),
  );

  useEffect(() => {
    if (renaming) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-id="${focused ?? ''}"]`);
    if (item && list.current?.contains(document.activeElement)) item.focus();
  }, [focused, renaming]);

  const onKey = (event: React.KeyboardEvent, c: Candidate) => {
    if (renaming || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    const move = (by: number) => {
      const next = candidates[Math.min(candidates.length - 1, Math.max(0, index + by))];
      if (next) onFocus(next.id);
    };
    const name = c.decision?.name;
    if (key === 'arrowdown' || key === 'j') move(1);
    else if (key === 'arrowup') move(-1);
    else if (key === 'a') decide(c, { action: 'accept', ...(name ? { name } : {}) });
    else if (key === 'r') decide(c, { action: 'reject' });
    else if (key === 'l' && c.link) decide(c, { action: 'link', entityId: c.link.entityId });
    else if (key === 'u') decide(c, { action: 'pending' });
    else if (key === 'g' && c.location) decide(c, locationDecision(c, 'accept'));
    else if (key === 'e') setRenaming(c.id);
    else if (key === 'k') {
      const current = c.decision?.kind ?? c.kind;
      const kind = KINDS[(KINDS.indexOf(current) + 1) % KINDS.length] ?? 'Person';
      decide(c, { action: 'accept', kind, ...(name ? { name } : {}) });
    } else return;
    event.preventDefault();
  };

  return (
    <section className="imp-candidates" aria-label="Candidates">
      <h3>
        Candidates <span className="muted">({candidates.length})</span>
      </h3>
      <p className="muted imp-keys">{KEYS}</p>
      <ul
        ref={list}
        role="listbox"
        aria-label="Candidate entities"
        aria-activedescendant={focused ?? undefined}
      >
        {candidates.map((c) => {
          const state = c.decision?.action ?? 'pending';
          return (
            <li
              key={c.id}
              id={c.id}
              data-id={c.id}
              role="option"
              aria-selected={c.id === focused}
              tabIndex={c.id === (focused ?? candidates[0]?.id) ? 0 : -1}
              className={`imp-candidate imp-candidate--${state}`}
              onClick={() => onFocus(c.id)}
              onKeyDown={(e) => onKey(e, c)}
            >
              {renaming === c.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const value = new FormData(e.currentTarget).get('name');
                    setRenaming(null);
                    if (typeof value === 'string' && value.trim())
                      decide(c, { action: 'accept', name: value.trim(), kind: c.decision?.kind ?? c.kind });
                  }}
                >
                  <label>
                    Name{' '}
                    <input
                      name="name"
                      defaultValue={c.decision?.name ?? c.name}
                      autoFocus
                      onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                    />
                  </label>
                </form>
              ) : (
                <>
                  <span className="imp-candidate-name">{c.decision?.name ?? c.name}</span>{' '}
                  <span className="imp-kind">{c.decision?.kind ?? c.kind}</span>{' '}
                  <span className="muted">
                    ×{c.mentions.length} · {c.why}
                  </span>
                  <span className={`imp-state imp-state--${state}`}>
                    {state === 'link' ? `linked → ${c.link?.name ?? c.entityId}` : state}
                  </span>
                  {c.location && (c.decision?.kind ?? c.kind) === 'Place' && state !== 'link' ? (
                    <div className="imp-location">
                      Location: <b>{c.location.label}</b>{' '}
                      <span className="muted">({c.location.precision})</span>{' '}
                      {c.decision?.location ? (
                        <span className="imp-location-state">
                          location {c.decision.location === 'accept' ? 'accepted' : 'rejected'}
                        </span>
                      ) : null}{' '}
                      <button
                        type="button"
                        className="btn btn--small"
                        tabIndex={-1}
                        aria-label={`Accept location of ${c.decision?.name ?? c.name}`}
                        onClick={() => decide(c, locationDecision(c, 'accept'))}
                      >
                        Accept location
                      </button>{' '}
                      <button
                        type="button"
                        className="btn btn--small"
                        tabIndex={-1}
                        aria-label={`Reject location of ${c.decision?.name ?? c.name}`}
                        onClick={() => decide(c, locationDecision(c, 'reject'))}
                      >
                        Reject location
                      </button>
                    </div>
                  ) : null}
                  {c.link && state !== 'link' ? (
                    <div className="imp-link">
                      Looks like <b>{c.link.name}</b> ({c.link.reasons.join(', ')}) — press L to link
                    </div>
                  ) : null}
                  <div className="imp-actions">
                    <button
                      type="button"
                      className="btn btn--small"
                      tabIndex={-1}
                      onClick={() => decide(c, { action: 'accept' })}
                    >
                      Accept
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      tabIndex={-1}
                      onClick={() => decide(c, { action: 'reject' })}
                    >
                      Reject
                    </button>
                    {c.link ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        tabIndex={-1}
                        onClick={() => c.link && decide(c, { action: 'link', entityId: c.link.entityId })}
                      >
                        Link
                      </button>
                    ) : null}
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
