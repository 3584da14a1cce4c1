#!/usr/bin/env node
// Second, tool-independent check of the coverage gate: fails when the line
// coverage in an istanbul json-summary (written by vitest) is below the
// threshold. Usage: node scripts/check-coverage-threshold.mjs [summary] [min]
import { readFileSync } from 'node:fs';

const [file = 'coverage/coverage-summary.json', min = '80'] = process.argv.slice(2);
const pct = JSON.parse(readFileSync(file, 'utf8')).total.lines.pct;
if (!(pct >= Number(min))) {
  process.stderr.write(`line coverage ${pct}% is below the ${min}% threshold\n`);
  process.exit(1);
}
process.stdout.write(`line coverage ${pct}% meets the ${min}% threshold\n`);
