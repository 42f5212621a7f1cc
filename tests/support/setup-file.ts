import { afterAll } from 'vitest';
import { closeDriver } from './neo4j.js';

// Runs in every integration and e2e test file: whatever driver the file opened is closed with it.
afterAll(closeDriver);
