// `npm run build:neo4j`: builds the launcher once; later runs see the stamp and do nothing.
import { ensureBuilt, isBuilt } from './launcher.js';

const before = isBuilt();
ensureBuilt();
console.log(before ? 'Neo4j launcher is up to date.' : 'Neo4j launcher built.');
