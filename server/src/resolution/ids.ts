// Old ids after merges: an entity id resolves to the entity that lists it in `mergedIds`, a
// relationship id to the relationship a merge combined it into (model/ ENTITY_RESOLUTION,
// REL_RESOLUTION). Stories (resolution/merge.ts rewrites them, stories/ resolves steps saved later)
// use these; datasets loaded later have their own in seed/src/merged-ids.ts.
import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_RESOLUTION, LABEL, REL, REL_RESOLUTION } from '../../../model/index.js';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Where an id went: the entity that now carries it in `mergedIds`, if any. */
export async function survivorOf(tx: ManagedTransaction, id: string): Promise<string | null> {
  const result = await tx.run(
    `MATCH (e:${LABEL.entity}) WHERE $id IN e.${ENTITY_RESOLUTION.mergedIds} RETURN e.id AS id LIMIT 1`,
    { id },
  );
  const found = result.records[0]?.get('id');
  return found === undefined || found === null ? null : String(found);
}

/** Which of these ids name merged entities, and the entity each resolves to now. */
export async function survivorsOf(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // Nearly every id names an entity that exists: one index seek each settles those, and only when
  // some do not are the entities that merged others read, once for all of them (not once per id).
  const result = await tx.run(
    `UNWIND $ids AS id
     WITH id WHERE NOT EXISTS { (:${LABEL.entity} {id: id}) }
     WITH collect(id) AS missing WHERE size(missing) > 0
     MATCH (e:${LABEL.entity}) WHERE e.${ENTITY_RESOLUTION.mergedIds} IS NOT NULL
     UNWIND [old IN e.${ENTITY_RESOLUTION.mergedIds} WHERE old IN missing] AS id
     RETURN id, e.id AS survivor`,
    { ids: [...new Set(ids)] },
  );
  return new Map(result.records.map((r) => [String(r.get('id')), String(r.get('survivor'))]));
}

/** Which of these relationship ids a merge combined into another relationship, and that one's id. */
export async function relationshipSurvivorsOf(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // Only combined relationships carry the list, and split removes an id from it when the relationship
  // comes back, so an id listed here names no relationship of its own.
  const result = await tx.run(
    `MATCH ()-[r]->() WHERE r.${REL_RESOLUTION.mergedIds} IS NOT NULL
     UNWIND r.${REL_RESOLUTION.mergedIds} AS old
     WITH old, r WHERE old IN $ids
     RETURN old, r.${REL.id} AS survivor`,
    { ids: [...new Set(ids)] },
  );
  return new Map(result.records.map((r) => [String(r.get('old')), String(r.get('survivor'))]));
}

/**
 * Story steps with the ids of merged entities and combined relationships replaced by their survivors
 * (a story saved, or a built-in one reloaded, after a merge).
 */
export async function stepsWithSurvivors<T>(tx: ManagedTransaction, steps: T[]): Promise<T[]> {
  const records = steps as Record<string, unknown>[];
  const nodeIds = records.flatMap((s) => [
    ...strings(s.nodeIds),
    ...(typeof s.focusId === 'string' ? [s.focusId] : []),
  ]);
  const edgeIds = records.flatMap((s) => [
    ...strings(s.edgeIds),
    ...strings(s.pathEdgeIds),
    ...(typeof s.linkId === 'string' ? [s.linkId] : []),
  ]);
  const nodes = await survivorsOf(tx, nodeIds);
  const edges = await relationshipSurvivorsOf(tx, edgeIds);
  if (nodes.size === 0 && edges.size === 0) return steps;
  return rewriteStory(steps, nodes, edges) as T[];
}

/** Steps with entity ids (`nodes`) and relationship ids (`edges`) replaced, each list without repeats. */
export function rewriteStory(
  steps: unknown,
  nodes: ReadonlyMap<string, string>,
  edges: ReadonlyMap<string, string>,
): unknown {
  if (!Array.isArray(steps)) return steps;
  const node = (id: string) => nodes.get(id) ?? id;
  const edge = (id: string) => edges.get(id) ?? id;
  return steps.map((step: Record<string, unknown>) => {
    const positions = step.positions as Record<string, unknown> | null | undefined;
    return {
      ...step,
      nodeIds: [...new Set(strings(step.nodeIds).map(node))],
      focusId: typeof step.focusId === 'string' ? node(step.focusId) : (step.focusId ?? null),
      edgeIds: [...new Set(strings(step.edgeIds).map(edge))],
      pathEdgeIds: [...new Set(strings(step.pathEdgeIds).map(edge))],
      linkId: typeof step.linkId === 'string' ? edge(step.linkId) : (step.linkId ?? null),
      positions:
        positions && typeof positions === 'object'
          ? Object.fromEntries(
              Object.entries(positions)
                // Where both were placed, the survivor keeps its own position.
                .filter(([id]) => !(nodes.has(id) && node(id) in positions))
                .map(([id, p]) => [node(id), p]),
            )
          : (positions ?? null),
    };
  });
}
