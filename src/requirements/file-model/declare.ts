/**
 * Builds a DeclaredRequirement from a PEP 508 requirement, for the formats that write
 * PEP 508 (pyproject.toml) or are translated to it (Poetry tables, Pipfile entries).
 */
import type { ParsedRequirement, SpecifierClause } from '../types';
import { sourceOfUrl, urlHashFragment, vcsReference } from './link';
import { InvalidRequirementError } from '../pep508/requirement';
import { InvalidMarkerError } from '../pep508/marker';
import type { DeclaredRequirement, FileFormat } from './model';

export interface DeclarationContext {
  file: string;
  line: number;
  format: FileFormat;
  group: string | null;
  /** The dependency as written, for messages. */
  text: string;
  editable?: boolean;
  alternatives?: SpecifierClause[][] | null;
}

export function declareRequirement(parsed: ParsedRequirement, context: DeclarationContext): DeclaredRequirement {
  const url = parsed.url;
  const hash = url === null ? null : urlHashFragment(url);
  return {
    file: context.file,
    line: context.line,
    name: parsed.name,
    rawName: parsed.rawName,
    extras: [...new Set(parsed.extras)].sort(),
    specifiers: parsed.specifiers,
    alternatives: context.alternatives ?? null,
    marker: parsed.marker,
    url,
    editable: context.editable ?? false,
    hashes: [],
    constraint: false,
    source: url === null ? 'index' : sourceOfUrl(url),
    vcs: url === null ? null : vcsReference(url),
    urlHash: hash && `${hash.algorithm}:${hash.digest}`,
    group: context.group,
    format: context.format,
    text: context.text,
  };
}

/**
 * One line for a parser error: packaging's messages end with the source and a `~~~^`
 * pointer, which findings replace with the column.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof InvalidRequirementError) return error.column === null ? error.reason : `${error.reason} (column ${error.column})`;
  if (error instanceof InvalidMarkerError && error.position !== null) return `${firstLine(error.message)} (column ${error.position + 1})`;
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}
