import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR } from './lib/benchOut';

/**
 * `make bench-report`: the only step that changes the committed report. Copies bench/out/REPORT.md
 * and the charts it shows into bench/.
 */
const source = path.join(OUT_DIR, 'REPORT.md');
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
