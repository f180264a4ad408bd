/**
 * Checks a maintenance calendar read from configuration (JSON), reporting every bad field with its
 * path (`rules[2].recurrence.nth`) so operations can fix a file in one pass.
 */
import { isValidTimeZone } from './calendar-date';
import { ENVIRONMENTS, isEnvironment } from './environment';
import { MAINTENANCE_KINDS, WEEKDAYS, type MaintenanceCalendar } from './maintenance-calendar';

export interface MaintenanceCalendarIssue {
  path: string;
  message: string;
}

export class InvalidMaintenanceCalendarError extends Error {
  readonly code = 'INVALID_MAINTENANCE_CALENDAR';

  constructor(readonly issues: MaintenanceCalendarIssue[]) {
    super(`invalid maintenance calendar: ${issues.map((issue) => `${issue.path || '(root)'} ${issue.message}`).join('; ')}`);
    this.name = 'InvalidMaintenanceCalendarError';
  }
}

type Json = Record<string, unknown>;

const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_OFFSET_WEEKS = 52;
const RULE_KEYS = ['id', 'kind', 'environments', 'recurrence', 'start', 'end', 'description'];
const RECURRENCE_KEYS: Record<string, string[]> = {
  weekly: ['type', 'weekday'],
  monthly: ['type', 'nth', 'weekday'],
  after: ['type', 'rule', 'weekday', 'offsetWeeks'],
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(values: readonly string[]): string {
  return values.join(', ');
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

class IssueList {
  readonly issues: MaintenanceCalendarIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  unknownKeys(path: string, object: Json, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.add(`${path}.${key}`, `is not a known field; expected ${oneOf(allowed)}`);
    }
  }
}

function checkRecurrence(path: string, recurrence: unknown, ruleIds: ReadonlySet<string>, ownId: unknown, issues: IssueList): void {
  if (!isObject(recurrence)) {
    issues.add(path, 'must be an object with a type of weekly, monthly or after');
    return;
  }
  const type = recurrence.type;
  if (typeof type !== 'string' || !(type in RECURRENCE_KEYS)) {
    issues.add(`${path}.type`, `must be one of ${oneOf(Object.keys(RECURRENCE_KEYS))}; got ${show(type)}`);
    return;
  }
  issues.unknownKeys(path, recurrence, RECURRENCE_KEYS[type]);
  if (!(WEEKDAYS as readonly unknown[]).includes(recurrence.weekday)) {
    issues.add(`${path}.weekday`, `must be one of ${oneOf(WEEKDAYS)}; got ${show(recurrence.weekday)}`);
  }
  if (type === 'monthly' && ![1, 2, 3, 4, 5, -1].includes(recurrence.nth as number)) {
    issues.add(`${path}.nth`, `must be 1, 2, 3, 4, 5 or -1 (the last in the month); got ${show(recurrence.nth)}`);
  }
  if (type === 'after') {
    if (typeof recurrence.rule !== 'string' || !ruleIds.has(recurrence.rule)) {
      issues.add(`${path}.rule`, `must be the id of another rule in this calendar; got ${show(recurrence.rule)}`);
    } else if (recurrence.rule === ownId) {
      issues.add(`${path}.rule`, 'must name another rule, not the rule itself');
    }
    const offset = recurrence.offsetWeeks;
    if (offset !== undefined && !(Number.isInteger(offset) && (offset as number) >= 0 && (offset as number) <= MAX_OFFSET_WEEKS)) {
      issues.add(`${path}.offsetWeeks`, `must be a whole number from 0 to ${MAX_OFFSET_WEEKS}; got ${show(offset)}`);
    }
  }
}

function checkRule(path: string, rule: unknown, ruleIds: ReadonlySet<string>, seenIds: Set<string>, issues: IssueList): void {
  if (!isObject(rule)) {
    issues.add(path, 'must be an object');
    return;
  }
  issues.unknownKeys(path, rule, RULE_KEYS);
  if (typeof rule.id !== 'string' || rule.id.trim() === '') {
    issues.add(`${path}.id`, `must be a non-empty string; got ${show(rule.id)}`);
  } else if (seenIds.has(rule.id)) {
    issues.add(`${path}.id`, `${JSON.stringify(rule.id)} is used by an earlier rule; ids must be unique`);
  } else {
    seenIds.add(rule.id);
  }
  if (!(MAINTENANCE_KINDS as readonly unknown[]).includes(rule.kind)) {
    issues.add(`${path}.kind`, `must be one of ${oneOf(MAINTENANCE_KINDS)}; got ${show(rule.kind)}`);
  }
  const environments = rule.environments;
  if (!Array.isArray(environments) || environments.length === 0) {
    issues.add(`${path}.environments`, `must be a non-empty list of ${oneOf(ENVIRONMENTS)}`);
  } else {
    environments.forEach((environment: unknown, index: number) => {
      if (!isEnvironment(environment)) {
        issues.add(`${path}.environments[${index}]`, `must be one of ${oneOf(ENVIRONMENTS)}; got ${show(environment)}`);
      } else if (environments.indexOf(environment) !== index) {
        issues.add(`${path}.environments[${index}]`, `${environment} is listed twice`);
      }
    });
  }
  for (const field of ['start', 'end'] as const) {
    if (typeof rule[field] !== 'string' || !LOCAL_TIME_PATTERN.test(rule[field])) {
      issues.add(`${path}.${field}`, `must be a 24-hour time HH:MM such as 07:00; got ${show(rule[field])}`);
    }
  }
  if (typeof rule.start === 'string' && rule.start === rule.end) {
    issues.add(`${path}.end`, 'must differ from start (an end before start means the window runs past midnight)');
  }
  if (rule.description !== undefined && typeof rule.description !== 'string') {
    issues.add(`${path}.description`, `must be a string when given; got ${show(rule.description)}`);
  }
  checkRecurrence(`${path}.recurrence`, rule.recurrence, ruleIds, rule.id, issues);
}

/** `after` rules that, followed anchor to anchor, come back to themselves. */
function checkAnchorLoops(rules: unknown[], issues: IssueList): void {
  const anchorOf = new Map<string, string>();
  for (const rule of rules) {
    if (
      isObject(rule) &&
      typeof rule.id === 'string' &&
      isObject(rule.recurrence) &&
      rule.recurrence.type === 'after' &&
      typeof rule.recurrence.rule === 'string'
    ) {
      anchorOf.set(rule.id, rule.recurrence.rule);
    }
  }
  rules.forEach((rule, index) => {
    if (!isObject(rule) || typeof rule.id !== 'string' || anchorOf.get(rule.id) === rule.id) return;
    const chain = [rule.id];
    for (let next = anchorOf.get(rule.id); next !== undefined && chain.length <= anchorOf.size; next = anchorOf.get(next)) {
      chain.push(next);
      if (next === rule.id) {
        issues.add(`rules[${index}].recurrence.rule`, `makes a loop of rules that follow each other: ${chain.join(' → ')}`);
        return;
      }
    }
  });
}

/**
 * A release reaches an environment in that environment's tools-update window, so an environment
 * that no TOOLS_UPDATE rule covers could never be rolled out to: every rollout and deployment
 * there would fail. Refused here, at start-up, naming the environments.
 */
function checkToolsUpdateCoverage(rules: unknown[], issues: IssueList): void {
  const covered = new Set<unknown>();
  for (const rule of rules) {
    if (isObject(rule) && rule.kind === 'TOOLS_UPDATE' && Array.isArray(rule.environments))
      for (const environment of rule.environments) covered.add(environment);
  }
  const missing = ENVIRONMENTS.filter((environment) => !covered.has(environment));
  if (missing.length === 0) return;
  issues.add(
    'rules',
    `give no TOOLS_UPDATE rule to ${missing.join(', ')}; every environment needs one (a release reaches an environment in its tools-update window, so its rollouts and deployments there would fail)`,
  );
}

/** Every problem with a calendar read from configuration; empty when it can be used. */
export function validateMaintenanceCalendar(json: unknown): MaintenanceCalendarIssue[] {
  const issues = new IssueList();
  if (!isObject(json)) {
    issues.add('', 'must be an object with timeZone and rules');
    return issues.issues;
  }
  issues.unknownKeys('', json, ['timeZone', 'rules']);
  if (!isValidTimeZone(json.timeZone)) {
    issues.add('timeZone', `must be an IANA time zone such as America/Chicago; got ${show(json.timeZone)}`);
  }
  if (!Array.isArray(json.rules)) {
    issues.add('rules', 'must be a list of maintenance rules');
    return issues.issues;
  }
  const ruleIds = new Set(json.rules.flatMap((rule) => (isObject(rule) && typeof rule.id === 'string' ? [rule.id] : [])));
  const seenIds = new Set<string>();
  json.rules.forEach((rule, index) => checkRule(`rules[${index}]`, rule, ruleIds, seenIds, issues));
  checkAnchorLoops(json.rules, issues);
  checkToolsUpdateCoverage(json.rules, issues);
  // Root-level paths read better without the leading dot left by unknownKeys('').
  return issues.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^\./, '') }));
}

/** `json` as a calendar, or an `InvalidMaintenanceCalendarError` listing every problem. */
export function parseMaintenanceCalendar(json: unknown): MaintenanceCalendar {
  const issues = validateMaintenanceCalendar(json);
  if (issues.length > 0) throw new InvalidMaintenanceCalendarError(issues);
  return json as MaintenanceCalendar;
}
