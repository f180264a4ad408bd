import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensRepository } from './api-tokens.repository';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  providers: [UsersRepository, ApiTokensRepository, AuthService, UsersService, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, UsersRepository],
})
export class AuthModule {}
