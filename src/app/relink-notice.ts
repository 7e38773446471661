/**
 * The re-link DM of a connection that stopped working (a CalDAV password refused, an OAuth grant revoked),
 * worded in the person's language (their stored locale, English by default) like every other DM.
 * The connector layer (src/connectors/access/connections.ts) reports a `RelinkNotice`; compose wires this.
 */

import { type MessageKey, t } from './i18n/index.ts';
import type { RelinkNotice, RelinkReason, RelinkWording } from './ports/calendars.ts';
import type { PreferencesRepository } from './ports/store.ts';
import { toLocale } from './views.ts';

const KEYS: Readonly<Record<RelinkReason, MessageKey>> = {
  password_rejected: 'link.relink.passwordRejected',
  consent_removed: 'link.relink.consentRemoved',
  access_revoked: 'link.relink.accessRevoked',
};

export function relinkWording(preferences: Pick<PreferencesRepository, 'get'>): RelinkWording {
  return async (notice: RelinkNotice) => {
    // A preferences outage must not cost the notice: it goes out in English.
    const prefs = await preferences.get(notice.tenantId, notice.personId).catch(() => null);
    const locale = toLocale(prefs?.locale);
    const calendar = t(locale, 'link.relink.calendar', { provider: notice.provider });
    return {
      text: t(locale, KEYS[notice.reason], { calendar, account: notice.account }),
      linkLabel: t(locale, 'link.relink.button', { calendar }),
    };
  };
}
