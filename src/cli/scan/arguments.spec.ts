import { describe, expect, it } from 'vitest';
import { parseScanArguments, UsageError } from './arguments';

describe('parseScanArguments', () => {
  it('takes files positionally and with -r/--requirement (repeatable, spaced, glued or with =), in order', () => {
    expect(parseScanArguments(['a.txt', '-r', 'b.txt', '-rc.txt', '--requirement', 'd.txt', '--requirement=e.txt', '-']).files).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
      'd.txt',
      'e.txt',
      '-',
    ]);
  });

  it('knows -o as --output, every format and --version', () => {
    const parsed = parseScanArguments(['r.txt', '-o', 'out.md', '--format', 'markdown']);
    expect(parsed).toMatchObject({ output: 'out.md', format: 'markdown' });
    for (const format of ['text', 'json', 'sarif', 'markdown', 'cyclonedx']) expect(parseScanArguments(['r.txt', `--format=${format}`]).format).toBe(format);
    expect(parseScanArguments(['--version']).version).toBe(true);
  });

  it('takes words after -- as files, even when they look like options', () => {
    expect(parseScanArguments(['--', '--weird.txt', '-r']).files).toEqual(['--weird.txt', '-r']);
  });

  it.each([
    [[], /no files given/],
    [['-', '-'], /standard input \(-\) can be read only once/],
    [['r.txt', '--format', 'xml'], /--format must be one of text, json, sarif, markdown, cyclonedx, not "xml"/],
    [['r.txt', '-r'], /-r needs a value/],
    [['r.txt', '-x'], /unknown option -x/],
    [['r.txt', '--runtime', ' '], /--runtime needs a release version/],
    [['r.txt', '--output='], /--output needs a file name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseScanArguments(argv)).toThrow(UsageError);
    expect(() => parseScanArguments(argv)).toThrow(message);
  });
});
