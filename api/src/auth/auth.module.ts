import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { SignInService } from './sign-in.service.js';
import { AuthService } from './auth.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, SignInService, UsersRepository, UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, UsersRepository],
})
export class AuthModule {}
