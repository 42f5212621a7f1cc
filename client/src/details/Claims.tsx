import type { EntityResponseT, EvidenceT, GraphEdgeT } from '../api/types.js';
import { useView } from '../state/view.js';
import { Quote } from '../ui/Quote.js';

/** "No Mercy in Xinjiang · Unknown (blog repost) · 2019-11-17". */
function sourceLabel(evidence: EvidenceT): string {
  const source = evidence.source;
  if (!source) return evidence.sourceId;
  return [source.title, source.publisher, source.date].filter((part) => part).join(' · ');
}

/** "James Leibold reported" / "China's government denied" / "the source itself". */
function voice(evidence: EvidenceT): string {
  const asserters = evidence.asserters ?? [];
  if (asserters.length === 0) return 'stated by the source itself';
  const names = asserters.map((a) => a.name);
  const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${joined} ${evidence.stance ?? 'reported'}`;
}

function Claim({ evidence }: { evidence: EvidenceT }) {
  return (
    <li>
      <Quote evidence={evidence} />
      <p className="claim-meta muted">
        <cite>{sourceLabel(evidence)}</cite> — {voice(evidence)}
      </p>
    </li>
  );
}

/**
 * A link's claims, each with its source and who asserts it. A link that several sources support
 * says so; a contested one shows its claims side by side, one column per stance.
 */
export function ClaimList({ edge }: { edge: GraphEdgeT }) {
  const key = (e: EvidenceT): string => `${e.sourceId}:${e.start}:${e.end}:${e.stance ?? ''}`;
  const sources = edge.sourceCount ?? new Set(edge.evidence.map((e) => e.sourceId)).size;
  const byStance = new Map<string, EvidenceT[]>();
  for (const evidence of edge.evidence) {
    const stance = evidence.stance ?? 'reported';
    byStance.set(stance, [...(byStance.get(stance) ?? []), evidence]);
  }
  return (
    <div className="claims">
      {sources > 1 || edge.contested ? (
        <p className="claims-summary">
          {sources > 1 ? <span className="claims-sources">{sources} sources</span> : null}
          {edge.contested ? <span className="claims-contested"> · contested</span> : null}
        </p>
      ) : null}
      {edge.contested ? (
        <div className="claims-sides" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
          {[...byStance].map(([stance, claims]) => (
            <ul
              key={stance}
              className="quotes"
              aria-label={`Claims: ${stance}`}
              style={{ flex: '1 1 12rem' }}
            >
              {claims.map((evidence) => (
                <Claim key={key(evidence)} evidence={evidence} />
              ))}
            </ul>
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
