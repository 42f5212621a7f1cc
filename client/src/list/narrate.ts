import type { EntityKind, GraphEdgeT } from '../api/types.js';
import { formatDate } from '../ui/format.js';
import { accordingToUnlessSaid, agreeingVerb } from '../words/relations.js';

const sentence = (text: string) => {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

/**
 * A link as a sentence a screen reader can read out: the dataset's own description when it has one
 * ("Chen Quanguo was appointed party chief in Xinjiang in 2016"), else "<source> <verb> <target>",
 * with who asserts it when the source attributes it.
 */
export function narrateEdge(
  edge: GraphEdgeT,
  nameOf: (id: string) => string,
  kindOf: (id: string) => EntityKind | undefined = () => undefined,
): string {
  const date = formatDate(edge.date);
  const subject = { name: nameOf(edge.source), kind: kindOf(edge.source) };
  const base = edge.description
    ? sentence(edge.description)
    : `${subject.name} ${agreeingVerb(edge.type, subject)} ${nameOf(edge.target)}${date ? ` (${date})` : ''}`;
  const by = accordingToUnlessSaid(edge, base);
  return `${base}${by ? `, ${by}` : ''}.`;
}

/**
 * The sources a link's claims come from, by title, in the order of its claims: what a list-view
 * sentence cites ("A Second Look at the Leaked Papers; No Mercy in Xinjiang").
 */
export function citeSources(edge: GraphEdgeT): string {
  const titles = edge.evidence.map((e) => e.source?.title ?? e.sourceId);
  return [...new Set(titles)].join('; ');
}
