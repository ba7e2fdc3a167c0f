import { Injectable } from '@nestjs/common';
import { parseIsoDate, wrap } from '../core/http/params.js';
import { parseMunicipalityCode, parsePrefectureCode } from '../core/domain/municipality-code.js';
import { todayInTokyo } from '../core/domain/dates.js';
import { mayWriteEvent, type EventArea } from '../core/domain/policy-events.js';
import type { SessionUser } from '../auth/user.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import type { CreateEventBody } from './dto/event.body.js';
import type { EventScope, PolicyEvent } from './dto/events.responses.js';
import { EventsRepository, type PolicyEventRow } from './events.repository.js';
import { eventsErrors } from './events.errors.js';

const scopeOf = (area: EventArea): EventScope => (area.municipality ? 'municipality' : area.prefecture ? 'prefecture' : 'national');

const parseCode = (parse: (v: string) => string, value: string) => wrap(() => parse(value));

@Injectable()
export class EventsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  /** The events the charts of an area show: the nation's, the prefecture's, the municipality's, and the 適合基準日. */
  async list(user: SessionUser, area: { prefecture?: string; municipality?: string }): Promise<PolicyEvent[]> {
    const municipality = area.municipality ?? null;
    const prefecture = municipality?.slice(0, 2) ?? area.prefecture ?? null;
    const rows = await this.repository.inArea(prefecture, municipality);
    const conformance = (await this.settings.valuesOn(todayInTokyo())).conformance_date;
    const recorded = rows.map((row) => this.present(row, user));
    return conformance ? [...recorded, conformanceEvent(conformance)].sort(byDate) : recorded;
  }

  async create(user: SessionUser, body: CreateEventBody): Promise<PolicyEvent> {
    const area = await this.areaOf(user, body);
    if (!mayWriteEvent(user, area)) throw eventsErrors.notOwnArea();
    const row = await this.repository.create({
      occurred_on: parseIsoDate(body.occurred_on, 'occurred_on'),
      title: body.title.trim(),
      kind: body.kind,
      source: body.source?.trim() || null,
      source_url: body.source_url ?? null,
      prefecture_code: area.prefecture,
      municipality_code: area.municipality,
      created_by: user.username,
    });
    return this.present(row, user);
  }

  /** Deletes an event of the caller's own scope; another scope's answers the same 404 as one that does not exist. */
  async delete(user: SessionUser, id: number): Promise<PolicyEventRow> {
    const row = await this.repository.find(id);
    if (!row || !mayWriteEvent(user, { prefecture: row.prefecture_code, municipality: row.municipality_code }))
      throw eventsErrors.noEventToDelete(id);
    await this.repository.delete(id);
    return row;
  }

  /** The area a new event is for: as given, else the caller's own (national for national staff). */
  private async areaOf(user: SessionUser, body: CreateEventBody): Promise<EventArea> {
    if (body.municipality_code !== undefined) {
      const municipality = parseCode(parseMunicipalityCode, body.municipality_code);
      if (body.prefecture_code !== undefined && parseCode(parsePrefectureCode, body.prefecture_code) !== municipality.slice(0, 2))
        throw eventsErrors.areaMismatch();
      if (!(await this.repository.municipalityExists(municipality))) throw eventsErrors.unknownMunicipality(municipality);
      return { prefecture: municipality.slice(0, 2), municipality };
    }
    if (body.prefecture_code !== undefined) return { prefecture: parseCode(parsePrefectureCode, body.prefecture_code), municipality: null };
    if (user.role === 'municipality')
      return { prefecture: user.municipalityCode?.slice(0, 2) ?? null, municipality: user.municipalityCode };
    if (user.role === 'prefecture') return { prefecture: user.prefectureCode, municipality: null };
    return { prefecture: null, municipality: null };
  }

  private present(row: PolicyEventRow, user: SessionUser): PolicyEvent {
    const area = { prefecture: row.prefecture_code, municipality: row.municipality_code };
    return { ...row, scope: scopeOf(area), deletable: mayWriteEvent(user, area) };
  }
}

const byDate = (a: PolicyEvent, b: PolicyEvent) => a.occurred_on.localeCompare(b.occurred_on);

/** The 適合基準日 as set: an event of every chart, changed on the settings, not here. */
const conformanceEvent = (date: string): PolicyEvent => ({
  id: null,
  occurred_on: date,
  title: '適合基準日',
  kind: 'policy',
  source: '設定（適合基準日）',
  source_url: null,
  scope: 'national',
  prefecture_code: null,
  municipality_code: null,
  created_by: 'settings',
  deletable: false,
});
