import type { DeclaredRequirement, RuntimeRelease } from '../../requirements';
import { canonicalizeName } from '../../requirements/pep508/name';

/**
 * The packages whose advisories a scan can report: every named requirement of the files
 * (VULNERABLE) and every package the runtime bundles (RUNTIME_VULNERABLE). Canonical, each
 * once, sorted, so that the request is the same for the same files.
 */
export function packagesToCheck(requirements: readonly Pick<DeclaredRequirement, 'name'>[], runtime: Pick<RuntimeRelease, 'packages'> | null): string[] {
  const names = new Set<string>();
  for (const { name } of requirements) if (name !== null) names.add(name);
  for (const { name } of runtime?.packages ?? []) names.add(canonicalizeName(name));
  return [...names].sort();
}
