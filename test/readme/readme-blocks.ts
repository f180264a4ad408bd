/**
 * The README's fenced examples and the markers that tell the README test what to do with them.
 * Pure: text in, blocks out. The convention (also in TEAM.md and README.md, "Development"):
 *
 *   <!-- readme-test: skip (why it cannot run here) -->   the next block is not run
 *   <!-- readme-test: expect-error (why) -->              the next block must fail (GraphQL errors,
 *                                                         or a non-zero exit for shell)
 *   <!-- readme-test: variables {"name": "value"} -->     GraphQL variables for the next block
 *   <!-- readme-test: file PATH -->                       the next block (any language) is written to
 *                                                         PATH in the examples' working directory
 *   <!-- readme-test: config VARIABLE -->                 the next block is written to a file and the
 *                                                         test service starts with VARIABLE naming it
 *   <!-- readme-test: as EMAIL -->                        the next block runs with an API token of this
 *                                                         user (created by an earlier example) instead
 *                                                         of the bootstrap admin's
 *
 * Markers stand on the lines right above the fence (several may stack). Blocks fenced as
 * graphql, sh or bash run in README order; other blocks only matter with `file` or `config`.
 */

export const RUNNABLE_LANGUAGES = ['graphql', 'sh', 'bash'] as const;

export interface ReadmeMarkers {
  skip: string | null;
  expectError: string | null;
  variables: Record<string, unknown> | null;
  file: string | null;
  config: string | null;
  as: string | null;
}

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  body: string;
  markers: ReadmeMarkers;
}

export class ReadmeMarkerError extends Error {}

const MARKER = /^<!--\s*readme-test:\s*([a-z-]+)\s*(.*?)\s*-->$/;
const FENCE = /^(```+|~~~+)\s*([A-Za-z0-9_+-]*)/;

function noMarkers(): ReadmeMarkers {
  return { skip: null, expectError: null, variables: null, file: null, config: null, as: null };
}

/** `(reason)` or a bare reason; a reason is required so that a skipped example says why. */
function reasonOf(directive: string, argument: string, line: number): string {
  const reason = argument.replace(/^\((.*)\)$/, '$1').trim();
  if (reason === '') throw new ReadmeMarkerError(`README.md:${line}: readme-test: ${directive} needs a reason, e.g. "${directive} (needs a mail server)"`);
  return reason;
}

function applyMarker(markers: ReadmeMarkers, directive: string, argument: string, line: number): void {
  switch (directive) {
    case 'skip':
      markers.skip = reasonOf(directive, argument, line);
      return;
    case 'expect-error':
      markers.expectError = reasonOf(directive, argument, line);
      return;
    case 'variables':
      try {
        markers.variables = JSON.parse(argument) as Record<string, unknown>;
      } catch (error) {
        throw new ReadmeMarkerError(`README.md:${line}: readme-test: variables must be followed by a JSON object: ${(error as Error).message}`);
      }
      return;
    case 'file':
    case 'config':
      if (!/^[A-Za-z0-9_./-]+$/.test(argument) || argument.includes('..') || argument.startsWith('/')) {
        throw new ReadmeMarkerError(
          `README.md:${line}: readme-test: ${directive} needs a ${directive === 'file' ? 'relative path' : 'variable name'}, got "${argument}"`,
        );
      }
      markers[directive] = argument;
      return;
    case 'as':
      if (!/^[^\s@]+@[^\s@]+$/.test(argument))
        throw new ReadmeMarkerError(`README.md:${line}: readme-test: as needs a user's e-mail address, got "${argument}"`);
      markers.as = argument;
      return;
    default:
      throw new ReadmeMarkerError(`README.md:${line}: unknown readme-test marker "${directive}" (skip, expect-error, variables, file, config, as)`);
  }
}

/** Every fenced block with the markers right above it. A marker not followed by a fence is an error. */
export function readmeBlocks(text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  let pending: { markers: ReadmeMarkers; line: number } | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const trimmed = lines[index].trim();
    const marker = MARKER.exec(trimmed);
    if (marker) {
      pending ??= { markers: noMarkers(), line: index + 1 };
      applyMarker(pending.markers, marker[1], marker[2], index + 1);
      continue;
    }
    const fence = FENCE.exec(trimmed);
    if (!fence) {
      if (pending) throw new ReadmeMarkerError(`README.md:${pending.line}: a readme-test marker must stand right above a fenced block`);
      continue;
    }
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && !lines[index].trim().startsWith(fence[1]); index += 1) body.push(lines[index]);
    blocks.push({ line: start + 1, language: fence[2].toLowerCase(), body: body.join('\n'), markers: pending?.markers ?? noMarkers() });
    pending = null;
  }
  return blocks;
}

export function isRunnable(block: ReadmeBlock): boolean {
  return (
    (RUNNABLE_LANGUAGES as readonly string[]).includes(block.language) &&
    block.markers.skip === null &&
    block.markers.file === null &&
    block.markers.config === null
  );
}
