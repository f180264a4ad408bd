/**
 * A pip requirements file, line by line as pip reads it (req_file.py): every logical
 * line becomes a requirement, an include, an option, or a PARSE_ERROR observation for
 * that line while the rest of the file is still read. Includes are reported, not
 * followed: the scanner resolves them inside the file set.
 */
import { emptyParsedFile, type DeclaredRequirement, type ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { breakArgumentsAndOptions, OptionParsingError, parseLineOptions, type LineOptions } from './line-options';
import { preprocessRequirementsFile, type LogicalLine } from './preprocess';
import { interpretEditable, interpretRequirementText, RequirementLineError, type InterpretedRequirement } from './requirement-line';

export interface ParsePipOptions {
  /** Values for `${VAR}` references; pip reads the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Options that have an effect on a requirement line (pip's SUPPORTED_OPTIONS_REQ). */
const PER_REQUIREMENT_OPTIONS = new Set(['--hash', '--global-option', '--config-settings']);

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toDeclared(file: string, line: LogicalLine, interpreted: InterpretedRequirement, hashes: string[]): DeclaredRequirement {
  return {
    file,
    line: line.lineNumber,
    name: interpreted.name,
    rawName: interpreted.rawName,
    extras: interpreted.extras,
    specifiers: interpreted.specifiers,
    alternatives: null,
    marker: interpreted.marker,
    url: interpreted.url,
    editable: interpreted.editable,
    hashes,
    constraint: false,
    source: interpreted.source,
    vcs: interpreted.vcs,
    urlHash: interpreted.urlHash,
    group: null,
    format: 'pip',
    text: line.text,
  };
}

/** One IGNORED_OPTION observation naming every option pip passes over on the line, when there are any. */
function observeIgnoredOptions(parsed: ParsedFile, line: LogicalLine, ignored: string[], reason: string, hint: string, pkg: string | null = null): void {
  if (ignored.length === 0) return;
  const unique = [...new Set(ignored)];
  observe(parsed, 'IGNORED_OPTION', line.lineNumber, `pip ignores ${unique.join(', ')} here: ${reason}`, hint, pkg);
}

/** Options written on a line that pip does not act on there. */
function ignoredOnRequirementLine(options: LineOptions): string[] {
  return options.optionsSeen.filter((option) => !PER_REQUIREMENT_OPTIONS.has(option));
}

function handleRequirementLine(parsed: ParsedFile, line: LogicalLine, argumentsText: string, options: LineOptions): void {
  const interpreted = interpretRequirementText(argumentsText);
  parsed.requirements.push(toDeclared(parsed.file, line, interpreted, options.hashes.length > 0 ? [...options.hashes] : []));
  // Most requirement lines have no options at all.
  if (options.optionsSeen.length === 0) return;
  observeIgnoredOptions(
    parsed,
    line,
    ignoredOnRequirementLine(options),
    'a requirement line only takes --hash, --global-option and --config-settings.',
    'Put file-wide options such as --index-url on a line of their own.',
    interpreted.name,
  );
}

function handleEditableLine(parsed: ParsedFile, line: LogicalLine, options: LineOptions): void {
  const interpreted = interpretEditable(options.editables[0]);
  parsed.requirements.push(toDeclared(parsed.file, line, interpreted, []));
  const ignored = options.optionsSeen.filter((option) => option !== '--editable');
  if (options.editables.length > 1) ignored.push('a second --editable');
  observeIgnoredOptions(
    parsed,
    line,
    ignored,
    'an editable requirement takes no other options.',
    'Write one -e per line, without per-requirement options.',
    interpreted.name,
  );
}

function handleIncludeLine(parsed: ParsedFile, line: LogicalLine, options: LineOptions): void {
  const kind = options.requirements.length > 0 ? 'requirement' : 'constraint';
  const target = kind === 'requirement' ? options.requirements[0] : options.constraints[0];
  parsed.includes.push({ file: parsed.file, line: line.lineNumber, kind, target });
  const others = options.optionsSeen.length - 1;
  if (others > 0) {
    observe(
      parsed,
      'IGNORED_OPTION',
      line.lineNumber,
      `pip reads only ${kind === 'requirement' ? '-r' : '-c'} ${target} from this line and ignores the other ${others} option(s).`,
      'Write one -r or -c per line and other options on their own lines.',
    );
  }
}

function handleOptionLine(parsed: ParsedFile, line: LogicalLine, options: LineOptions): void {
  const { file } = parsed;
  const at = line.lineNumber;
  if (options.indexUrl !== null) parsed.sources.push({ file, line: at, kind: 'index-url', url: options.indexUrl, verifySsl: true });
  for (const url of options.extraIndexUrls) parsed.sources.push({ file, line: at, kind: 'extra-index-url', url, verifySsl: true });
  if (options.findLinks.length > 0) {
    parsed.sources.push({ file, line: at, kind: 'find-links', url: options.findLinks[0], verifySsl: true });
  }
  for (const host of options.trustedHosts) parsed.trustedHosts.push({ file, line: at, host });
  if (options.requireHashes && parsed.requireHashesLine === null) parsed.requireHashesLine = at;
  const ignored: string[] = [];
  if (options.findLinks.length > 1) ignored.push('all but the first --find-links');
  if (options.hashes.length > 0) ignored.push('--hash');
  if (options.globalOptions.length > 0) ignored.push('--global-option');
  if (Object.keys(options.configSettings).length > 0) ignored.push('--config-settings');
  observeIgnoredOptions(parsed, line, ignored, 'this line has no requirement.', 'Put per-requirement options on the requirement line.');
}

function reportIgnoredWords(parsed: ParsedFile, line: LogicalLine, options: LineOptions): void {
  if (options.ignoredArguments.length === 0) return;
  observe(
    parsed,
    'IGNORED_OPTION',
    line.lineNumber,
    `pip ignores ${options.ignoredArguments.map((word) => `'${word}'`).join(', ')} after the options on this line.`,
    'A requirement must come before the options on its line.',
  );
}

function reportUndefinedVariables(parsed: ParsedFile, line: LogicalLine): void {
  if (line.undefinedVariables.length === 0) return;
  for (const name of line.undefinedVariables) {
    observe(
      parsed,
      'ENV_VAR_UNDEFINED',
      line.lineNumber,
      `\${${name}} is not set (or empty) in the scan's environment, so pip would keep it as written.`,
      `Set ${name} where pip runs, or scan with it defined.`,
    );
  }
}

function parseLogicalLine(parsed: ParsedFile, line: LogicalLine): void {
  const { argumentsText, optionsText } = breakArgumentsAndOptions(line.text);
  const options = parseLineOptions(optionsText);
  if (argumentsText) handleRequirementLine(parsed, line, argumentsText, options);
  else if (options.editables.length > 0) handleEditableLine(parsed, line, options);
  else if (options.requirements.length > 0 || options.constraints.length > 0) handleIncludeLine(parsed, line, options);
  else handleOptionLine(parsed, line, options);
  reportIgnoredWords(parsed, line, options);
}

export function parseRequirementsFile(file: string, content: string, options: ParsePipOptions = {}): ParsedFile {
  return withoutStackTraces(() => readRequirementsFile(file, content, options));
}

function readRequirementsFile(file: string, content: string, options: ParsePipOptions): ParsedFile {
  const parsed = emptyParsedFile(file, 'pip');
  const lines = preprocessRequirementsFile(content, options.env ?? {});
  // Indexed: V8 allocates an iterator result per line when for-of walks a body that may throw.
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    reportUndefinedVariables(parsed, line);
    try {
      parseLogicalLine(parsed, line);
    } catch (error) {
      if (!(error instanceof OptionParsingError || error instanceof RequirementLineError)) throw error;
      observe(parsed, 'PARSE_ERROR', line.lineNumber, errorMessage(error), error instanceof RequirementLineError ? error.hint : null);
    }
  }
  return parsed;
}
