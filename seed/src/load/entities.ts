// Planning entities: fields, provenance and sourced alternatives. Part of the loader (seed/src/load.ts).
import { type ManagedTransaction } from 'neo4j-driver';
import { ENTITY_PROVENANCE, ENTITY_RESOLUTION } from '../../../model/index.js';
import { type DatasetEntity, type EntityKind } from '../dataset.js';
import { locationProps } from '../locations.js';
import { LoadConflictError } from './options.js';
import { type Props, sameValue, changes, stringList, union } from './values.js';
import { type Plan } from './sources.js';

export interface EntityRow {
  id: string;
  kind: EntityKind;
  official: boolean;
  props: Props;
}

/** What the fields a dataset sets are attributed to: its first source. */
export function datasetOrigin(dataset: { sources: readonly { id: string }[] }): string {
  return dataset.sources[0]?.id ?? '(dataset)';
}

/**
 * Which source a record's field is attributed to: the one its `provenance` names (an exported
 * dataset keeps each field's own), else the dataset's first source.
 */
export function fieldOrigin(entity: DatasetEntity, field: string, origin: string): string {
  return entity.provenance?.fieldSources[field] ?? origin;
}

/** One sourced value of an entity field that differs from the stored one (model/ ENTITY_PROVENANCE). */
export interface FieldAlternative {
  field: string;
  value: unknown;
  source: string;
}

/** The fields a record sets, as stored property name → value; a number is its value and qualifier. */
export function entityFields(entity: DatasetEntity): Map<string, Props> {
  const fields = new Map<string, Props>();
  fields.set('name', { name: entity.name });
  fields.set('description', { description: entity.description });
  if (entity.role !== undefined) fields.set('role', { role: entity.role });
  if (entity.date) {
    fields.set('date', {
      dateStart: entity.date.start,
      dateEnd: entity.date.end ?? null,
      datePrecision: entity.date.precision,
    });
  }
  if (entity.location) fields.set('location', locationProps(entity.location));
  for (const [name, number] of Object.entries(entity.numbers)) {
    fields.set(name, { [name]: number.value, [`${name}Qualifier`]: number.qualifier });
  }
  return fields;
}

