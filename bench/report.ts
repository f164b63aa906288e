import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR } from './lib/benchOut';
import { writeReport } from './lib/benchReport';

/**
 * `make bench-report`: the only step that changes the committed report. Regenerates bench/out/REPORT.md
 * from the modes' last results (with BENCH_NOTE, if given, as the conditions of the runs), then copies
 * it and the charts it shows into bench/.
 */
const source = path.join(OUT_DIR, 'REPORT.md');
if (existsSync(OUT_DIR)) writeReport();
if (!existsSync(source)) {
  console.error(
    'bench/out/REPORT.md does not exist: run make bench-latency, make bench-throughput or make bench first',
  );
  process.exit(1);
}
const report = readFileSync(source, 'utf8');
const charts = [...report.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((match) => match[1] as string);
for (const chart of charts) {
  copyFileSync(path.join(OUT_DIR, chart), path.join(__dirname, chart));
}
writeFileSync(path.join(__dirname, 'REPORT.md'), report);
console.log(`bench/REPORT.md updated with ${charts.length} chart(s): ${charts.join(', ')}`);
