import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { AdoptionModule } from '../adoption/adoption.module.js';
import { EventsModule } from '../events/events.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { AlertStatesRepository } from './alert-states.repository.js';
import { AreaFiguresRepository } from './area-figures.repository.js';
import { AlertsService } from './alerts.service.js';
import { DigestsService } from './digests.service.js';
import { MailOutbox } from './mail-outbox.service.js';
import { MessageWriter } from './message-writer.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

/** Keeping people informed: subscriptions, digests and alerts written after the jobs, the お知らせ inbox and e-mail through an outbox. */
@Module({
  imports: [JobsModule, AdoptionModule, EventsModule, ImportsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    AlertStatesRepository,
    AreaFiguresRepository,
    AlertsService,
    DigestsService,
    MailOutbox,
    MessageWriter,
    UnsubscribeLinks,
  ],
  exports: [DigestsService, MailOutbox],
})
export class NotificationsModule {}
