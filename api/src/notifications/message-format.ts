/** A part of a message: a heading, its lines, and the 基準日 and source of the figures in it. */
export interface MessageSection {
  heading: string;
  lines: string[];
  basis?: string;
}

export interface MessageContent {
  subject: string;
  intro: string;
  sections: MessageSection[];
  /** The dashboard page it is about (a path). */
  link: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain Japanese text: what the inbox shows and the e-mail's text part. */
export function renderText(content: MessageContent, baseUrl: string): string {
  const parts = [content.intro, ''];
  for (const section of content.sections) {
    parts.push(`■ ${section.heading}`, ...section.lines.map((l) => `  ${l}`));
    if (section.basis) parts.push(`  （${section.basis}）`);
    parts.push('');
  }
  parts.push(`ページ: ${baseUrl}${content.link}`);
  return parts.join('\n');
}

/** The same as HTML (escaped), for the e-mail's HTML part. */
export function renderHtml(content: MessageContent, baseUrl: string): string {
  const sections = content.sections.map(
    (s) =>
      `<h2 style="font-size:16px">${escapeHtml(s.heading)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
      (s.basis ? `<p style="color:#555;font-size:12px">${escapeHtml(s.basis)}</p>` : ''),
  );
  const url = escapeHtml(`${baseUrl}${content.link}`);
  return `<!doctype html><html lang="ja"><body><p>${escapeHtml(content.intro)}</p>${sections.join('')}<p><a href="${url}">ダッシュボードで見る</a></p></body></html>`;
}

/** The e-mail's footer: why it came and how to stop it. */
export function mailFooter(subscriptionLabel: string, unsubscribeUrl: string): { text: string; html: string } {
  const text = `\n\n--\nこのメールは「${subscriptionLabel}」の配信登録により送信しています。配信停止: ${unsubscribeUrl}`;
  const html = `<hr><p style="color:#555;font-size:12px">このメールは「${escapeHtml(subscriptionLabel)}」の配信登録により送信しています。<a href="${escapeHtml(unsubscribeUrl)}">配信停止</a></p>`;
  return { text, html };
}
