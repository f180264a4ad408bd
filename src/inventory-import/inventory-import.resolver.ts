import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { InventoryFormatEnum, InventoryImportResultModel } from './inventory-import.models';
import { InventoryImportService } from './inventory-import.service';
import { BulkTextArguments } from '../common/graphql/text-guard';

@Resolver()
export class InventoryImportResolver {
  constructor(private readonly inventory: InventoryImportService) {}

  @Mutation(() => InventoryImportResultModel, {
    description:
      'Imports groups, applications and deployments from CSV or JSON (see the README). All rows are checked first; any problem imports nothing and lists every row at fault in extensions.errors. Rerunning is harmless.',
  })
  @RequireRoles(Role.ADMIN)
  @BulkTextArguments('content')
  importInventory(
    @CurrentPrincipal() principal: Principal,
    @Args('format', { type: () => InventoryFormatEnum }) format: InventoryFormatEnum,
    @Args('content') content: string,
    @Args('dryRun', { defaultValue: false, description: 'Check and count, write nothing.' }) dryRun: boolean,
  ): Promise<InventoryImportResultModel> {
    return this.inventory.import(principal, { format, content, dryRun });
  }
}
