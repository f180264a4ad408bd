import { describe, expect, it } from 'vitest';
import { parseVersion } from '../pep440/version';
import { parseSourceDistributionFileName, parseWheelFileName } from './filenames';

describe('distribution file names', () => {
  it('reads wheel names exactly as pip (answers from pip 23.2.1 Wheel)', () => {
    expect(parseWheelFileName('pip-23.2.1-py3-none-any.whl')).toEqual({ name: 'pip', version: '23.2.1' });
    expect(parseWheelFileName('numpy-1.15.0-cp36-cp36m-manylinux1_x86_64.whl')).toEqual({ name: 'numpy', version: '1.15.0' });
    expect(parseWheelFileName('foo_bar-1.0_beta-1-py3-none-any.whl')).toEqual({ name: 'foo-bar', version: '1.0-beta' });
    expect(parseWheelFileName('foo--py3-none-any.whl')).toEqual({ name: 'foo', version: '' });
    expect(parseWheelFileName('a-b-c.whl')).toBeNull();
    expect(parseWheelFileName('foo-1.0-x-py3-none-any.whl')).toBeNull();
  });

  it('names source distributions by the first dash followed by a version', () => {
    const isVersion = (text: string) => parseVersion(text) !== null;
    expect(parseSourceDistributionFileName('django-filter-2.0.0.tar.gz', isVersion)).toEqual({ name: 'django-filter', version: '2.0.0' });
    expect(parseSourceDistributionFileName('simplejson-3.16.0.tar.gz', isVersion)).toEqual({ name: 'simplejson', version: '3.16.0' });
    expect(parseSourceDistributionFileName('archive.zip', isVersion)).toBeNull();
    expect(parseSourceDistributionFileName('x-1.0-py3-none-any.whl', isVersion)).toBeNull();
  });
});
