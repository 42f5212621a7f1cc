import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/http.js';
import type { EntityKind, EntityResponseT } from '../api/types.js';
import { useData } from '../state/data.js';
import { KINDS } from '../ui/kinds.js';
import { HistoryPanel } from './HistoryPanel.js';
import { afterWrite, notify } from './store.js';

const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  aliases: 'Aliases',
  kind: 'Kind',
  description: 'Description',
  role: 'Role',
  dateStart: 'Date',
  dateEnd: 'Date (end)',
  datePrecision: 'Date precision',
};

/** Where a field's value comes from: a source's title, or who edited it by hand. */
function FieldSources({ response }: { response: EntityResponseT }) {
  const sources = useData((s) => s.sources);
  const entries = Object.entries(response.fieldSources);
  if (entries.length === 0) return null;
  const titleOf = (id: string) =>
    id.startsWith('edit:')
      ? `edited by ${id.slice('edit:'.length)}`
      : (response.mentionSources.find((m) => m.sourceId === id)?.title ??
        sources[id]?.data?.source.title ??
        id);
  return (
    <dl className="field-sources">
      {entries.map(([field, source]) => (
        <div key={field} className="fact">
          <dt>{FIELD_LABEL[field] ?? field}</dt>
          <dd>{titleOf(source)}</dd>
        </div>
      ))}
    </dl>
  );
}

function EditForm({ response, close }: { response: EntityResponseT; close: () => void }) {
  const { entity } = response;
  const role = typeof entity.properties.role === 'string' ? entity.properties.role : '';
  const [name, setName] = useState(entity.name);
  const [aliases, setAliases] = useState(entity.aliases.join(', '));
  const [kind, setKind] = useState<EntityKind>(entity.kind);
  const [description, setDescription] = useState(entity.description ?? '');
  const [roleText, setRole] = useState(role);
  const [dateStart, setDateStart] = useState(entity.date?.start ?? '');
  const [dateEnd, setDateEnd] = useState(entity.date?.end ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list = aliases
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const body: Parameters<typeof api<'editEntity'>>[1]['body'] = { version: response.version };
    if (name.trim() !== entity.name) body.name = name.trim();
    if (list.join('\n') !== entity.aliases.join('\n')) body.aliases = list;
    if (kind !== entity.kind) body.kind = kind;
    if (description.trim() !== (entity.description ?? '')) body.description = description.trim() || null;
    if (roleText.trim() !== role) body.role = roleText.trim() || null;
    if (dateStart.trim() !== (entity.date?.start ?? '')) body.dateStart = dateStart.trim() || null;
    if (dateEnd.trim() !== (entity.date?.end ?? '')) body.dateEnd = dateEnd.trim() || null;
    setBusy(true);
    try {
      await api('editEntity', { params: { id: entity.id }, body });
      afterWrite();
      notify(`Saved ${name.trim() || entity.name}.`);
      close();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="entity-edit" onSubmit={(event) => void submit(event)} aria-label={`Edit ${entity.name}`}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={300} />
      </label>
      <label>
        Aliases <span className="muted">(comma-separated)</span>
        <input value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as EntityKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </label>
      <label>
        Role
        <input value={roleText} onChange={(e) => setRole(e.target.value)} />
      </label>
      <div className="entity-edit-dates">
        <label>
          Date
          <input
            value={dateStart}
            onChange={(e) => setDateStart(e.target.value)}
            placeholder="2014, 2016-08"
          />
        </label>
        <label>
          Until
          <input value={dateEnd} onChange={(e) => setDateEnd(e.target.value)} placeholder="(none)" />
        </label>
      </div>
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      <div className="entity-edit-actions">
        <button type="submit" className="btn btn--primary btn--small" disabled={busy}>
          Save
        </button>
        <button type="button" className="btn btn--small" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Under an entity's details: edit it, see where each field comes from, and its history. */
export function EntityTools({ response }: { response: EntityResponseT }) {
  const [editing, setEditing] = useState(false);
  return (
    <div className="entity-tools">
      <h3 className="details-subheading">Fields and their sources</h3>
      <FieldSources response={response} />
      {editing ? (
        <EditForm response={response} close={() => setEditing(false)} />
      ) : (
        <button type="button" className="btn btn--small" onClick={() => setEditing(true)}>
          Edit {response.entity.name}
        </button>
      )}
      <HistoryPanel entity={response.entity.id} limit={10} />
    </div>
  );
}
