// `npm run bench [-- ID ...]`: runs the benchmarks (all, or those named), prints a table and
// writes bench/results.json. Results of benchmarks not run this time are kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { p1 } from './benchmarks/p1-durable-commits';
import { p2 } from './benchmarks/p2-drain';
import { p3 } from './benchmarks/p3-recovery-burst';
import { p4 } from './benchmarks/p4-receipt-bytes';
import { p5 } from './benchmarks/p5-escrow-decision';
import { p6 } from './benchmarks/p6-ui';
import { p7 } from './benchmarks/p7-idle-host';
import { p8 } from './benchmarks/p8-sessions';
import type { BenchResult, Benchmark } from './harness';

const ALL: Benchmark[] = [p1, p2, p3, p4, p5, p6, p7, p8];
const RESULTS = path.resolve(import.meta.dirname, 'results.json');

const wanted = process.argv.slice(2);
const chosen = wanted.length ? ALL.filter((b) => wanted.includes(b.id)) : ALL;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(
    `bench: unknown id in ${wanted.join(' ')} (known: ${ALL.map((b) => b.id).join(' ')})`,
  );
  process.exit(2);
}

const results: Record<string, BenchResult> = existsSync(RESULTS)
  ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, BenchResult>)
  : {};
const rows: string[][] = [];
let failed = false;
for (const b of chosen) {
  process.stdout.write(`running ${b.id}: ${b.title} …\n`);
  try {
    const r = await b.run();
    results[b.id] = r;
    rows.push([
      b.id,
      `${r.value} ${r.unit}`,
      r.target,
      r.met ? 'met' : 'MISSED',
      JSON.stringify(r.detail),
    ]);
  } catch (err) {
    failed = true;
    rows.push([b.id, 'error', '', 'ERROR', (err as Error).message]);
  }
}
writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');

const header = ['id', 'value', 'target', 'status', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(
  ['', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'),
);
console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS)}`);
process.exit(failed ? 1 : 0);
