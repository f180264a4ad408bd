/**
 * Findings about the chosen runtime itself: RUNTIME_END_OF_LIFE, RUNTIME_DEPRECATED and
 * RUNTIME_ANTICIPATED, from its lifecycle on the day of the scan. They concern no file and no line.
 */
import type { Finding } from '../../types';
import { makeFinding, NO_FINDINGS } from '../findings';
import type { RuntimeRelease } from './runtime-checks';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function ago(days: number): string {
  return days === 0 ? 'today' : `${plural(days, 'day')} ago`;
}

function moveTo(target: string | null): string {
  return target === null ? 'to a supported release (the catalog names none as its migration target)' : `to ${target}, its migration target`;
}

export function checkRuntimeLifecycle(release: Pick<RuntimeRelease, 'version' | 'lifecycle'>): readonly Finding[] {
  const { lifecycle, version } = release;
  if (!lifecycle) return NO_FINDINGS;
  const at = { file: null, line: null, package: null };
  const target = lifecycle.migrationTarget;
  switch (lifecycle.status) {
    case 'END_OF_LIFE':
      return [
        makeFinding('RUNTIME_END_OF_LIFE', {
          ...at,
          message: `Runtime ${version} reached its end of life on ${lifecycle.endOfSupport} (${ago(-lifecycle.daysUntilEndOfSupport)}); it gets no more fixes`,
          hint: `Migrate ${moveTo(target)}.`,
        }),
      ];
    case 'DEPRECATED':
      return [
        makeFinding('RUNTIME_DEPRECATED', {
          ...at,
          message: `Runtime ${version} is deprecated: support ends on ${lifecycle.endOfSupport}, in ${plural(lifecycle.daysUntilEndOfSupport, 'day')}`,
          hint: `Migrate ${moveTo(target)} before ${lifecycle.endOfSupport}.`,
        }),
      ];
    case 'ANTICIPATED':
      return [
        makeFinding('RUNTIME_ANTICIPATED', {
          ...at,
          message: `Runtime ${version} is not generally available yet: it is available from ${lifecycle.generalAvailability}`,
        }),
      ];
    default:
      return NO_FINDINGS;
  }
}