export function fieldSourceMap(current: Props | undefined): Map<string, string> {
  return new Map(
    stringList(current?.[ENTITY_PROVENANCE.fieldSources]).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
}

export function storedAlternatives(current: Props | undefined): FieldAlternative[] {
  return stringList(current?.[ENTITY_PROVENANCE.alternatives]).map(
    (json) => JSON.parse(json) as FieldAlternative,
  );
}

/**
 * The fields of this record that another dataset set to something else: they are kept as sourced
 * alternatives, never written over the other dataset's value. A field without provenance (stored
 * before provenance existed) or set by this same dataset is this dataset's to change.
 */
export function entityFieldConflicts(
  entity: DatasetEntity,
  current: Props | undefined,
  origin: string,
): FieldAlternative[] {
  if (!current) return [];
  const setBy = fieldSourceMap(current);
  const conflicts: FieldAlternative[] = [];
  for (const [field, values] of entityFields(entity)) {
    const owner = setBy.get(field);
    const from = fieldOrigin(entity, field, origin);
    if (owner === undefined || owner === from) continue;
    if (Object.entries(values).some(([key, value]) => !sameValue(current[key], value))) {
      const value = Object.keys(values).length === 1 ? Object.values(values)[0] : values;
      conflicts.push({ field, value, source: from });
    }
  }
  return conflicts;
}

/**
 * The properties an entity gets when this dataset's record meets what is stored. Lists grow (aliases
 * of all datasets, background only where no dataset found the spelling in a source); scalars that
 * the record gives replace stored ones unless another dataset set them to something else, which
 * makes the record's value a sourced alternative; scalars it leaves out are kept. `origin` is the
 * dataset's first source, which every field it sets is attributed to.
 */
export function mergedEntityProps(entity: DatasetEntity, current: Props | undefined, origin?: string): Props {
  const conflicts = origin === undefined ? [] : entityFieldConflicts(entity, current, origin);
  const conflicting = new Set(conflicts.map((c) => c.field));
  const name = conflicting.has('name') ? String(current?.name) : entity.name;
  const storedAliases = stringList(current?.aliases);
  const storedBackground = stringList(current?.backgroundAliases);
  const sourced = union(
    storedAliases.filter((a) => !storedBackground.includes(a)),
    entity.aliases,
  );
  const background = union(storedBackground, entity.backgroundAliases).filter(
    (a) => !sourced.includes(a) && a !== name,
  );
  const props: Props = {
    id: entity.id,
    kind: entity.kind,
    aliases: union(storedAliases, entity.aliases, entity.backgroundAliases).filter((a) => a !== name),
    backgroundAliases: background,
  };
  // Ids merged into it stay merged: a record adds to the list, never shortens it.
  if (entity.mergedIds !== undefined && entity.mergedIds.length > 0) {
    props[ENTITY_RESOLUTION.mergedIds] = union(
      stringList(current?.[ENTITY_RESOLUTION.mergedIds]),
      entity.mergedIds,
    );
  }
  for (const [field, values] of entityFields(entity)) {
    if (!conflicting.has(field)) Object.assign(props, values);
  }
  if (origin !== undefined) {
    const setBy = fieldSourceMap(current);
    for (const field of entityFields(entity).keys()) {
      if (!conflicting.has(field) && !(setBy.has(field) && sameStored(current, entity, field)))
        setBy.set(field, fieldOrigin(entity, field, origin));
    }
    props[ENTITY_PROVENANCE.fieldSources] = [...setBy].map(([field, source]) => `${field}=${source}`).sort();
    // This dataset's alternatives replace the ones it gave before; a field it now agrees on has none.
    // Those the record itself carries (an exported dataset's) stand as written.
    const carried = (entity.provenance?.alternatives ?? []).map((a) => ({
      field: a.field,
      value: a.value,
      source: a.source,
    }));
    const key = (a: FieldAlternative) => `${a.field}\u0000${a.source}`;
    const replaced = new Set([...conflicts, ...carried].map(key));
    const alternatives = [
      ...storedAlternatives(current).filter((a) => a.source !== origin && !replaced.has(key(a))),
      ...conflicts,
      ...carried,
    ].map((a) => JSON.stringify(a));
    props[ENTITY_PROVENANCE.alternatives] = alternatives.length > 0 ? alternatives : null;
  }
  return props;
}

/** Whether the stored value of a field already equals the record's (then its provenance stays). */
export function sameStored(current: Props | undefined, entity: DatasetEntity, field: string): boolean {
  const values = entityFields(entity).get(field) ?? {};
  return (
    current !== undefined && Object.entries(values).every(([key, value]) => sameValue(current[key], value))
  );
}

/** `lookup` false: the database held no entity when the load began, so none of these exists. */
export async function planEntities(
  tx: ManagedTransaction,
  entities: readonly DatasetEntity[],
  origin: string,
  lookup = true,
): Promise<Plan<EntityRow>> {
  const records = lookup
    ? (
        await tx.run(
          'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, labels(e) AS labels, properties(e) AS props',
          { ids: entities.map((e) => e.id) },
        )
      ).records
    : [];
  const existing = new Map(
    records.map((r) => [
      r.get('id') as string,
      { labels: r.get('labels') as string[], props: r.get('props') as Props },
    ]),
  );
  const plan: Plan<EntityRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const entity of entities) {
    const current = existing.get(entity.id);
    const row: EntityRow = {
      id: entity.id,
      kind: entity.kind,
      official: entity.official === true,
      props: mergedEntityProps(entity, current?.props, origin),
    };
    if (!current) {
      plan.created.push(row);
      continue;
    }
    if (current.props.kind !== entity.kind || !current.labels.includes(entity.kind)) {
      throw new LoadConflictError(
        `Entity "${entity.id}" already exists as ${String(current.props.kind)}, not ${entity.kind}`,
      );
    }
    // Official is additive: a dataset that does not say so does not demote an official.
    const labelsChange = row.official && !current.labels.includes('Official');
    if (labelsChange || changes(current.props, row.props)) {
      plan.updated.push(row);
      plan.previous.push({ ...row, official: current.labels.includes('Official'), props: current.props });
    } else plan.unchanged += 1;
  }
  return plan;
}
