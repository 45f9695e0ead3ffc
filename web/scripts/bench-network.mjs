// bench-network.mjs N M OUT writes a voicemap JSON document of one place
// with N people and M ties in communities of about 50 (a planted partition:
// 90% of ties inside a community), dates spread over 2019-2025 so that the
// network changes with the date. Deterministic (seeded), for benchmarks.
import { writeFileSync } from 'node:fs';

const [n, m, out] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
// mulberry32, seeded.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const people = [];
for (let i = 0; i < n; i++) people.push({ id: `b${i}`, name: `Bench Person ${i}`, placeId: 'bench', consent: 'GIVEN' });
const seen = new Set();
const relationships = [];
const groups = Math.max(1, Math.floor(n / 50));
while (relationships.length < m) {
  const a = Math.floor(rand() * n);
  const g = a % groups;
  const b = rand() < 0.9 ? (g + groups * Math.floor(rand() * Math.ceil(n / groups))) % n : Math.floor(rand() * n);
  if (a === b) continue;
  const key = a < b ? `${a}-${b}` : `${b}-${a}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const year = 2019 + Math.floor(rand() * 7);
  relationships.push({ id: `br${relationships.length}`, from: `b${a}`, to: `b${b}`, kind: 'KNOWS', since: `${year}-0${1 + Math.floor(rand() * 9)}-01` });
}
writeFileSync(out, JSON.stringify({ version: 1, places: [{ id: 'bench', name: 'Benchtown', population: n }], people, relationships }));
