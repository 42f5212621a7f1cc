import type { GraphEdgeT } from '../api/types.js';
import { formatDate, verb } from '../ui/format.js';

/** Who a link is according to, when the source attributes it ("according to China's government"). */
export function accordingTo(edge: GraphEdgeT): string | null {
  const { asserters, byName, by, stance } = edge.attribution;
  const who = asserters.length ? asserters.map((a) => a.name).join(' and ') : (byName ?? by);
  if (!who) return null;
  return stance === 'reported' || stance === 'claimed' ? `according to ${who}` : `${stance} by ${who}`;
}

const sentence = (text: string) => {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

/**
 * A link as a sentence a screen reader can read out: the dataset's own description when it has one
 * ("Chen Quanguo was appointed party chief in Xinjiang in 2016"), else "<source> <verb> <target>",
 * with who asserts it when the source attributes it.
 */
export function narrateEdge(edge: GraphEdgeT, nameOf: (id: string) => string): string {
  const date = formatDate(edge.date);
  const base = edge.description
    ? sentence(edge.description)
    : `${nameOf(edge.source)} ${verb(edge.type)} ${nameOf(edge.target)}${date ? ` (${date})` : ''}`;
  const by = accordingTo(edge);
  return `${base}${by ? `, ${by}` : ''}.`;
}
