import neo4j from '/work/wt15/node_modules/neo4j-driver/lib/index.js';
const d = neo4j.driver(process.argv[2]!);
const r = await d.executeQuery(process.argv[3]!);
for (const rec of r.records) console.log(JSON.stringify(rec.toObject(), (k, v) => (typeof v === 'bigint' ? Number(v) : v && v.low !== undefined && v.high !== undefined ? v.low : v)).slice(0, 600));
await d.close();
