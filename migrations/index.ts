import type { MigrationInterface } from 'typeorm';
import { Initial1795314524495 } from './1795314524495-Initial';
import { Advisories1795316287807 } from './1795316287807-Advisories';
import { Applications1795317118141 } from './1795317118141-Applications';
import { InventoryAudit1795327263626 } from './1795327263626-InventoryAudit';
import { ApplicationsActiveGroupIndex1795330000000 } from './1795330000000-ApplicationsActiveGroupIndex';
import { ManagersAllDepartments1795331000000 } from './1795331000000-ManagersAllDepartments';
import { PageSessions1796580632633 } from './1796580632633-PageSessions';
import { MigrationTracking1796580701052 } from './1796580701052-MigrationTracking';
import { Deliveries1796580734311 } from './1796580734311-Deliveries';
import { Notices1796580741361 } from './1796580741361-Notices';
import { AdvisoryAliasesIndex1796581438698 } from './1796581438698-AdvisoryAliasesIndex';
import { AccessChangeNotifications1796581805682 } from './1796581805682-AccessChangeNotifications';
import { FeedTokens1796582855156 } from './1796582855156-FeedTokens';
import { SnapshotScanSuppressed1796588376681 } from './1796588376681-SnapshotScanSuppressed';
import { DataChangeNotifications1796590000000 } from './1796590000000-DataChangeNotifications';
import { WebhookSecretSealed1796591000000 } from './1796591000000-WebhookSecretSealed';

/** Every migration in order. Listed explicitly so ts (tests, CLI) and js (dist) load the same set. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795314524495,
  Advisories1795316287807,
  Applications1795317118141,
  InventoryAudit1795327263626,
  ApplicationsActiveGroupIndex1795330000000,
  ManagersAllDepartments1795331000000,
  PageSessions1796580632633,
  MigrationTracking1796580701052,
  Deliveries1796580734311,
  Notices1796580741361,
  AdvisoryAliasesIndex1796581438698,
  AccessChangeNotifications1796581805682,
  FeedTokens1796582855156,
  SnapshotScanSuppressed1796588376681,
  DataChangeNotifications1796590000000,
  WebhookSecretSealed1796591000000,
];
