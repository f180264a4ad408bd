import { Module } from '@nestjs/common';
import { LifecycleSweepSteps } from './lifecycle-sweep-steps';

/** Deprecation notices: the lifecycle sweep, in-app notices, preferences and pauses. */
@Module({
  providers: [LifecycleSweepSteps],
  exports: [LifecycleSweepSteps],
})
export class NoticesModule {}
