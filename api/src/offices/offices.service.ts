import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/api-error.js';
import { compress, type Encoding } from '../common/content-encoding.js';
import { FiguresService } from '../figures/figures.service.js';
import type { OfficeList } from './dto/offices.responses.js';
import { officesToArrowIpc } from './office-arrow.js';
import { OfficeListCache, type BuiltList } from './office-list-cache.js';
import { OfficesRepository, type OfficeArea } from './offices.repository.js';

const DEFINITIONS = {
  licence_status: 'ライセンス: 未申請 / 申請済（利用開始前）/ 利用中 / 終了（基準日時点）',
  exchanges_3m: '直近3か月（利用実績の最新3か月）の送受信件数',
  subsidy_status:
    '連携要件付き補助金（最も急ぐ要件）: 期限までに申請済 / 参加を誓約済（期限前、誓約が認められる要件のみ） / 期限前・未申請 / 期限超過・未申請',
  offices_needed: '目標（30%）に届くまでに必要な追加申請の事業所数',
};

/** Office-level outreach lists: which offices of an area have not applied yet, with what the ministry knows of them. */
@Injectable()
export class OfficesService {
  constructor(
    private readonly repository: OfficesRepository,
    private readonly figures: FiguresService,
    private readonly cache: OfficeListCache,
  ) {}

  /**
   * An area's list as sent: JSON or Arrow, compressed as asked. The list changes only when the offices job
   * writes it, so it is built and compressed once per job run, area, format and encoding.
   */
  async encodedList(area: OfficeArea, format: 'json' | 'arrow', encoding: Encoding): Promise<BuiltList> {
    const run = (await this.figures.run('offices')).job_run_id;
    const key = [run, area.prefecture ?? '', area.municipality ?? '', format, encoding].join(':');
    return this.cache.get(key, async () => {
      const list = await this.list(area);
      const body = format === 'arrow' ? officesToArrowIpc(list.data, list.meta) : Buffer.from(JSON.stringify(list));
      return { bytes: await compress(body, encoding), rows: list.data.length };
    });
  }

  async list(area: OfficeArea): Promise<OfficeList> {
    if (area.prefecture && area.municipality && area.municipality.slice(0, 2) !== area.prefecture)
      throw badRequest('municipality はその都道府県の市区町村を指定してください', 'municipality is not in prefecture');
    const resolved = await this.figures.resolve('offices');
    const window = await this.repository.window();
    const [data, municipalities, serviceTypes] = await Promise.all([
      this.repository.rows(area),
      this.repository.needs(area, resolved.as_of),
      this.repository.serviceTypes(),
    ]);
    const meta = this.figures.meta('offices', resolved.as_of, resolved.run);
    return {
      data,
      meta: {
        as_of: meta.as_of,
        source: meta.source,
        demo: meta.demo,
        job_run_id: meta.job_run_id,
        usage_from: window?.usage_from ?? null,
        usage_to: window?.usage_to ?? null,
        area: {
          ...(area.prefecture ? { prefecture: area.prefecture } : {}),
          ...(area.municipality ? { municipality: area.municipality } : {}),
        },
        rows: data.length,
        municipalities,
        service_types: serviceTypes,
        definitions: DEFINITIONS,
      },
    };
  }
}
