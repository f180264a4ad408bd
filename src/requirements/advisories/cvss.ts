/**
 * CVSS v3.0/v3.1 base scores from a vector string (FIRST's specification, section 7),
 * so that an advisory without a database severity still gets a level. Version 2 and 4
 * vectors are kept as written but not scored.
 */

export type SeverityLevel = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE';

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS 3.1 Roundup: the smallest number with one decimal that is >= the input, robust to floating point. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

function privilegesWeight(value: string, scopeChanged: boolean): number | undefined {
  if (value === 'N') return 0.85;
  if (value === 'L') return scopeChanged ? 0.68 : 0.62;
  if (value === 'H') return scopeChanged ? 0.5 : 0.27;
  return undefined;
}

function lookup<T extends Record<string, number>>(table: T, key: string | undefined): number | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key as keyof T] : undefined;
}

/** The base score of a `CVSS:3.x/AV:N/AC:L/...` vector, or null when it is not a complete v3 vector. */
export function cvss3BaseScore(vector: string): number | null {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return null;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const colon = part.indexOf(':');
    if (colon <= 0) return null;
    metrics.set(part.slice(0, colon), part.slice(colon + 1));
  }
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const scopeChanged = scope === 'C';
  const av = lookup(WEIGHTS.AV, metrics.get('AV'));
  const ac = lookup(WEIGHTS.AC, metrics.get('AC'));
  const pr = privilegesWeight(metrics.get('PR') ?? '', scopeChanged);
  const ui = lookup(WEIGHTS.UI, metrics.get('UI'));
  const c = lookup(WEIGHTS.CIA, metrics.get('C'));
  const i = lookup(WEIGHTS.CIA, metrics.get('I'));
  const a = lookup(WEIGHTS.CIA, metrics.get('A'));
  if ([av, ac, pr, ui, c, i, a].some((weight) => weight === undefined)) return null;
  const impactSubScore = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scopeChanged ? 7.52 * (impactSubScore - 0.029) - 3.25 * (impactSubScore - 0.02) ** 15 : 6.42 * impactSubScore;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return roundUp(Math.min((scopeChanged ? 1.08 : 1) * (impact + exploitability), 10));
}

/** The qualitative rating of a CVSS v3 score. */
export function severityLevelOfScore(score: number): SeverityLevel {
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}
