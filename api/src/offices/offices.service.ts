import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { RUN_MODE, type RunMode } from '../core/config/config.module.js';
import { JobsService } from '../jobs/jobs.service.js';
import { compress, type Encoding } from '../core/http/content-encoding.js';
import { FiguresService } from '../figures/figures.service.js';
import type { OfficeList } from './dto/offices.responses.js';
import { officesToArrowIpc } from './office-arrow.js';
import { OfficeListCache, type BuiltList } from './office-list-cache.js';
import { OfficesRepository, type OfficeArea } from './offices.repository.js';
import { officesErrors } from './offices.errors.js';

const DEFINITIONS = {
  licence_status: 'ライセンス: 未申請 / 申請済（利用開始前）/ 利用中 / 終了（基準日時点）',
  exchanges_3m: '直近3か月（利用実績の最新3か月）の送受信件数',
  subsidy_status:
    '連携要件付き補助金（最も急ぐ要件）: 期限までに申請済 / 参加を誓約済（期限前、誓約が認められる要件のみ） / 期限前・要件未達 / 期限超過・要件未達（未申請、または利用実績の報告が要件のとき送受信の実績なし）',
  offices_needed: '目標（30%）に届くまでに必要な追加申請の事業所数',
};

/** Office-level outreach lists: which offices of an area have not applied yet, with what the ministry knows of them. */
@Injectable()
export class OfficesService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(OfficesService.name);
  /** The lists being built for the latest run (awaited by whoever needs them built). */
  prebuilding: Promise<number> = Promise.resolve(0);
  private stopping = false;

  constructor(
    private readonly repository: OfficesRepository,
    private readonly figures: FiguresService,
    private readonly cache: OfficeListCache,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_MODE) private readonly mode: RunMode,
  ) {}

  /** A server builds the big lists as soon as the offices job wrote them, after the run (not in the job queue). */
  onModuleInit(): void {
    if (this.mode !== 'server' || !this.config.officeListsPrebuild) return;
    this.jobs.onRunFinished(async (run) => {
      if (run.name !== 'offices' || run.status !== 'succeeded') return;
      this.prebuilding = this.prebuilding
        .then(() => this.prebuild())
        .catch((error: Error) => {
          this.logger.error(`office lists not built after run ${run.runId}: ${error.message}`);
          return 0;
        });
    });
  }

  /** A stopping server finishes the list it is building, starts no other, and closes its connections after. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.prebuilding;
  }

  /**
   * The lists people open first — the nation's and each prefecture's, as the dashboard asks for them (Arrow,
   * brotli) — built for the current run; a municipality's is small and built on its first request.
   */
  async prebuild(): Promise<number> {
    const areas: OfficeArea[] = [{}, ...(await this.repository.prefectureCodes()).map((prefecture) => ({ prefecture }))];
    let built = 0;
    for (const area of areas) {
      if (this.stopping) break;
      await this.encodedList(area, 'arrow', 'br');
      built++;
    }
    return built;
  }

  /** Whether an area's list for the current run is built (or being built). */
  async isBuilt(area: OfficeArea, format: 'json' | 'arrow', encoding: Encoding): Promise<boolean> {
    return this.cache.has(await this.cacheKey(area, format, encoding));
  }

  private async cacheKey(area: OfficeArea, format: 'json' | 'arrow', encoding: Encoding): Promise<string> {
    const run = (await this.figures.run('offices')).job_run_id;
    return [run, area.prefecture ?? '', area.municipality ?? '', format, encoding].join(':');
  }

  /**
   * An area's list as sent: JSON or Arrow, compressed as asked. The list changes only when the offices job
   * writes it, so it is built and compressed once per job run, area, format and encoding.
   */
  async encodedList(area: OfficeArea, format: 'json' | 'arrow', encoding: Encoding): Promise<BuiltList> {
    return this.cache.get(await this.cacheKey(area, format, encoding), async () => {
      const list = await this.list(area);
      const body = format === 'arrow' ? officesToArrowIpc(list.data, list.meta) : Buffer.from(JSON.stringify(list));
      return { bytes: await compress(body, encoding), rows: list.data.length };
    });
  }

  async list(area: OfficeArea): Promise<OfficeList> {
    if (area.prefecture && area.municipality && area.municipality.slice(0, 2) !== area.prefecture)
      throw officesErrors.municipalityNotInPrefecture();
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
