import { Injectable } from '@nestjs/common';
import type { SessionUser } from '../auth/user.js';
import { JobsService } from '../jobs/jobs.service.js';
import { todayInTokyo } from '../core/domain/dates.js';
import { checkValidFrom, settingRule, type KeyDates } from './setting-rules.js';
import { SettingsRepository } from './settings.repository.js';
import type { UpdateSettingBody } from './dto/update-setting.body.js';
import { settingsErrors } from './settings.errors.js';

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
  async change(key: string, body: UpdateSettingBody, user: SessionUser) {
    const rule = settingRule(key);
    if (!rule) throw settingsErrors.notChangeable(key);
    if (!rule.writableBy.includes(user.role)) {
      throw settingsErrors.notWritableBy(key, rule.writableBy);
    }
    const today = todayInTokyo();
    const validFrom = body.valid_from ? checkValidFrom(body.valid_from, today) : today;
    const value = rule.check(body.value.trim(), (await this.repository.valuesOn(validFrom)) as KeyDates);
    await this.repository.change(key, value, validFrom, body.source?.trim() || `changed by ${user.username}`, body.note?.trim() || null);
    const runs = [];
    for (const job of rule.jobs) runs.push(await this.jobs.run(job, 'manual'));
    return { data: { key, value, valid_from: validFrom, jobs: runs } };
  }
}
