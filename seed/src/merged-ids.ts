// A dataset written before a merge names the merged entity by its old id. Loaded into a graph where
// that entity was merged (the survivor lists the id in `mergedIds`, model/ ENTITY_RESOLUTION), its
// records go to the survivor instead of bringing the duplicate back: the entity record becomes the
// survivor's (its name an alias), and links, claims' asserters and mentions name the survivor.
import type { Driver } from 'neo4j-driver';
import { ENTITY_RESOLUTION, LABEL } from '../../model/index.js';
import type { DatasetEntity } from './dataset.js';
import type { CompiledDataset } from './read.js';

interface Survivor {
  id: string;
  name: string;
  kind: DatasetEntity['kind'];
}

async function survivors(driver: Driver): Promise<Map<string, Survivor>> {
  const { records } = await driver.executeQuery(
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

export async function withSurvivorIds(driver: Driver, dataset: CompiledDataset): Promise<CompiledDataset> {
  const moved = await survivors(driver);
  if (moved.size === 0) return dataset;
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
      relationships: dataset.data.relationships.map((rel) => ({
        ...rel,
        from: to(rel.from),
        to: to(rel.to),
        claims: rel.claims.map((claim) => ({ ...claim, by: [...new Set(claim.by.map(to))] })),
      })),
      mentions: dataset.data.mentions.map((mention) => ({ ...mention, entity: to(mention.entity) })),
    },
    mentions: dataset.mentions.map((mention) => ({ ...mention, entity: to(mention.entity) })),
  };
}
