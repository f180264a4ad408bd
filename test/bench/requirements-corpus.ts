/**
 * A realistic requirements corpus for the benchmark: pinned, ranged, extras, markers,
 * comments and blank lines in the proportions of real application files, with names
 * drawn from popular PyPI projects (numbered so that lines are distinct).
 */

const PROJECTS = [
  'django',
  'requests',
  'numpy',
  'pandas',
  'celery',
  'redis',
  'flask',
  'sqlalchemy',
  'psycopg2-binary',
  'boto3',
  'botocore',
  'urllib3',
  'six',
  'python-dateutil',
  'pytz',
  'pyyaml',
  'jinja2',
  'markupsafe',
  'click',
  'werkzeug',
  'gunicorn',
  'uvicorn',
  'fastapi',
  'pydantic',
  'attrs',
  'certifi',
  'idna',
  'chardet',
  'cryptography',
  'cffi',
  'pycparser',
  'setuptools',
  'wheel',
  'pip',
  'packaging',
  'pyparsing',
  'scipy',
  'scikit-learn',
  'matplotlib',
  'pillow',
  'lxml',
  'beautifulsoup4',
  'html5lib',
  'pytest',
  'pytest-cov',
  'coverage',
  'mock',
  'tox',
  'flake8',
  'black',
  'isort',
  'mypy',
  'typing-extensions',
  'importlib-metadata',
  'zipp',
  'djangorestframework',
  'django-filter',
  'django-environ',
  'django-redis',
  'whitenoise',
  'sentry-sdk',
  'structlog',
  'prometheus-client',
  'kombu',
  'billiard',
  'amqp',
  'vine',
  'msgpack',
  'protobuf',
  'grpcio',
  'google-api-core',
  'google-auth',
  'oauthlib',
  'requests-oauthlib',
  'pyjwt',
  'itsdangerous',
  'marshmallow',
  'alembic',
  'mako',
  'sqlparse',
  'asgiref',
  'tzdata',
  'wrapt',
  'decorator',
  'tqdm',
  'rich',
  'colorama',
  'tabulate',
  'openpyxl',
  'xlrd',
  'pyarrow',
  'dask',
  'toolz',
  'cloudpickle',
  'fsspec',
];

const EXTRAS = ['security', 'socks', 'redis', 'tests', 'dev', 'postgres', 'async', 'crypto'];
const MARKERS = [
  'python_version < "3.8"',
  'python_version >= "3.6"',
  'sys_platform == "linux"',
  'sys_platform != "win32" and python_version >= "3.7"',
  'platform_machine == "x86_64"',
  'python_full_version >= "3.6.2"',
];

/** A deterministic pseudo-random sequence, so every run measures the same lines. */
function* numbers(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield state;
  }
}

function version(random: () => number): string {
  return `${random() % 12}.${random() % 30}.${random() % 20}`;
}

/** `count` requirement lines (plus comments and blanks between them), as one file's text. */
export function buildRequirementLines(count: number): { lines: string[]; requirementLines: string[] } {
  const sequence = numbers(20181122);
  const random = (): number => sequence.next().value as number;
  const lines: string[] = [];
  const requirementLines: string[] = [];
  const seen = new Map<string, number>();
  while (requirementLines.length < count) {
    const kind = random() % 100;
    if (kind < 4) {
      lines.push(`# ${PROJECTS[random() % PROJECTS.length]} and friends`);
      continue;
    }
    if (kind < 6) {
      lines.push('');
      continue;
    }
    // Every name once, as in a real file: the project itself the first time, then plugins of it.
    const project = PROJECTS[random() % PROJECTS.length];
    const uses = (seen.get(project) ?? 0) + 1;
    seen.set(project, uses);
    const name = uses === 1 ? project : `${project}-plugin${uses}`;
    let line: string;
    if (kind < 66) line = `${name}==${version(random)}`;
    else if (kind < 78) line = `${name}>=${random() % 5}.${random() % 10},<${5 + (random() % 5)}`;
    else if (kind < 86) line = `${name}[${EXTRAS[random() % EXTRAS.length]}]==${version(random)} ; ${MARKERS[random() % MARKERS.length]}`;
    else if (kind < 92) line = `${name}~=${random() % 9}.${random() % 20}`;
    else if (kind < 96) line = `${name}==${version(random)}; ${MARKERS[random() % MARKERS.length]}`;
    else line = `${name} (>=${random() % 4}.0, !=${random() % 4}.1.0)`;
    lines.push(line);
    requirementLines.push(line);
  }
  return { lines, requirementLines };
}
