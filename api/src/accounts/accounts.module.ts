import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';

@Module({
  imports: [ImportsModule, ReferenceModule],
  controllers: [AccountsController],
  providers: [AccountsService],
})
export class AccountsModule {}
