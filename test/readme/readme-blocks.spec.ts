import { describe, expect, it } from 'vitest';
import { isRunnable, readmeBlocks } from './readme-blocks';

describe('readmeBlocks', () => {
  it('finds fenced blocks with their line, language and the markers right above them', () => {
    const text = [
      '# Title', // 1
      '```sh', // 2
      'echo one', // 3
      '```', // 4
      '<!-- readme-test: skip (needs a mail server) -->', // 5
      '```graphql', // 6
      '{ a }', // 7
      '```', // 8
      '<!-- readme-test: variables {"x": 1} -->', // 9
      '<!-- readme-test: as ada@example.edu -->', // 10
      '```graphql', // 11
      'query($x: Int) { b(x: $x) }', // 12
      '```', // 13
      '<!-- readme-test: file inventory.csv -->', // 14
      '```csv', // 15
      'a,b', // 16
      '```', // 17
      '```', // 18
      'plain output', // 19
      '```', // 20
    ].join('\n');
    const blocks = readmeBlocks(text);
    expect(blocks.map((block) => [block.line, block.language, block.body, isRunnable(block)])).toEqual([
      [2, 'sh', 'echo one', true],
      [6, 'graphql', '{ a }', false],
      [11, 'graphql', 'query($x: Int) { b(x: $x) }', true],
      [15, 'csv', 'a,b', false],
      [18, '', 'plain output', false],
    ]);
    expect(blocks[1].markers.skip).toBe('needs a mail server');
    expect(blocks[2].markers).toMatchObject({ variables: { x: 1 }, as: 'ada@example.edu', expectError: null });
    expect(blocks[3].markers.file).toBe('inventory.csv');
  });

  it('refuses unknown markers, skips without a reason, and markers far from a fence, naming the line', () => {
    expect(() => readmeBlocks('<!-- readme-test: skp (x) -->\n```sh\n```')).toThrow('README.md:1: unknown readme-test marker "skp"');
    expect(() => readmeBlocks('<!-- readme-test: skip -->\n```sh\n```')).toThrow('README.md:1: readme-test: skip needs a reason');
    expect(() => readmeBlocks('<!-- readme-test: skip (x) -->\n\ntext\n```sh\n```')).toThrow('README.md:1: a readme-test marker must stand right above');
    expect(() => readmeBlocks('<!-- readme-test: file ../etc/passwd -->\n```sh\n```')).toThrow('needs a relative path');
    expect(() => readmeBlocks('<!-- readme-test: expect-error (shows the error) -->\n```sh\n```')[0].markers.expectError).not.toThrow();
  });
});
