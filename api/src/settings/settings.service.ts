import { Injectable } from '@nestjs/common';
import { notFound } from '../common/api-error.js';
import { parseIsoDate } from '../common/params.js';
import { JobsService } from '../jobs/jobs.service.js';
import { todayInTokyo } from '../../../jobs/job-runner.js';
import { SETTING_RULES } from './setting-rules.js';
import { SettingsRepository } from './settings.repository.js';
import type { UpdateSettingBody } from './dto/update-setting.body.js';

@Injectable()
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly jobs: JobsService,
  ) {}

  async list() {
    return { data: await this.repository.list() };
  }

  /** Records a new value from a date and reruns the jobs that read it, so the figures follow at once. */
  async change(key: string, body: UpdateSettingBody, changedBy: string) {
    const rule = SETTING_RULES[key];
    if (!rule) throw notFound(`設定 ${key} は変更できません`, `setting ${key} cannot be changed`);
    const value = rule.check(body.value.trim());
    const validFrom = body.valid_from ? parseIsoDate(body.valid_from, 'valid_from') : todayInTokyo();
    await this.repository.change(key, value, validFrom, body.source ?? `changed by ${changedBy}`, body.note ?? null);
    const runs = [];
    for (const job of rule.jobs) runs.push(await this.jobs.run(job, 'manual'));
    return { data: { key, value, valid_from: validFrom, jobs: runs } };
  }
}
