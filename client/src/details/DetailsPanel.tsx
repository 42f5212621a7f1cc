import { useEffect, useMemo, useRef } from 'react';
import { detailsFocused, useDetailsFocus } from './focus.js';
import './details.css';
import type { EntityResponseT, GraphEdgeT, GraphNodeT } from '../api/types.js';
import { ensureLink, isSummary, retryFailed, useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { EntityLink } from '../ui/EntityLink.js';
import type { Scene } from '../graph/scene.js';
import { formatDate, formatNumber, humanize, plural } from '../ui/format.js';
import { agreeingVerb, verb } from '../words/relations.js';
import { KindIcon } from '../ui/KindIcon.js';
import { SourceIntro } from '../sources/SourceIntro.js';
import { ClaimList, MentionSources } from './Claims.js';
import { Attribution } from '../ui/StanceBadge.js';
import { EntityTools } from '../history/EntityTools.js';

/** The selected entity (or link): what it is, and every relationship with the sentences behind it. */
export function DetailsPanel({ scene }: { scene: Scene }) {
  const selected = useView((s) => s.selected);
  const selectedEdge = useView((s) => s.selectedEdge);
  const edge = useData((s) => (selectedEdge ? s.edges[selectedEdge] : undefined));
  if (edge) return <EdgeDetails edge={edge} />;
  if (!selected) {
    return (
      <section className="details details--empty" aria-label="Details">
        {/* Screen readers hear the panel's state first; the eye goes to the article and its story. */}
        <h2 className="sr-only">Nothing selected</h2>
        <SourceIntro />
        <h3 className="details-subheading">Explore it yourself</h3>
        <p>
          Click an entity on the graph, choose one in the search box, or pick one in the list view to see who
          or what it is and every link with the sentence of the article that supports it.
        </p>
        <StartingPoints scene={scene} />
      </section>
    );
  }
  return <EntityDetails id={selected} />;
}

/** The most connected entities on screen: good first things to look at. */
function StartingPoints({ scene }: { scene: Scene }) {
  const degree = new Map<string, number>();
  for (const edge of scene.edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const top = [...scene.nodes].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0)).slice(0, 6);
  if (top.length === 0) return null;
  return (
    <>
      <h3 className="details-subheading">Most connected on the graph</h3>
      <ul className="starting-points">
        {top.map((node) => (
          <li key={node.id}>
            <EntityLink id={node.id} />
            <span className="muted"> · {plural(degree.get(node.id) ?? 0, 'link')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function EntityDetails({ id }: { id: string }) {
  const entry = useData((s) => s.entities[id]);
  const cached = useData((s) => s.nodes[id]);
  // Until the entity is loaded, its id reads as a name ("chen-quanguo" → "Chen Quanguo").
  const fallback = id.replace(
    /(^|-)([a-z])/g,
    (_m, dash: string, c: string) => `${dash ? ' ' : ''}${c.toUpperCase()}`,
  );
  if (!entry || entry.status === 'loading') {
    return (
      <section className="details" aria-label="Details" aria-busy="true">
        <h2>{cached?.name ?? fallback}</h2>
        <p className="muted">
          <span className="spinner spinner--small" aria-hidden="true" /> Loading details…
        </p>
      </section>
    );
  }
  if (entry.status === 'error') {
    return (
      <section className="details" aria-label="Details">
        <h2>{cached?.name ?? fallback}</h2>
        <div className="error-box" role="alert">
          <p>
            {entry.error.status === 404
              ? 'This entity is not in the graph (the link may be out of date).'
              : `The details could not be loaded: ${entry.error.message}`}
          </p>
          {entry.error.status !== 404 ? (
            <button type="button" className="btn btn--small" onClick={retryFailed}>
              Try again
            </button>
          ) : null}
        </div>
      </section>
    );
  }
  return <EntityBody response={entry.data} />;
}

function facts(entity: GraphNodeT): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const date = formatDate(entity.date);
  if (date) out.push({ label: 'Date', value: date });
  const props = entity.properties;
  for (const [key, value] of Object.entries(props)) {
    if (key === 'role' || key.endsWith('Qualifier') || value === null || value === undefined) continue;
    const qualifier = props[`${key}Qualifier`];
    const shown =
      typeof qualifier === 'string' && qualifier !== 'exactly'
        ? `${qualifier} ${formatNumber(value)}`
        : Array.isArray(value)
          ? value.join(', ')
          : formatNumber(value);
    out.push({ label: humanize(key), value: shown });
  }
  return out;
}

function EntityBody({ response }: { response: EntityResponseT }) {
  const { entity, relationships } = response;
  const role = typeof entity.properties.role === 'string' ? entity.properties.role : null;
  const sorted = useMemo(
    () =>
      [...relationships].sort(
        (a, b) =>
          a.type.localeCompare(b.type) ||
          a.source.localeCompare(b.source) ||
          a.target.localeCompare(b.target),
      ),
    [relationships],
  );
  const actions = useView.getState();
  const list = facts(entity);
  const heading = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useDetailsFocus((s) => s.pending);
  const exploring = useView(
    (s) => s.mode === 'explore' && (s.seeds.length > 1 || !s.seeds.includes(entity.id)),
  );
  useEffect(() => {
    if (pendingFocus !== entity.id) return;
    heading.current?.focus();
    detailsFocused();
  }, [pendingFocus, entity.id]);
  return (
    <section className="details" aria-label="Details">
      <header className="details-header">
        <KindIcon kind={entity.kind} size={22} />
        <div>
          <h2 ref={heading} tabIndex={-1}>
            {entity.name}
          </h2>
          <p className="details-kind">
            {entity.kind}
            {entity.types.includes('Official') ? ' · Official' : ''}
            {role ? ` · ${role}` : ''}
          </p>
        </div>
      </header>
      {exploring ? (
        <p className="details-afresh">
          <button type="button" className="btn btn--small" onClick={() => actions.focusEntity(entity.id)}>
            Start afresh from {entity.name}
          </button>{' '}
          <span className="muted">shows only it and its neighbours.</span>
        </p>
      ) : null}
      {entity.description ? <p className="details-description">{entity.description}</p> : null}
      <dl className="facts">
        {entity.aliases.length > 0 ? (
          <div className="fact">
            <dt>Also known as</dt>
            <dd>{entity.aliases.join(', ')}</dd>
          </div>
        ) : null}
        {list.map((fact) => (
          <div key={fact.label} className="fact">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>In the sources</dt>
          <dd>
            <MentionSources response={response} />
          </dd>
        </div>
      </dl>
      <h3 className="details-subheading">
        Relationships <span className="muted">({relationships.length})</span>
      </h3>
      {sorted.length === 0 ? <p className="muted">No relationships recorded.</p> : null}
      <ul className="rels">
        {sorted.map((edge) => (
          <Relationship key={edge.id} edge={edge} self={entity.id} />
        ))}
      </ul>
      <EntityTools response={response} />
    </section>
  );
}

function Relationship({ edge: listed, self }: { edge: GraphEdgeT; self: string }) {
  // The entity sends the claims of its first links only; a link opened since has them in the store.
  const edge = useData((s) => s.edges[listed.id]) ?? listed;
  const subject = useData((s) => s.nodes[edge.source]);
  return (
    <li className="rel">
      <p className="rel-sentence">
        <EntityLink id={edge.source} current={edge.source === self} />{' '}
        <span className="verb">{agreeingVerb(edge.type, subject)}</span>{' '}
        <EntityLink id={edge.target} current={edge.target === self} />
      </p>
      <Attribution edge={edge} />
      {edge.description ? <p className="rel-description">{edge.description}</p> : null}
      <LinkClaims edge={edge} entityId={self} />
    </li>
  );
}

function EdgeDetails({ edge }: { edge: GraphEdgeT }) {
  const nodes = useData((s) => s.nodes);
  const source = nodes[edge.source]?.name ?? edge.source;
  const target = nodes[edge.target]?.name ?? edge.target;
  return (
    <section className="details" aria-label="Details">
      <header className="details-header">
        <div>
          <p className="details-kind">Link · {verb(edge.type)}</p>
          <h2>
            {source} — {agreeingVerb(edge.type, nodes[edge.source])} → {target}
          </h2>
        </div>
      </header>
      <p className="rel-sentence">
        <EntityLink id={edge.source} />{' '}
        <span className="verb">{agreeingVerb(edge.type, nodes[edge.source])}</span>{' '}
        <EntityLink id={edge.target} />
      </p>
      <Attribution edge={edge} />
      {edge.description ? <p className="details-description">{edge.description}</p> : null}
      <h3 className="details-subheading">Evidence</h3>
      <LinkClaims edge={edge} entityId={edge.source} />
    </section>
  );
}

/**
 * A link's claims; for a link that came as a summary, a button that asks for them (the details of a
 * link opened on the graph ask at once), then their loading state until they are here.
 */
function LinkClaims({ edge, entityId }: { edge: GraphEdgeT; entityId: string }) {
  const loaded = useData((s) => s.links?.[edge.id]);
  const status = loaded?.status;
  if (!isSummary(edge)) return <ClaimList edge={edge} />;
  if (loaded?.status === 'ready') return <ClaimList edge={loaded.data} />;
  if (status === 'loading')
    return (
      <p className="muted claims-loading">
        <span className="spinner spinner--small" aria-hidden="true" /> Loading the quotes…
      </p>
    );
  if (status === 'error')
    return (
      <p className="claims-failed" role="alert">
        The quotes could not be loaded.{' '}
        <button type="button" className="btn btn--small" onClick={retryFailed}>
          Try again
        </button>
      </p>
    );
  return (
    <button type="button" className="link-button claims-show" onClick={() => ensureLink(entityId, edge.id)}>
      Show the quotes ({edge.sourceCount === 1 ? '1 source' : `${edge.sourceCount} sources`})
    </button>
  );
}
