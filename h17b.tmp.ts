import { readDataset } from './seed/src/read.js';
const r = await readDataset('seed/data/no-mercy-in-xinjiang.yaml');
if (!r.ok) throw 1;
console.log(r.dataset.mentions.filter(m=>m.entity==='china'||m.entity==='xinjiang').map(m=>`${m.entity}@${m.start}:${m.text}:${m.source}`).join(' '));
console.log(r.dataset.sources.map(s=>s.id));
