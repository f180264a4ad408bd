import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// A lifecycle product must not run on a runtime past its own end of life: Node 20 ended in
// April 2026. The npm `node` package pins Node 24 LTS for every npm script.
describe('Node runtime', () => {
  it('runs the tests on Node 24 LTS', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('runs npm scripts (npm start, npm test) on the pinned Node 24', () => {
    const printed = execFileSync('npm', ['exec', '--offline', '--', 'node', '--version'], { encoding: 'utf8' }).trim();
    expect(printed).toMatch(/^v24\./);
  });

  it('declares Node 24 in engines and pins it as a dependency', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      engines: { node: string };
      dependencies: Record<string, string>;
    };
    expect(manifest.engines.node).toMatch(/24/);
    expect(manifest.dependencies.node).toMatch(/^24\./);
  });
});
