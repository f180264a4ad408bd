/**
 * The options pip accepts inside a requirements file, parsed the way pip's `optparse`
 * parser does (req_file.py `build_parser`): long options may be abbreviated to any
 * unambiguous prefix, `--opt=value` and `--opt value` are the same, short options take
 * their value glued (`-rfile`) or as the next word, and words that are not options are
 * silently ignored. Errors carry pip's wording.
 */
import { canonicalizeName } from '../pep508/name';
import { shlexSplit, ShlexError } from './shlex';

export class OptionParsingError extends Error {}

/** Values of one line's options (pip's `optparse.Values` for the line). */
export interface LineOptions {
  indexUrl: string | null;
  extraIndexUrls: string[];
  noIndex: boolean;
  constraints: string[];
  requirements: string[];
  editables: string[];
  findLinks: string[];
  /** `--no-binary` / `--only-binary` values in the order given. */
  formatControl: Array<{ option: 'no-binary' | 'only-binary'; value: string }>;
  preferBinary: boolean;
  requireHashes: boolean;
  pre: boolean;
  trustedHosts: string[];
  featuresEnabled: string[];
  globalOptions: string[];
  /** `algorithm:digest`, in the order written. */
  hashes: string[];
  configSettings: Record<string, string | string[]>;
  /** Words that are not options; pip ignores them. */
  ignoredArguments: string[];
  /** Option names as written on the line, for reporting options pip ignores there. */
  optionsSeen: string[];
}

type OptionAction =
  { kind: 'flag'; apply: (values: LineOptions) => void } | { kind: 'value'; apply: (values: LineOptions, value: string, optionName: string) => void };

interface OptionDefinition {
  names: string[];
  action: OptionAction;
}

/** pip's STRONG_HASHES: the only algorithms `--hash` accepts. */
export const STRONG_HASH_ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;

const FEATURE_CHOICES = ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache'];

