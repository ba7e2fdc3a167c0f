import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import { startTestApp, testAgent, TEST_PASSWORD, type Agent, type TestApp } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';
import { UsersService } from '../../api/src/auth/users.service.js';
import { JobsService } from '../../api/src/jobs/jobs.service.js';
import { DigestsService } from '../../api/src/notifications/digests.service.js';
import { MailOutbox } from '../../api/src/notifications/mail-outbox.service.js';
import { formatRate } from '../../api/src/core/domain/rates.js';
import { dateJa } from '../../api/src/core/domain/dates.js';

/** A real SMTP server in the test process: what it accepts, parsed as a mail client would. */
class Mailbox {
  readonly received: ParsedMail[] = [];
  private server?: SMTPServer;

  start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail) => {
          this.received.push(mail);
          callback();
        }, callback);
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address));
  }
}

const subscribe = (agent: Agent, settings: Record<string, unknown>) =>
  agent
    .put('/api/v1/notifications/subscription')
    .send({ digest_monthly: false, digest_weekly: false, alerts: false, ...settings })
    .expect(200);

/** Subscriptions, digests, alerts and the e-mail outbox, on the demo data with a real SMTP server (PostgreSQL). */
describe('keeping people informed: digests, alerts and e-mail (PostgreSQL, SMTP)', () => {
  const mailbox = new Mailbox();
  let port: number;
  let t: TestApp;
  let tokyo: Agent;

  beforeAll(async () => {
    port = await mailbox.start();
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto', SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'http://dashboard.test' });
    await t.app.get(UsersService).create({ username: 'test-pref-13', role: 'prefecture', prefectureCode: '13', password: TEST_PASSWORD });
    tokyo = testAgent(t.app);
    await tokyo.post('/api/v1/auth/login').send({ username: 'test-pref-13', password: TEST_PASSWORD }).expect(200);
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await mailbox.stop();
  });

  const deliver = (now?: Date) => t.app.get(MailOutbox).deliverDue(now);
  const textOf = (mail: ParsedMail) => mail.text ?? '';

  it('sends each monthly subscriber one digest of their own area after a run of every job, and nothing on a second run of the month', async () => {
    await subscribe(await t.as('national'), { email: 'national@example.jp', digest_monthly: true });
    await subscribe(await t.as('prefecture'), { email: 'fukushima@example.jp', digest_monthly: true });
    await subscribe(await t.as('municipality'), { email: 'sukagawa@example.jp', digest_monthly: true });
    // An event of 福島県 in the digest's month: its digests (the prefecture's, 須賀川市's) list it, the nation's does not.
    const monthEnd: string = (await t.http.get('/api/v1/adoption/dates').expect(200)).body.meta.latest_month_end;
    const eventDay = `${monthEnd.slice(0, 7)}-10`;
    await (
      await t.as('prefecture')
    )
      .post('/api/v1/events')
      .send({ occurred_on: eventDay, title: '福島県 事業所向け説明会', kind: 'training' })
      .expect(201);
    const jobs = t.app.get(JobsService);
    await jobs.runAll('manual');
    await deliver();
    expect(mailbox.received.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual([
      'fukushima@example.jp',
      'national@example.jp',
      'sukagawa@example.jp',
    ]);

    // The prefecture's digest carries the figures its page shows, with their 基準日 and source.
    const prefectures = await t.http.get('/api/v1/adoption/prefectures').expect(200);
    const fukushima = prefectures.body.data.find((p: { prefecture_code: string }) => p.prefecture_code === '07');
    const [pref] = mailbox.to('fukushima@example.jp');
    expect(pref.subject).toBe(`【介護DX】福島県 月次ダイジェスト（${dateJa(prefectures.body.meta.as_of)}時点）`);
    expect(textOf(pref)).toContain(`福島県: ${formatRate(fukushima.application_rate, fukushima.target_rate)}`);
    expect(textOf(pref)).toContain(`基準日 ${prefectures.body.meta.as_of} / 出典: ${prefectures.body.meta.source}`);
    expect(textOf(pref)).toContain('ページ: http://dashboard.test/prefectures/07');
    // mailparser gathers the List-* headers under `list`.
    expect(JSON.stringify(pref.headers.get('list'))).toMatch(/http:\/\/dashboard\.test\/api\/v1\/notifications\/unsubscribe\?token=/);
    expect(pref.html).toContain('<h2');
    expect(textOf(pref)).toContain(`${eventDay} 福島県 事業所向け説明会`);

    // The municipality's digest speaks of itself only.
    const own = await t.http.get('/api/v1/adoption/municipalities/072079').expect(200);
    const [muni] = mailbox.to('sukagawa@example.jp');
    expect(textOf(muni)).toContain(`須賀川市: ${formatRate(own.body.data.application_rate, own.body.data.target_rate)}`);
    expect(textOf(muni)).not.toMatch(/郡山市|福島市|いわき市/);
    expect(textOf(muni)).toContain(`${eventDay} 福島県 事業所向け説明会`);
    const national = await t.http.get('/api/v1/adoption/national').expect(200);
    expect(textOf(mailbox.to('national@example.jp')[0])).not.toContain('福島県 事業所向け説明会');
    expect(textOf(mailbox.to('national@example.jp')[0])).toContain(
      `全国: ${formatRate(national.body.data.application_rate, national.body.data.target_rate)}`,
    );

    // In the app too, unread; and the same month again writes and sends nothing.
    const inbox = await (await t.as('prefecture')).get('/api/v1/notifications').expect(200);
    expect(inbox.body.meta.unread).toBe(1);
    expect(inbox.body.data[0]).toMatchObject({ kind: 'digest_monthly', subject: pref.subject, link: '/prefectures/07' });
    await jobs.runAll('manual');
    await deliver();
    expect(mailbox.received).toHaveLength(3);
    const [{ n }] = await queryRows(t.databaseUrl, `SELECT count(*)::int AS n FROM notifications WHERE kind = 'digest_monthly'`);
    expect(n).toBe(3);
  }, 300_000);

  it('turns a subscription off from the link in the e-mail, and refuses a tampered link', async () => {
    const text = textOf(mailbox.to('sukagawa@example.jp')[0]);
    const token = /http:\/\/dashboard\.test\/unsubscribe\?token=(\S+)/.exec(text)![1];
    const anonymous = request(t.app.getHttpServer());
    const unsubscribe = (body: { token: string }) => anonymous.post('/api/v1/notifications/unsubscribe').send(body);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await unsubscribe({ token: tampered }).expect(400)).body.message_ja).toMatch(/リンクが無効です/);
    await unsubscribe({ token: token.replace(/^\d+/, '1') }).expect(400);
    const muni = await t.as('municipality');
    expect((await muni.get('/api/v1/notifications/subscription').expect(200)).body.data.digest_monthly).toBe(true);
    expect((await unsubscribe({ token }).expect(200)).body.data).toEqual({
      subscription: 'digest_monthly',
      label_ja: '月次ダイジェスト',
      was_on: true,
    });
    expect((await muni.get('/api/v1/notifications/subscription').expect(200)).body.data).toMatchObject({
      digest_monthly: false,
      email: 'sukagawa@example.jp',
    });
    // A mail client's one-click unsubscribe (RFC 8058) posts to the List-Unsubscribe address, the token in its query.
    const oneClick = /<(http:\/\/dashboard\.test[^>]+)>/.exec(
      String(mailbox.to('sukagawa@example.jp')[0].headerLines.find((h) => h.key === 'list-unsubscribe')?.line),
    )![1];
    const res = await anonymous
      .post(oneClick.replace('http://dashboard.test', ''))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(res.body.data.was_on).toBe(false);
  });

  it('keeps an e-mail in the outbox while SMTP is down and delivers it once when it returns', async () => {
    await mailbox.stop();
    await subscribe(t.http, { email: 'admin@example.jp', digest_weekly: true });
    expect(await t.app.get(DigestsService).sendDue()).toBe(1);
    expect(await deliver()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const log = await t.http.get('/api/v1/notifications/deliveries').expect(200);
    expect(log.body.data[0]).toMatchObject({ to_address: 'admin@example.jp', status: 'pending', attempts: 1 });
    expect(log.body.data[0].last_error).toMatch(/ECONNREFUSED|connect/i);

    await mailbox.start(port);
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due again yet (backoff)
    const later = new Date(Date.now() + 3_600_000);
    expect(await deliver(later)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliver(later)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await t.app.get(DigestsService).sendDue()).toBe(0); // the same week: nothing new
    const weekly = mailbox.to('admin@example.jp');
    expect(weekly).toHaveLength(1);
    expect(weekly[0].subject).toMatch(/^【介護DX】全国 週次ダイジェスト/);
    const after = await t.http.get('/api/v1/notifications/deliveries').expect(200);
    expect(after.body.data[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it("alerts a prefecture's subscribers when an import moves one of its municipalities into at-risk, and no other prefecture's", async () => {
    await subscribe(await t.as('prefecture'), { email: 'fukushima@example.jp', alerts: true });
    await subscribe(tokyo, { email: 'tokyo@example.jp', alerts: true });
    const atRisk = await t.http.get('/api/v1/standardization/at-risk').query({ prefecture: '07' }).expect(200);
    const listed = new Set(atRisk.body.data.map((m: { code: string }) => m.code));
    const progress = await t.http.get('/api/v1/standardization/progress').query({ prefecture: '07' }).expect(200);
    const safe = progress.body.data.municipalities.find((m: { code: string }) => !listed.has(m.code));
    const before = mailbox.received.length;

    // Step ① planned for last year and not done: overdue.
    const csv = `市区町村コード,段階,予定日,完了日,事業者名\n${safe.code},① 標準準拠システムへの移行,2025-06-01,,ベンダーA\n`;
    await t.http.post('/api/v1/imports/standardization-milestones').attach('file', Buffer.from(csv), 'm.csv').expect(201);
    await deliver();

    const alerts = (await (await t.as('prefecture')).get('/api/v1/notifications').expect(200)).body.data.filter(
      (n: { kind: string }) => n.kind === 'alert',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].topic).toBe('at_risk');
    expect(alerts[0].body_text).toContain(`${safe.name}（予定日を過ぎて未完了）`);
    expect((await tokyo.get('/api/v1/notifications').expect(200)).body.data).toEqual([]);
    expect(mailbox.received.slice(before).map((m) => m.subject)).toEqual([alerts[0].subject]);
    expect(mailbox.to('tokyo@example.jp')).toEqual([]);

    // A grant whose condition's deadline (2026-03-31) has passed, to an office of 須賀川市 that never applied: overdue at once.
    const offices = (await t.http.get('/api/v1/offices').query({ municipality: '072079' }).expect(200)).body.data;
    const office = offices.find(
      (o: { licence_status: string; subsidy_status: string }) => o.licence_status === 'not_applied' && o.subsidy_status === 'none',
    );
    const grant = `年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日,連携事業所数\n2025,07,072079,${office.office_number},介護テクノロジー導入支援,その他機器,400000,300000,2025-06-01,\n`;
    await t.http.post('/api/v1/imports/subsidy-grants').attach('file', Buffer.from(grant), 'g.csv').expect(201);
    const subsidyAlerts = (await (await t.as('prefecture')).get('/api/v1/notifications').expect(200)).body.data.filter(
      (n: { topic: string }) => n.topic === 'subsidy_overdue',
    );
    expect(subsidyAlerts).toHaveLength(1);
    expect(subsidyAlerts[0].body_text).toContain(`${office.office_name}（須賀川市）`);
    expect((await tokyo.get('/api/v1/notifications').expect(200)).body.data).toEqual([]);

    // Admins hear of a rejected upload with its first problems; nobody else does.
    await subscribe(t.http, { email: 'admin@example.jp', alerts: true });
    const bad = '市区町村コード,段階,予定日,完了日,事業者名\n072079,標準化の完了,2026-04-01,,ベンダーA\n';
    await t.http.post('/api/v1/imports/standardization-milestones').attach('file', Buffer.from(bad), 'bad.csv').expect(422);
    const topics = async (agent: Agent) =>
      (await agent.get('/api/v1/notifications').expect(200)).body.data.map((n: { topic: string | null }) => n.topic);
    const rejected = (await t.http.get('/api/v1/notifications').expect(200)).body.data.filter(
      (n: { topic: string }) => n.topic === 'import_rejected',
    );
    expect(rejected).toHaveLength(1);
    expect(rejected[0].body_text).toMatch(/2行目 段階: /);
    expect(await topics(await t.as('prefecture'))).not.toContain('import_rejected');
  }, 120_000);
});
