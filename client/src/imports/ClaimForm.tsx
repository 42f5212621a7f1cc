import { useState } from 'react';
import type { Draft, Selection } from './types.js';

export interface ClaimInput {
  from: string;
  to: string;
  type: string;
  typeDescription?: string;
  by: string[];
  stance: 'reported' | 'claimed' | 'disputed' | 'denied';
  date?: { start: string; end?: string; precision: 'year' | 'month' | 'day' };
  start: number;
  end: number;
  quote: string;
}

const NEW = '__new__';

/** "Add claim" for a selected quote: who, what, to whom, who says so and how, when. */
export function ClaimForm({
  draft,
  selection,
  types,
  onSubmit,
  onCancel,
}: {
  draft: Draft;
  selection: Selection;
  types: { type: string; description: string | null }[];
  onSubmit: (claim: ClaimInput) => void;
  onCancel: () => void;
}) {
  // A date the quote touches ("in 2017" read as "in 2017,") fills the claim date.
  const inside = draft.dates.find((d) => d.start < selection.end && d.end > selection.start);
  const [type, setType] = useState(types[0]?.type ?? NEW);
  const entities = draft.entities;
  // The same choices for both ends of the claim; "new" marks what this import would create.
  const entityOptions = entities.map((e) => (
    <option key={e.id} value={e.id}>
      {e.name} ({e.kind}
      {e.known ? '' : ', new'})
    </option>
  ));
  return (
    <form
      className="imp-claim-form"
      aria-label="Add claim"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (name: string) => String(f.get(name) ?? '').trim();
        const by = get('by');
        const start = get('dateStart');
        const end = get('dateEnd');
        onSubmit({
          from: get('from'),
          to: get('to'),
          type:
            type === NEW
              ? get('newType')
                  .toUpperCase()
                  .replace(/[^A-Z0-9]+/g, '_')
                  .replace(/^_+|_+$/g, '')
              : type,
          ...(type === NEW ? { typeDescription: get('typeDescription') } : {}),
          by: by ? [by] : [],
          stance: (by ? get('stance') : 'reported') as ClaimInput['stance'],
          ...(start
            ? {
                date: {
                  start,
                  ...(end ? { end } : {}),
                  precision: get('precision') as 'year' | 'month' | 'day',
                },
              }
            : {}),
          start: selection.start,
          end: selection.end,
          quote: selection.quote,
        });
      }}
    >
      <h3>Add claim</h3>
      <blockquote className="imp-quote">
        “{selection.quote}”{' '}
        <span className="muted">
          ({selection.start}–{selection.end})
        </span>
      </blockquote>
      <label>
        From
        <select name="from" aria-label="From" autoFocus required>
          {entityOptions}
        </select>
      </label>
      <label>
        Relationship
        <select aria-label="Relationship" value={type} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t.type} value={t.type} title={t.description ?? ''}>
              {t.type}
            </option>
          ))}
          <option value={NEW}>New type…</option>
        </select>
      </label>
      {type === NEW ? (
        <>
          <label>
            New type <input name="newType" required placeholder="MET_WITH" pattern="[A-Za-z][A-Za-z0-9_ ]*" />
          </label>
          <label>
            What it means <input name="typeDescription" required placeholder="A person met another person." />
          </label>
        </>
      ) : null}
      <label>
        To
        <select name="to" aria-label="To" required defaultValue={entities[1]?.id}>
          {entityOptions}
        </select>
      </label>
      <label>
        Asserted by
        <select name="by" aria-label="Asserted by" defaultValue="">
          <option value="">The source itself</option>
          {entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Stance
        <select name="stance" aria-label="Stance" defaultValue="claimed">
          <option value="reported">reported</option>
          <option value="claimed">claimed</option>
          <option value="disputed">disputed</option>
          <option value="denied">denied</option>
        </select>
      </label>
      <fieldset className="imp-date">
        <legend>Date {inside ? <span className="muted">(from “{inside.text}”)</span> : null}</legend>
        <input
          name="dateStart"
          aria-label="Date start"
          placeholder="2017"
          defaultValue={inside?.value.start ?? ''}
          pattern="\d{4}(-\d{2}(-\d{2})?)?"
        />
        <input
          name="dateEnd"
          aria-label="Date end"
          placeholder="end (optional)"
          defaultValue={inside?.value.end ?? ''}
          pattern="\d{4}(-\d{2}(-\d{2})?)?"
        />
        <select name="precision" aria-label="Date precision" defaultValue={inside?.value.precision ?? 'year'}>
          <option value="year">year</option>
          <option value="month">month</option>
          <option value="day">day</option>
        </select>
      </fieldset>
      <div className="imp-row">
        <button type="submit" className="btn btn--primary">
          Save claim
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
