/**
 * The PyPE runtime catalog as the 2018 service page describes it. The page gives versions,
 * tracks, windows (to the month) and the 27.11.0 → 36.11.0 migration; the rest is chosen here
 * and listed in the README: days (first of the month for availability, last day of the month
 * for end of support), Python patch levels, the remaining migration targets and the bundled
 * packages (what each shipped at general availability, Django first).
 */
import type { Track } from '../release.entity';

export interface SeedRelease {
  version: string;
  pythonVersion: string;
  track: Track;
  generalAvailability: string;
  endOfSupport: string;
  migrationTarget: string | null;
  notes: string;
  packages: Record<string, string>;
}

export const PYPE_SEED_CATALOG: readonly SeedRelease[] = [
  {
    version: '27.11.0',
    pythonVersion: '2.7.13',
    track: 'LTS',
    generalAvailability: '2017-04-01',
    // Python 2.7 itself reached end of life on 2020-01-01: the platform could not support it longer.
    endOfSupport: '2019-12-31',
    migrationTarget: '36.11.0',
    notes: 'Last Python 2 runtime. Migrate to 36.11.0 (Python 3.6).',
    packages: {
      django: '1.11',
      pip: '9.0.1',
      setuptools: '34.3.3',
      wheel: '0.29.0',
      pytz: '2017.2',
      requests: '2.13.0',
      mysqlclient: '1.3.10',
      'cx-oracle': '5.3',
      gunicorn: '19.7.1',
      six: '1.10.0',
      'python-ldap': '2.4.32',
    },
  },
  {
    version: '36.11.0',
    pythonVersion: '3.6.1',
    track: 'LTS',
    generalAvailability: '2017-04-01',
    endOfSupport: '2020-03-31',
    migrationTarget: '37.22.0',
    notes: 'Long Term Support, recommended for new development using Python 3. Migration target from 27.11.0.',
    packages: {
      django: '1.11',
      pip: '9.0.1',
      setuptools: '34.3.3',
      wheel: '0.29.0',
      pytz: '2017.2',
      requests: '2.13.0',
      mysqlclient: '1.3.10',
      'cx-oracle': '5.3',
      gunicorn: '19.7.1',
      six: '1.10.0',
      pyldap: '2.4.28',
    },
  },
  {
    version: '36.20.0',
    pythonVersion: '3.6.3',
    track: 'STABLE',
    generalAvailability: '2017-12-01',
    endOfSupport: '2019-03-31',
    migrationTarget: '37.21.0',
    notes: 'Latest stable version; note the limited support period.',
    packages: {
      django: '2.0',
      pip: '9.0.1',
      setuptools: '38.2.4',
      wheel: '0.30.0',
      pytz: '2017.3',
      requests: '2.18.4',
      mysqlclient: '1.3.12',
      'cx-oracle': '6.1',
      gunicorn: '19.7.1',
      'python-ldap': '3.0.0b2',
    },
  },
  {
    version: '37.21.0',
    pythonVersion: '3.7.0',
    track: 'STABLE',
    generalAvailability: '2018-09-01',
    endOfSupport: '2019-11-30',
    migrationTarget: '37.22.0',
    notes: 'Stable release on Python 3.7.',
    packages: {
      django: '2.1.1',
      pip: '18.0',
      setuptools: '40.2.0',
      wheel: '0.31.1',
      pytz: '2018.5',
      requests: '2.19.1',
      mysqlclient: '1.3.13',
      'cx-oracle': '7.0.0',
      gunicorn: '19.9.0',
      'python-ldap': '3.1.0',
    },
  },
  {
    version: '37.22.0',
    pythonVersion: '3.7.3',
    track: 'LTS',
    generalAvailability: '2019-04-01',
    endOfSupport: '2022-03-31',
    migrationTarget: null,
    notes: 'Long Term Support, recommended for all development once available.',
    packages: {
      django: '2.2',
      pip: '19.0.3',
      setuptools: '41.0.0',
      wheel: '0.33.1',
      pytz: '2018.9',
      requests: '2.21.0',
      mysqlclient: '1.4.2',
      'cx-oracle': '7.1.2',
      gunicorn: '19.9.0',
      'python-ldap': '3.2.0',
      sqlparse: '0.3.0',
    },
  },
];
