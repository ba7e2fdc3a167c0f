import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/access.decorators.js';
import type { SessionUser } from '../auth/user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { NotificationsService } from './notifications.service.js';
import { SubscriptionBody, UnsubscribeBody } from './dto/subscription.body.js';
import { SUBSCRIPTION_LABELS_JA } from './dto/notifications.responses.js';
import { notificationsErrors } from './notifications.errors.js';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My お知らせ (digests and alerts), newest first, with the unread count / お知らせ' })
  inbox(@CurrentUser() user: SessionUser) {
    return this.service.inbox(user);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my お知らせ are unread / 未読件数' })
  async unread(@CurrentUser() user: SessionUser) {
    return { data: { unread: await this.service.unreadCount(user) } };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my お知らせ read / すべて既読にする' })
  async readAll(@CurrentUser() user: SessionUser) {
    return { data: { marked: await this.service.markAllRead(user) } };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my お知らせ read / 既読にする' })
  async read(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser) {
    await this.service.markRead(user, id);
    return { data: { id } };
  }

  @Get('subscription')
  @ApiOperation({ summary: 'My subscriptions and e-mail address / 配信設定' })
  async subscription(@CurrentUser() user: SessionUser) {
    return { data: await this.service.settings(user) };
  }

  @Put('subscription')
  @ApiOperation({ summary: 'Change my subscriptions (digests of my area, alerts) and e-mail address / 配信設定の変更' })
  async saveSubscription(@Body() body: SubscriptionBody, @CurrentUser() user: SessionUser) {
    return { data: await this.service.saveSettings(user, body) };
  }

  @Get('deliveries')
  @Roles('admin')
  @ApiOperation({ summary: 'The e-mail delivery log: every message sent, pending or given up, with its attempts / 配信ログ' })
  async deliveries() {
    return { data: await this.service.deliveries() };
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "An e-mail's signed unsubscribe link: the dashboard's /unsubscribe page posts its token, a mail client posts one-click (RFC 8058) with it in the query / 配信停止",
  })
  async unsubscribe(@Query('token') queryToken: string | undefined, @Body() body: UnsubscribeBody | undefined) {
    const token = body?.token ?? queryToken;
    const done = typeof token === 'string' && token.length <= 200 ? await this.service.unsubscribe(token) : null;
    if (!done) throw notificationsErrors.badUnsubscribeLink();
    return { data: { subscription: done.kind, label_ja: SUBSCRIPTION_LABELS_JA[done.kind], was_on: done.wasOn } };
  }
}
