import { getJson } from './api.js';

/** How many お知らせ the signed-in user has not read (the header's badge); refreshed on navigation and after reading. */
class UnreadCount {
  count = $state(0);

  async refresh(): Promise<void> {
    try {
      this.count = (await getJson<{ data: { unread: number } }>('/api/v1/notifications/unread-count')).data.unread;
    } catch {
      // The badge is a convenience: a failed count leaves the last one shown.
    }
  }
}

export const unread = new UnreadCount();
