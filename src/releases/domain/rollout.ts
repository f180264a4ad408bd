/**
 * When a published release reaches each environment. Releases ride the platform's tool updates:
 * TEST takes them at its next weekly tools window; QUAL, BETA and PROD at the tools window that
 * follows the next BETA/PROD OS maintenance. Nothing here names a weekday or a rule id: the
 * schedule follows whatever TOOLS_UPDATE rules the calendar has, so a changed calendar changes it.
 */
import { ENVIRONMENTS, type Environment } from '../../calendar/environment';
import {
  listMaintenanceWindows,
  listRuleOccurrences,
  MAX_MAINTENANCE_RANGE_DAYS,
  windowFor,
  type MaintenanceCalendar,
  type MaintenanceRule,
  type MaintenanceWindow,
  type RuleOccurrence,
} from '../../calendar/maintenance-calendar';

export interface RolloutOverride {
  environment: Environment;
  at: Date;
  reason: string;
}

export interface RolloutStep {
  environment: Environment;
  start: Date;
  end: Date;
  /** The maintenance window used; for an override, the window containing `at`, if any. */
  window: MaintenanceWindow | null;
  overridden: boolean;
  /** The override's reason, or null when the calendar decided. */
  reason: string | null;
}

export class RolloutScheduleError extends Error {
  readonly code = 'ROLLOUT_SCHEDULE_UNAVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'RolloutScheduleError';
  }
}

const DAY_MS = 86_400_000;
// Most releases find their window within weeks; look further only when a sparse calendar needs it.
const SEARCH_HORIZONS_DAYS = [100, MAX_MAINTENANCE_RANGE_DAYS];

/**
 * Whether `occurrence` delivers a release published at `publishedAt`. A rule that follows another
 * delivers only after an anchor occurrence that starts after publication: a release published
 * after the OS maintenance has begun waits for the next month's, even though a tools window
 * still lies ahead that week.
 */
function deliversReleasePublishedAt(occurrence: RuleOccurrence, publishedAt: Date): boolean {
  const gate = occurrence.anchor ?? occurrence;
  return gate.start.getTime() > publishedAt.getTime();
}

function firstDelivery(calendar: MaintenanceCalendar, rule: MaintenanceRule, publishedAt: Date): RuleOccurrence | null {
  for (const days of SEARCH_HORIZONS_DAYS) {
    const until = new Date(publishedAt.getTime() + days * DAY_MS);
    const found = listRuleOccurrences(calendar, rule.id, publishedAt, until).find((occurrence) => deliversReleasePublishedAt(occurrence, publishedAt));
    if (found) return found;
  }
  return null;
}

function scheduledStep(calendar: MaintenanceCalendar, environment: Environment, publishedAt: Date): RolloutStep {
  const toolRules = calendar.rules.filter((rule) => rule.kind === 'TOOLS_UPDATE' && rule.environments.includes(environment));
  if (toolRules.length === 0) {
    throw new RolloutScheduleError(`the maintenance calendar has no TOOLS_UPDATE rule for ${environment}, so releases never reach it`);
  }
  const deliveries = toolRules
    .map((rule) => firstDelivery(calendar, rule, publishedAt))
    .filter((occurrence): occurrence is RuleOccurrence => occurrence !== null)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  if (deliveries.length === 0) {
    throw new RolloutScheduleError(`the maintenance calendar has no TOOLS_UPDATE window for ${environment} within two years of ${publishedAt.toISOString()}`);
  }
  const window = windowFor(deliveries[0], environment, calendar.timeZone);
  return { environment, start: window.start, end: window.end, window, overridden: false, reason: null };
}

function overriddenStep(calendar: MaintenanceCalendar, override: RolloutOverride): RolloutStep {
  if (Number.isNaN(override.at.getTime())) throw new RangeError(`the ${override.environment} rollout override needs a valid instant`);
  // An admin may pick a moment inside a maintenance window or outside any (an urgent fix).
  const containing = listMaintenanceWindows(calendar, override.at, new Date(override.at.getTime() + 1), override.environment);
  const window = containing.find((candidate) => candidate.kind === 'TOOLS_UPDATE') ?? containing[0] ?? null;
  return {
    environment: override.environment,
    start: override.at,
    end: window?.end ?? override.at,
    window,
    overridden: true,
    reason: override.reason,
  };
}

/**
 * One step per environment, TEST, QUAL, BETA, PROD. An override replaces that environment's step
 * only (the last override given for an environment wins); other environments keep their dates.
 */
export function computeRolloutSchedule(publishedAt: Date, calendar: MaintenanceCalendar, overrides: readonly RolloutOverride[] = []): RolloutStep[] {
  if (Number.isNaN(publishedAt.getTime())) throw new RangeError('publishedAt must be a valid instant');
  const overrideFor = new Map(overrides.map((override) => [override.environment, override]));
  return ENVIRONMENTS.map((environment) => {
    const override = overrideFor.get(environment);
    return override ? overriddenStep(calendar, override) : scheduledStep(calendar, environment, publishedAt);
  });
}

/** Environments whose rollout has begun by `now`, in schedule order. */
export function reachedEnvironments(schedule: readonly RolloutStep[], now: Date): Environment[] {
  return schedule.filter((step) => step.start.getTime() <= now.getTime()).map((step) => step.environment);
}
