import neo4j, { type Node, type Relationship, type Transaction } from 'neo4j-driver';
import type { GraphEdgeT, GraphNodeT, GraphPayloadT } from '../../../contract/graph.js';
import { edgeFromProjection, edgeProjection, toGraphNode } from '../graph/payload.js';

/** Deeper nesting than this in a result value is not walked for graph elements. */
const maxDepth = 64;

interface Found {
  nodes: Map<string, Node>;
  relationships: Map<string, Relationship>;
}

function collect(value: unknown, found: Found, depth: number): void {
  if (depth > maxDepth || value === null || typeof value !== 'object') return;
  if (value instanceof neo4j.types.Node) {
    found.nodes.set(value.elementId, value);
  } else if (value instanceof neo4j.types.Relationship) {
    found.relationships.set(value.elementId, value);
  } else if (value instanceof neo4j.types.Path) {
    found.nodes.set(value.start.elementId, value.start);
    for (const segment of value.segments) {
      found.relationships.set(segment.relationship.elementId, segment.relationship);
      found.nodes.set(segment.end.elementId, segment.end);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, found, depth + 1);
  } else if (!neo4j.isInt(value)) {
    for (const item of Object.values(value)) collect(item, found, depth + 1);
  }
}

/**
 * Entity relationships need the ids of both ends and their asserters' names, which a bare
 * relationship in a row does not carry; they are read back by element id in the same transaction.
 */
const edgesByElementId = `
UNWIND $elementIds AS relationshipElementId
MATCH (start:Entity)-[r]->(end:Entity)
WHERE elementId(r) = relationshipElementId
RETURN start, end, ${edgeProjection('r')} AS edge`;

/**
 * The graph in a console result: every Entity node and every relationship between entities that
 * appears anywhere in the rows (alone, in a path, nested in lists or maps). Both ends of each edge are
 * included even when the query did not return them, so the graph can be drawn as it is. Nodes that are
 * not entities (sources) and mentions (Entity → Source) are not graph elements of the contract; they
 * stay in `rows`.
 */
export async function graphInValues(tx: Pick<Transaction, 'run'>, values: unknown[]): Promise<GraphPayloadT> {
  const found: Found = { nodes: new Map(), relationships: new Map() };
  collect(values, found, 0);
  const nodes = new Map<string, GraphNodeT>();
  for (const node of found.nodes.values()) {
    if (node.labels.includes('Entity')) {
      const graphNode = toGraphNode(node);
      nodes.set(graphNode.id, graphNode);
    }
  }
  const edges = new Map<string, GraphEdgeT>();
  if (found.relationships.size > 0) {
    const { records } = await tx.run(edgesByElementId, { elementIds: [...found.relationships.keys()] });
    for (const record of records) {
      for (const end of [record.get('start') as Node, record.get('end') as Node]) {
        const graphNode = toGraphNode(end);
        if (!nodes.has(graphNode.id)) nodes.set(graphNode.id, graphNode);
      }
      const edge = edgeFromProjection(record.get('edge'));
      edges.set(edge.id, edge);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
