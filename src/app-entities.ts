import { ADVISORIES_ENTITIES } from './advisories/advisories.module';
import { APPLICATIONS_ENTITIES } from './applications/applications.module';
import { AUDIT_ENTITIES } from './audit/audit.module';
import { AUTH_ENTITIES } from './auth/auth.module';
import { DEPLOYMENTS_ENTITIES } from './deployments/deployments.module';
import { GROUPS_ENTITIES } from './groups/groups.module';
import { MIGRATION_TRACKING_ENTITIES } from './migration-tracking/migration-tracking.module';
import { NOTICES_ENTITIES } from './notices/notices.module';
import { RELEASES_ENTITIES } from './releases/releases.module';
import { SNAPSHOTS_ENTITIES } from './snapshots/snapshots.module';
import { DELIVERIES_ENTITIES } from './deliveries/deliveries.module';
import { PAGES_ENTITIES } from './pages/pages.module';
import { FEEDS_ENTITIES } from './feeds/feeds.module';

/**
 * Every entity, for the DataSources built outside Nest: the TypeORM CLI (ormconfig.ts), the
 * operator CLI, the test and bench database setup and the migration drift check. The app itself
 * collects the same lists from each module's `TypeOrmModule.forFeature` (`autoLoadEntities`);
 * test/platform/entities.e2e-spec.ts checks that both agree. Assembled here, above the features,
 * so `common/` never imports feature code; listed explicitly because globs break between ts
 * (tests, CLI) and js (dist).
 */
export const APP_ENTITIES = [
  ...AUTH_ENTITIES,
  ...RELEASES_ENTITIES,
  ...ADVISORIES_ENTITIES,
  ...GROUPS_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...DEPLOYMENTS_ENTITIES,
  ...SNAPSHOTS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...MIGRATION_TRACKING_ENTITIES,
  ...DELIVERIES_ENTITIES,
  ...NOTICES_ENTITIES,
  ...PAGES_ENTITIES,
  ...FEEDS_ENTITIES,
];
