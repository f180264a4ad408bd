import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { DateScalar } from '../common/graphql/scalars';
import { EnvironmentEnum, MaintenanceWindowModel, OverrideRolloutInput, RolloutStepModel } from './rollout.models';
import { RolloutService } from './rollout.service';

@Resolver()
export class RolloutResolver {
  constructor(private readonly rollout: RolloutService) {}

  @Query(() => [MaintenanceWindowModel], { description: 'Maintenance windows on the campus days from..to (both included), at most two years.' })
  maintenanceWindows(
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
    @Args('environment', { type: () => EnvironmentEnum, nullable: true }) environment: EnvironmentEnum | null,
  ): MaintenanceWindowModel[] {
    return this.rollout.maintenanceWindows(from, to, environment);
  }

  @Query(() => [RolloutStepModel], { description: 'When a published release reaches TEST, QUAL, BETA and PROD.' })
  rolloutSchedule(@Args('version') version: string): Promise<RolloutStepModel[]> {
    return this.rollout.rolloutSchedule(version);
  }

  @Mutation(() => [RolloutStepModel], { description: 'Moves one environment of a rollout off the calendar (recorded with the reason).' })
  @RequireRoles(Role.ADMIN)
  overrideRollout(@CurrentPrincipal() principal: Principal, @Args('input') input: OverrideRolloutInput): Promise<RolloutStepModel[]> {
    return this.rollout.overrideRollout(principal, input);
  }

  @Mutation(() => [RolloutStepModel], { description: 'Puts one environment of a rollout back on the calendar.' })
  @RequireRoles(Role.ADMIN)
  clearRolloutOverride(
    @CurrentPrincipal() principal: Principal,
    @Args('version') version: string,
    @Args('environment', { type: () => EnvironmentEnum }) environment: EnvironmentEnum,
  ): Promise<RolloutStepModel[]> {
    return this.rollout.clearRolloutOverride(principal, version, environment);
  }
}
