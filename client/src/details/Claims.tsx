import { Fragment } from 'react';
import type { EntityResponseT, EvidenceT, GraphEdgeT } from '../api/types.js';
import { useView } from '../state/view.js';
import { EntityLink } from '../ui/EntityLink.js';
import { Quote } from '../ui/Quote.js';

/** "No Mercy in Xinjiang, Unknown (blog repost), 2019-11-17": which source, by whom, when. */
export function sourceLabel(evidence: EvidenceT): string {
  const source = evidence.source;
  if (!source) return evidence.sourceId;
  return [source.title, source.publisher, source.date].filter((part) => part).join(', ');
}

/** Who makes a claim: its asserters ("James Leibold"), or the source speaking for itself. */
export function claimVoice(evidence: EvidenceT): string {
  const names = (evidence.asserters ?? []).map((a) => a.name);
  if (names.length === 0) return "The source's own voice";
  const last = names.at(-1) ?? '';
  return names.length === 1 ? last : `${names.slice(0, -1).join(', ')} and ${last}`;
}

const stanceOf = (evidence: EvidenceT): string => evidence.stance ?? 'reported';

/** "James Leibold · reported · No Mercy in Xinjiang, Unknown (blog repost)" under every quote. */
function Claim({ evidence }: { evidence: EvidenceT }) {
  const asserters = evidence.asserters ?? [];
  const stance = stanceOf(evidence);
  return (
    <li className="claim">
      <Quote evidence={evidence} />
      <p className="claim-meta muted">
        <span className="claim-voice">
          {asserters.length === 0
            ? claimVoice(evidence)
            : asserters.map((a, i) => (
                <Fragment key={a.id}>
                  {i > 0 ? (i === asserters.length - 1 ? ' and ' : ', ') : null}
                  <EntityLink id={a.id} name={a.name} />
                </Fragment>
              ))}
        </span>
        {' · '}
        <span className={`claim-stance stance--${stance}`}>{stance}</span>
        {' · '}
        <cite>{sourceLabel(evidence)}</cite>
      </p>
    </li>
  );
}

/** The words of a side, shortened for the one line that sets the sides against each other. */
function gist(quote: string): string {
  const words = quote.split(/\s+/);
  return words.length <= 14 ? quote : `${words.slice(0, 14).join(' ')}…`;
}

/**
 * A contested link in one line, side against side: "Chinese government denied: … · A Second Look
 * at the Leaked Papers reported: …". A side is one voice with one stance; the source's own voice
 * is named by the source's title.
 */
export function contestSides(
  evidence: EvidenceT[],
): { key: string; who: string; stance: string; quote: string }[] {
  const sides = new Map<string, { key: string; who: string; stance: string; quote: string }>();
  for (const claim of evidence) {
    const asserters = claim.asserters ?? [];
    const who = asserters.length > 0 ? claimVoice(claim) : (claim.source?.title ?? claim.sourceId);
    const stance = stanceOf(claim);
    const key = `${stance}:${asserters.length > 0 ? asserters.map((a) => a.id).join(',') : claim.sourceId}`;
    if (!sides.has(key)) sides.set(key, { key, who, stance, quote: gist(claim.quote) });
  }
  return [...sides.values()];
}

/**
 * A link's claims, each with its source and who asserts it. A link that several sources support
 * says so; a contested one first sets its claims side by side, one column per stance.
 */
export function ClaimList({ edge }: { edge: GraphEdgeT }) {
  const key = (e: EvidenceT): string => `${e.sourceId}:${e.start}:${e.end}:${e.stance ?? ''}`;
  const sources = edge.sourceCount ?? new Set(edge.evidence.map((e) => e.sourceId)).size;
  const byStance = new Map<string, EvidenceT[]>();
  for (const evidence of edge.evidence) {
    const stance = stanceOf(evidence);
    byStance.set(stance, [...(byStance.get(stance) ?? []), evidence]);
  }
  const sides = edge.contested ? contestSides(edge.evidence) : [];
  return (
    <div className="claims">
      {sources > 1 || edge.contested ? (
        <p className="claims-summary">
          <span className="claims-sources">{sources === 1 ? '1 source' : `${sources} sources`}</span>
          <span> · {edge.evidence.length} claims</span>
          {edge.contested ? <span className="claims-contested"> · contested</span> : null}
        </p>
      ) : null}
      {sides.length > 0 ? (
        <p className="claims-versus" aria-label="The claims side by side">
          {sides.map((side, i) => (
            <Fragment key={side.key}>
              {i > 0 ? <span className="claims-versus-sep"> · </span> : null}
              <span className={`claims-side claims-side--${side.stance}`}>
                <strong>
                  {side.who} {side.stance}:
                </strong>{' '}
                {side.quote}
              </span>
            </Fragment>
          ))}
        </p>
      ) : null}
      {edge.contested ? (
        <div className="claims-sides">
          {[...byStance].map(([stance, claims]) => (
            <section key={stance} className="claims-column" aria-label={`Claims: ${stance}`}>
              <h4 className={`claims-column-heading stance--${stance}`}>{stance}</h4>
              <ul className="quotes">
                {claims.map((evidence) => (
                  <Claim key={key(evidence)} evidence={evidence} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <ul className="quotes" aria-label="Evidence">
          {edge.evidence.map((evidence) => (
            <Claim key={key(evidence)} evidence={evidence} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Mentioned 8 times in 2 sources", one line per source; each opens the reader on that source. */
export function MentionSources({ response }: { response: EntityResponseT }) {
  const { mentions } = response;
  const sources = response.mentionSources ?? [];
  if (mentions.length === 0) return <>Not mentioned by name.</>;
  const times = mentions.length === 1 ? 'once' : `${mentions.length} times`;
  return (
    <>
      Mentioned {times}
      {sources.length > 1 ? ` in ${sources.length} sources` : ''}.
      <ul className="mention-sources">
        {sources.map((source) => {
          const first = mentions
            .filter((m) => m.sourceId === source.sourceId)
            .sort((a, b) => a.start - b.start)[0];
          return (
            <li key={source.sourceId}>
              <cite>{source.title}</cite> ({source.count}){' '}
              {first ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    useView.getState().openReader(source.sourceId, { start: first.start, end: first.end })
                  }
                >
                  Read the mentions
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
