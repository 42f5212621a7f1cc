import { readFileSync } from 'node:fs';
import { findCandidates } from './server/src/imports/candidates.js';
const text = readFileSync(process.argv[2]!,'utf8');
const t0=performance.now();
const r = findCandidates(text, [], []);
console.log(performance.now()-t0);
for (const c of r.candidates) console.log(c.name, c.kind, c.score, c.why, c.mentions.map(m=>`${m.start}:${m.text}`).join(', '));
console.log(r.dates.slice(0,10));