function appendHash(values: LineOptions, value: string, optionName: string): void {
  const colon = value.indexOf(':');
  if (colon < 0) {
    throw new OptionParsingError(`Arguments to ${optionName} must be a hash name followed by a value, like --hash=sha256:abcde...`);
  }
  const algorithm = value.slice(0, colon);
  if (!(STRONG_HASH_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new OptionParsingError(`Allowed hash algorithms for ${optionName} are ${STRONG_HASH_ALGORITHMS.join(', ')}.`);
  }
  values.hashes.push(value);
}

function addConfigSetting(values: LineOptions, value: string, optionName: string): void {
  const equals = value.indexOf('=');
  if (equals < 0) throw new OptionParsingError(`Arguments to ${optionName} must be of the form KEY=VAL`);
  const key = value.slice(0, equals);
  const settingValue = value.slice(equals + 1);
  const existing = Object.prototype.hasOwnProperty.call(values.configSettings, key) ? values.configSettings[key] : undefined;
  if (existing === undefined) values.configSettings[key] = settingValue;
  else if (Array.isArray(existing)) existing.push(settingValue);
  else values.configSettings[key] = [existing, settingValue];
}

function addFormatControl(option: 'no-binary' | 'only-binary') {
  return (values: LineOptions, value: string): void => {
    if (value.startsWith('-')) throw new OptionParsingError('--no-binary / --only-binary option requires 1 argument.');
    values.formatControl.push({ option, value });
  };
}

const OPTION_DEFINITIONS: OptionDefinition[] = [
  { names: ['-i', '--index-url', '--pypi-url'], action: { kind: 'value', apply: (v, value) => (v.indexUrl = value) } },
  { names: ['--extra-index-url'], action: { kind: 'value', apply: (v, value) => v.extraIndexUrls.push(value) } },
  { names: ['--no-index'], action: { kind: 'flag', apply: (v) => (v.noIndex = true) } },
  { names: ['-c', '--constraint'], action: { kind: 'value', apply: (v, value) => v.constraints.push(value) } },
  { names: ['-r', '--requirement'], action: { kind: 'value', apply: (v, value) => v.requirements.push(value) } },
  { names: ['-e', '--editable'], action: { kind: 'value', apply: (v, value) => v.editables.push(value) } },
  { names: ['-f', '--find-links'], action: { kind: 'value', apply: (v, value) => v.findLinks.push(value) } },
  { names: ['--no-binary'], action: { kind: 'value', apply: addFormatControl('no-binary') } },
  { names: ['--only-binary'], action: { kind: 'value', apply: addFormatControl('only-binary') } },
  { names: ['--prefer-binary'], action: { kind: 'flag', apply: (v) => (v.preferBinary = true) } },
  { names: ['--require-hashes'], action: { kind: 'flag', apply: (v) => (v.requireHashes = true) } },
  { names: ['--pre'], action: { kind: 'flag', apply: (v) => (v.pre = true) } },
  { names: ['--trusted-host'], action: { kind: 'value', apply: (v, value) => v.trustedHosts.push(value) } },
  {
    names: ['--use-feature'],
    action: {
      kind: 'value',
      apply: (v, value, optionName) => {
        if (!FEATURE_CHOICES.includes(value)) {
          const choices = FEATURE_CHOICES.map((choice) => `'${choice}'`).join(', ');
          throw new OptionParsingError(`option ${optionName}: invalid choice: '${value}' (choose from ${choices})`);
        }
        v.featuresEnabled.push(value);
      },
    },
  },
  { names: ['--global-option'], action: { kind: 'value', apply: (v, value) => v.globalOptions.push(value) } },
  { names: ['--hash'], action: { kind: 'value', apply: appendHash } },
  { names: ['-C', '--config-settings'], action: { kind: 'value', apply: addConfigSetting } },
];

const LONG_OPTIONS = new Map<string, OptionDefinition>();
const SHORT_OPTIONS = new Map<string, OptionDefinition>();
for (const definition of OPTION_DEFINITIONS) {
  for (const name of definition.names) (name.startsWith('--') ? LONG_OPTIONS : SHORT_OPTIONS).set(name, definition);
}
const LONG_OPTION_NAMES = [...LONG_OPTIONS.keys()].sort();

/** The canonical (first long) spelling of an option, for messages. */
export function canonicalOptionName(definition: OptionDefinition): string {
  return definition.names.find((name) => name.startsWith('--')) ?? definition.names[0];
}

/** optparse's `_match_abbrev`: exact name, or the only long option it is a prefix of. */
function matchLongOption(written: string): string {
  if (LONG_OPTIONS.has(written)) return written;
  const candidates = LONG_OPTION_NAMES.filter((name) => name.startsWith(written));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw new OptionParsingError(`no such option: ${written}`);
  throw new OptionParsingError(`ambiguous option: ${written} (${candidates.join(', ')}?)`);
}

export function emptyLineOptions(): LineOptions {
  return {
    indexUrl: null,
    extraIndexUrls: [],
    noIndex: false,
    constraints: [],
    requirements: [],
    editables: [],
    findLinks: [],
    formatControl: [],
    preferBinary: false,
    requireHashes: false,
    pre: false,
    trustedHosts: [],
    featuresEnabled: [],
    globalOptions: [],
    hashes: [],
    configSettings: {},
    ignoredArguments: [],
    optionsSeen: [],
  };
}

function applyOption(
  definition: OptionDefinition,
  optionName: string,
  values: LineOptions,
  takeValue: () => string | undefined,
  explicitValue: string | undefined,
): void {
  values.optionsSeen.push(canonicalOptionName(definition));
  if (definition.action.kind === 'flag') {
    if (explicitValue !== undefined) throw new OptionParsingError(`${optionName} option does not take a value`);
    definition.action.apply(values);
    return;
  }
  const value = explicitValue ?? takeValue();
  if (value === undefined) throw new OptionParsingError(`${optionName} option requires 1 argument`);
  definition.action.apply(values, value, optionName);
}

/** optparse's `_process_args` over already split words. */
export function parseOptionWords(words: readonly string[]): LineOptions {
  const values = emptyLineOptions();
  let position = 0;
  const takeValue = (): string | undefined => (position < words.length ? words[position++] : undefined);
  while (position < words.length) {
    const word = words[position++];
    if (word === '--') {
      for (const rest of words.slice(position)) values.ignoredArguments.push(rest);
      break;
    }
    if (word.startsWith('--')) {
      const equals = word.indexOf('=');
      const written = equals >= 0 ? word.slice(0, equals) : word;
      const optionName = matchLongOption(written);
      const explicitValue = equals >= 0 ? word.slice(equals + 1) : undefined;
      applyOption(LONG_OPTIONS.get(optionName)!, optionName, values, takeValue, explicitValue);
    } else if (word.startsWith('-') && word.length > 1) {
      // Every short option pip accepts here takes a value, so a cluster is one option
      // followed by its glued value (`-rbase.txt`).
      const optionName = word.slice(0, 2);
      const definition = SHORT_OPTIONS.get(optionName);
      if (!definition) throw new OptionParsingError(`no such option: ${optionName}`);
      const glued = word.length > 2 ? word.slice(2) : undefined;
      applyOption(definition, optionName, values, takeValue, glued);
    } else {
      values.ignoredArguments.push(word);
    }
  }
  return values;
}

/**
 * The `--no-binary` / `--only-binary` sets after applying the values in order, as pip's
 * `FormatControl.handle_mutual_excludes` does (`:all:` clears both sets, `:none:` empties
 * the target, names are canonicalised and move from the other set).
 */
export function formatControlSets(entries: LineOptions['formatControl']): { noBinary: string[]; onlyBinary: string[] } {
  const noBinary = new Set<string>();
  const onlyBinary = new Set<string>();
  for (const { option, value } of entries) {
    const [target, other] = option === 'no-binary' ? [noBinary, onlyBinary] : [onlyBinary, noBinary];
    let names = value.split(',');
    let all = names.indexOf(':all:');
    let coveredByAll = false;
    while (all >= 0) {
      other.clear();
      target.clear();
      target.add(':all:');
      names = names.slice(all + 1);
      if (!names.includes(':none:')) {
        coveredByAll = true;
        break;
      }
      all = names.indexOf(':all:');
    }
    if (coveredByAll) continue;
    for (const name of names) {
      if (name === ':none:') {
        target.clear();
        continue;
      }
      const canonical = canonicalizeName(name);
      other.delete(canonical);
      target.add(canonical);
    }
  }
  return { noBinary: [...noBinary].sort(), onlyBinary: [...onlyBinary].sort() };
}

/** A line without options (most requirement lines): one shared, frozen answer instead of a fresh object per line. */
const NO_OPTIONS: LineOptions = Object.freeze(emptyLineOptions());

/** Split the option part with shlex and parse it, as pip's `parse_line` does. */
export function parseLineOptions(optionsText: string): LineOptions {
  if (optionsText === '') return NO_OPTIONS;
  let words: string[];
  try {
    words = shlexSplit(optionsText);
  } catch (error) {
    if (error instanceof ShlexError) throw new OptionParsingError(`Could not split options: ${optionsText} (${error.message})`);
    throw error;
  }
  return parseOptionWords(words);
}

/**
 * pip's `break_args_options`: words (split on a plain space only) up to the first one
 * starting with `-` are the requirement; the rest are options. Markers stay untouched
 * because shlex never sees them.
 */
export function breakArgumentsAndOptions(line: string): { argumentsText: string; optionsText: string } {
  // The first word starting with `-` begins at the start of the line or right after a space;
  // slicing there gives exactly what splitting on " " and joining back would.
  let dash = line.startsWith('-') ? 0 : line.indexOf(' -');
  if (dash < 0) return { argumentsText: line, optionsText: '' };
  if (dash > 0) dash += 1;
  return { argumentsText: dash === 0 ? '' : line.slice(0, dash - 1), optionsText: line.slice(dash) };
}
