import { AdvisoryEntity, AdvisoryRevisionEntity } from '../../advisories/advisory.entity';
import {
  ApplicationEntity,
  CurrentDeploymentEntity,
  DeploymentEntity,
  RequirementBlobEntity,
  RequirementSnapshotEntity,
  SnapshotScanEntity,
} from '../../applications/application.entity';
import { ApiTokenEntity } from '../../auth/api-token.entity';
import { GroupEntity, GroupMemberEntity, ManagerDepartmentEntity } from '../../groups/group.entity';
import { UserEntity } from '../../auth/user.entity';
import { InventoryAuditEventEntity } from '../../inventory-audit/inventory-audit-event.entity';
import { CatalogRevisionEntity } from '../../releases/catalog-revision.entity';
import { ReleaseAuditEventEntity } from '../../releases/release-audit-event.entity';
import { ReleasePackageEntity } from '../../releases/release-package.entity';
import { ReleaseEntity } from '../../releases/release.entity';
import { RolloutOverrideEntity } from '../../releases/rollout-override.entity';

/** Every entity, listed explicitly: globs break between ts (tests, CLI) and js (dist). */
export const ENTITIES = [
  UserEntity,
  ApiTokenEntity,
  ReleaseEntity,
  ReleasePackageEntity,
  ReleaseAuditEventEntity,
  RolloutOverrideEntity,
  CatalogRevisionEntity,
  AdvisoryEntity,
  AdvisoryRevisionEntity,
  GroupEntity,
  GroupMemberEntity,
  ManagerDepartmentEntity,
  ApplicationEntity,
  DeploymentEntity,
  CurrentDeploymentEntity,
  RequirementBlobEntity,
  RequirementSnapshotEntity,
  SnapshotScanEntity,
  InventoryAuditEventEntity,
];
