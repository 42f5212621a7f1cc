import { useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { KindIcon } from './KindIcon.js';

/** Another entity's name as a button: selects it on the graph (adding it to the view if needed). */
export function EntityLink({
  id,
  current,
  name: knownName,
}: {
  id: string;
  current?: boolean;
  name?: string;
}) {
  const node = useData((s) => s.nodes[id]);
  const name = node?.name ?? knownName ?? id;
  if (current) return <strong className="entity-self">{name}</strong>;
  return (
    <button type="button" className="entity-link" onClick={() => useView.getState().revealEntity(id)}>
      {node ? <KindIcon kind={node.kind} size={12} /> : null}
      {name}
    </button>
  );
}
