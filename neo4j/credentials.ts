// `npm run db:credentials`: prints how to connect to the embedded database (Neo4j Browser,
// cypher-shell), on request only. The password is generated on the first start and kept in the data
// directory with owner-only permissions; nothing else prints it.
import { passwordFile, readGeneratedPassword } from './launcher.js';

const dataDir = process.env.NEO4J_DATA_DIR?.trim() || '.data/neo4j';
const port = process.env.NEO4J_BOLT_PORT?.trim() || '7687';
const given = process.env.NEO4J_PASSWORD;
const password = given || readGeneratedPassword(dataDir);
if (!password) {
  console.error(
    `No generated password in ${passwordFile(dataDir)} yet: run \`npm start\` once (with the same NEO4J_DATA_DIR) to create it.`,
  );
  process.exit(1);
}
console.log(`uri:      bolt://127.0.0.1:${port}`);
console.log('user:     neo4j');
console.log(`password: ${password}`);
console.log(`(cypher-shell -a bolt://127.0.0.1:${port} -u neo4j -p '<password>')`);
