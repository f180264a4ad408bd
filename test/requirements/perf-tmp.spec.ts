import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scan, parseRequirementsFile } from '../../src/requirements';
it('perf', () => {
  const base = readFileSync('test/fixtures/corpus/pip/data-pipeline/requirements.txt', 'utf8') + readFileSync('test/fixtures/corpus/pip/django-shop/requirements/local.txt', 'utf8') + readFileSync('test/fixtures/corpus/pip/vcs-refs/requirements.txt', 'utf8');
  const lines = base.split('\n');
  const out: string[] = [];
  for (let i = 0; out.length < 100000; i++) out.push(lines[i % lines.length].replace(/^([A-Za-z][A-Za-z0-9_.-]*)/, `$1${i}`));
  const text = out.join('\n');
  for (const n of [25000, 50000, 100000]) {
    const t = out.slice(0, n).join('\n');
    let s = performance.now();
    const p = parseRequirementsFile('r.txt', t);
    const parseMs = performance.now() - s;
    s = performance.now();
    const r = scan({ files: [{ path: 'r.txt', content: t }], maxBytes: 1e9, runtime: { version: '37.21.0', pythonVersion: '3.7', packages: [{ name: 'Django', version: '2.0.7' }] } });
    console.log(n, 'parse', parseMs.toFixed(0), 'ms', 'scan', (performance.now() - s).toFixed(0), 'ms', p.requirements.length, r.findings.length);
  }
  void text;
});
