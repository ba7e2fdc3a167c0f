import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SummaryCache } from './summary-cache.js';

@Global()
@Module({ providers: [SummaryCache, { provide: APP_INTERCEPTOR, useExisting: SummaryCache }], exports: [SummaryCache] })
export class SummaryCacheModule {}
