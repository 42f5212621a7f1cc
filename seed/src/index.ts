// Placeholder until the dataset and loader land: the foundation calls these two.
import type { Driver } from 'neo4j-driver';

export async function applySchema(driver: Driver): Promise<void> {
  await driver.executeQuery(
    'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  );
}

export async function seedIfEmpty(_driver: Driver): Promise<null> {
  return null;
}
