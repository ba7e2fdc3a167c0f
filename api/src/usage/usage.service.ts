import type { AsOfQuery } from '../figures/dto/as-of.query.js';
import { Injectable } from '@nestjs/common';
import { FiguresService } from '../figures/figures.service.js';
import { UsageRepository } from './usage.repository.js';

const DEFINITIONS = {
  licensed_offices: '月末にライセンスが有効な対象事業所',
  active_offices: 'うち当月に1件以上送受信した事業所',
  exchanges_per_active: '送受信件数 / 利用事業所数',
  active_share: '利用事業所数 / ライセンス有効事業所数',
};

/** Active use of the care-plan data linkage from the monthly exchange logs. */
@Injectable()
export class UsageService {
  constructor(
    private readonly repository: UsageRepository,
    private readonly figures: FiguresService,
  ) {}

  async usage(asOf: AsOfQuery, prefecture?: string) {
    const resolved = await this.figures.resolve('usage', asOf);
    return {
      data: await this.repository.figures(resolved.as_of, prefecture),
      meta: this.figures.meta('usage', resolved.as_of, resolved.run, { definitions: DEFINITIONS }),
    };
  }
}
