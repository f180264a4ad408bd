import { describe, expect, it } from 'vitest';
import { locateTomlKeys } from './toml-locations';

const DOCUMENT = `# comment with [brackets] and = signs
[project]
name = "x"
dependencies = [
  "a>=1",   # first
  'b; python_version < "3"',
  """c""",
]
"quoted.key" = 1
dotted.inner = { x = 1, y = [1, 2] }

[tool.poetry.dependencies]
python = "^3.8"
requests = { version = "^2.0",
  markers = "x" }
numpy = [
  { version = "<2", python = "<3.9" },
  { version = ">=2", python = ">=3.9" },
]
multi = '''
a = "not a key"
'''
after = 1

[[tool.poetry.source]]
name = "first"
url = "https://a"

[[tool.poetry.source]]
url = "https://b"

[tool.poetry.group.dev.dependencies]
pytest = "*"
`;

describe('locateTomlKeys', () => {
  const locations = locateTomlKeys(DOCUMENT);

  it('finds keys, array elements and table headers', () => {
    expect(locations.exactLineOf(['project'])).toBe(2);
    expect(locations.exactLineOf(['project', 'dependencies'])).toBe(4);
    expect(locations.exactLineOf(['project', 'dependencies', 0])).toBe(5);
    expect(locations.exactLineOf(['project', 'dependencies', 1])).toBe(6);
    expect(locations.exactLineOf(['project', 'dependencies', 2])).toBe(7);
    expect(locations.exactLineOf(['project', 'quoted.key'])).toBe(9);
    expect(locations.exactLineOf(['project', 'dotted', 'inner', 'y', 1])).toBe(10);
  });

  it('follows inline tables over several lines and arrays of tables', () => {
    expect(locations.exactLineOf(['tool', 'poetry', 'dependencies', 'requests'])).toBe(14);
    expect(locations.exactLineOf(['tool', 'poetry', 'dependencies', 'requests', 'markers'])).toBe(15);
    expect(locations.exactLineOf(['tool', 'poetry', 'dependencies', 'numpy', 1])).toBe(18);
    expect(locations.exactLineOf(['tool', 'poetry', 'source', 0, 'url'])).toBe(27);
    expect(locations.exactLineOf(['tool', 'poetry', 'source', 1, 'url'])).toBe(30);
    expect(locations.exactLineOf(['tool', 'poetry', 'group', 'dev', 'dependencies', 'pytest'])).toBe(33);
  });

  it('does not mistake the inside of multi-line strings for keys', () => {
    expect(locations.exactLineOf(['tool', 'poetry', 'dependencies', 'a'])).toBeNull();
    expect(locations.exactLineOf(['tool', 'poetry', 'dependencies', 'after'])).toBe(23);
  });

  it('falls back to the nearest ancestor', () => {
    expect(locations.lineOf(['tool', 'poetry', 'dependencies', 'requests', 'extras'])).toBe(14);
  });

  it('stays linear and off the call stack on deep nesting', () => {
    const deep = 'a = ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\nb = 1\n';
    const deepLocations = locateTomlKeys(deep);
    expect(deepLocations.exactLineOf(['b'])).toBe(2);
  });
});
