/**
 * A stored connection detail (`/meet status`) in the person's language. The "could not be read"
 * detail written by `unreadableDetail` (src/app/ports/connection-detail.ts) is recognised and worded by
 * the `access` catalogue (the quoted parser message stays as the parser wrote it); any other detail is
 * returned unchanged.
 */
import { t } from './i18n/index.ts';
import { readUnreadableDetail } from './ports/connection-detail.ts';
import type { Locale } from './views.ts';

export function statusDetailText(detail: string, locale: Locale): string {
  const unreadable = readUnreadableDetail(detail);
  return unreadable ? t(locale, 'access.unreadable', unreadable) : detail;
}
