// A dataset written before a merge names the merged entity by its old id. Loaded into a graph where
// that entity was merged (the survivor lists the id in `mergedIds`, model/ ENTITY_RESOLUTION), its
// records go to the survivor instead of bringing the duplicate back: the entity record becomes the
// survivor's (its name an alias), and links, claims' asserters and mentions name the survivor. A
// link the merge combined into another (model/ REL_RESOLUTION) is that other link: its claims join
// the survivor's instead of bringing the removed link back beside it.
import type { Driver, ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { ENTITY_RESOLUTION, LABEL, REL, REL_RESOLUTION } from '../../model/index.js';
import type { DatasetClaim, DatasetDate, DatasetEntity, DatasetRelationship } from './dataset.js';
import type { CompiledDataset } from './read.js';

interface Survivor {
  id: string;
  name: string;
  kind: DatasetEntity['kind'];
}

/** Before a load's transaction, or inside it once it holds the write lock (load.ts). */
type Reader = Driver | ManagedTransaction;

async function read(reader: Reader, query: string): Promise<Neo4jRecord[]> {
  return 'executeQuery' in reader
    ? (await reader.executeQuery(query)).records
    : (await reader.run(query)).records;
}

async function survivors(driver: Reader): Promise<Map<string, Survivor>> {
  const records = await read(
    driver,
    `MATCH (e:${LABEL.entity}) WHERE e.${ENTITY_RESOLUTION.mergedIds} IS NOT NULL
     UNWIND e.${ENTITY_RESOLUTION.mergedIds} AS old
     WITH old, e WHERE NOT EXISTS { (:${LABEL.entity} {id: old}) }
     RETURN old, e.id AS id, e.name AS name, e.kind AS kind`,
  );
  return new Map(
    records.map((r) => [
      String(r.get('old')),
      { id: String(r.get('id')), name: String(r.get('name')), kind: r.get('kind') as Survivor['kind'] },
    ]),
  );
}

interface LinkSurvivor {
  id: string;
  description: string;
  date?: DatasetDate;
}

/** Combined relationship ids → the relationship that holds their claims now, as it is stored. */
async function relationshipSurvivors(driver: Reader): Promise<Map<string, LinkSurvivor>> {
  const records = await read(
    driver,
    `MATCH ()-[r]->() WHERE r.${REL_RESOLUTION.mergedIds} IS NOT NULL
     UNWIND r.${REL_RESOLUTION.mergedIds} AS old
     RETURN old, r.${REL.id} AS id, r.${REL.description} AS description, r.${REL.dateStart} AS start,
       r.${REL.dateEnd} AS end, r.${REL.datePrecision} AS precision`,
  );
  return new Map(
    records.map((r) => {
      const start = r.get('start') as string | null;
      const end = r.get('end') as string | null;
      const survivor: LinkSurvivor = {
        id: String(r.get('id')),
        description: String(r.get('description')),
        ...(start === null
          ? {}
          : {
              date: {
                start,
                ...(end === null ? {} : { end }),
                precision: r.get('precision') as DatasetDate['precision'],
              },
            }),
      };
      return [String(r.get('old')), survivor];
    }),
  );
}

const claimKey = (c: DatasetClaim) => JSON.stringify([c.source, c.start, c.end, c.quote]);

/** Records that now name one relationship become one, with the claims of all (each once). */
function combined(relationships: DatasetRelationship[]): DatasetRelationship[] {
  const byId = new Map<string, DatasetRelationship>();
  for (const rel of relationships) {
    const same = byId.get(rel.id);
    if (!same) {
      byId.set(rel.id, rel);
      continue;
    }
    const keys = new Set(same.claims.map(claimKey));
    byId.set(rel.id, {
      ...same,
      claims: [...same.claims, ...rel.claims.filter((c) => !keys.has(claimKey(c)))],
    });
  }
  return [...byId.values()];
}

export async function withSurvivorIds(driver: Reader, dataset: CompiledDataset): Promise<CompiledDataset> {
  const moved = await survivors(driver);
  // Only a merge combines relationships, and a merge leaves an entity that lists the merged one.
  if (moved.size === 0) return dataset;
  const movedLinks = await relationshipSurvivors(driver);
  const to = (id: string) => moved.get(id)?.id ?? id;
  const entities = new Map<string, DatasetEntity>();
  for (const entity of dataset.data.entities) {
    const survivor = moved.get(entity.id);
    const record: DatasetEntity = survivor
      ? {
          ...entity,
          id: survivor.id,
          kind: survivor.kind,
          name: survivor.name,
          aliases: [entity.name, ...entity.aliases].filter((alias) => alias !== survivor.name),
        }
      : entity;
    const same = entities.get(record.id);
    entities.set(
      record.id,
      same
        ? {
            ...same,
            aliases: [...new Set([...same.aliases, ...record.aliases])].filter((a) => a !== same.name),
          }
        : record,
    );
  }
  return {
    ...dataset,
    data: {
      ...dataset.data,
      entities: [...entities.values()],
      relationships: combined(
        dataset.data.relationships.map((rel) => {
          // A combined link adds its claims only: what the link says and when is the survivor's.
          const survivor = movedLinks.get(rel.id);
          const { date: _date, ...undated } = rel;
          return {
            ...(survivor ? { ...undated, ...survivor } : rel),
            from: to(rel.from),
            to: to(rel.to),
            claims: rel.claims.map((claim) => ({ ...claim, by: [...new Set(claim.by.map(to))] })),
          };
        }),
      ),
      mentions: dataset.data.mentions.map((mention) => ({ ...mention, entity: to(mention.entity) })),
    },
    mentions: dataset.mentions.map((mention) => ({ ...mention, entity: to(mention.entity) })),
  };
}
