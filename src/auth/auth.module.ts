import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokensRepository } from './api-tokens.repository';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const AUTH_ENTITIES = [UserEntity, ApiTokenEntity];

@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES)],
  providers: [UsersRepository, ApiTokensRepository, AuthService, UsersService, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, UsersRepository],
})
export class AuthModule {}
