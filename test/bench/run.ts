/**
 * `npm run bench [-- name...]` runs every benchmark (or the named ones) in one process,
 * one after another so they do not compete for the two cores. Each benchmark prints its
 * own figures and compares them with a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => /\.bench\.js$/.test(file))
    .sort();
  for (const file of files) {
    const name = basename(file, '.bench.js');
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n=== ${name} ===`);
    // Benchmarks are compiled to CommonJS next to this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- benchmarks are found at run time among the compiled CommonJS files
    const bench = require(join(__dirname, file)) as { default: () => void | Promise<void> };
    await bench.default();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
