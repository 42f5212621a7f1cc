import { useData } from '../state/data.js';
import { formatDate } from '../ui/format.js';
import { agreeingVerb, attributionText } from '../words/relations.js';
import type { HoverTarget } from './controller.js';

/** Hover card: who or what a node is, or a link with who asserts it. Pointer only; keys use Details. */
export function Tooltip({ hover }: { hover: HoverTarget | null }) {
  const nodes = useData((s) => s.nodes);
  const edges = useData((s) => s.edges);
  if (!hover) return null;
  let body;
  if (hover.type === 'node') {
    const node = nodes[hover.id];
    if (!node) return null;
    const role = typeof node.properties.role === 'string' ? node.properties.role : null;
    body = (
      <>
        <strong>{node.name}</strong>
        <span className="tooltip-meta">
          {node.kind}
          {role ? ` · ${role}` : ''}
        </span>
        <span className="tooltip-hint">Click for details · double-click to expand</span>
      </>
    );
  } else {
    const edge = edges[hover.id];
    if (!edge) return null;
    const by = attributionText(edge);
    const date = formatDate(edge.date);
    body = (
      <>
        <span>
          <strong>{nodes[edge.source]?.name ?? edge.source}</strong>{' '}
          {agreeingVerb(edge.type, nodes[edge.source])}{' '}
          <strong>{nodes[edge.target]?.name ?? edge.target}</strong>
        </span>
        <span className="tooltip-meta">
          {by ? `${by.charAt(0).toUpperCase()}${by.slice(1)}` : 'Stated by the source'}
          {date ? ` · ${date}` : ''}
        </span>
        {edge.evidence[0] ? <q className="tooltip-quote">{edge.evidence[0].quote}</q> : null}
      </>
    );
  }
  return (
    <div className="graph-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
      {body}
    </div>
  );
}
