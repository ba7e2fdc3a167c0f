import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';
import { Lifecycle } from './lifecycle.js';

@Module({ controllers: [HealthController], providers: [HealthRepository, Lifecycle], exports: [Lifecycle] })
export class HealthModule {}
