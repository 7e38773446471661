/** Google Calendar connector: provider, OAuth client and the pieces tests and the app wire together. */

export { changeFromEvent, GoogleChangeSource } from './changes.ts';
export type { GoogleCalendarClientOptions } from './client.ts';
export { GoogleCalendarClient } from './client.ts';
export { calendarErrorCode, classifyGoogleError, googleErrorInfo, toProviderError } from './errors.ts';
export { eventIdFromKey } from './mapper.ts';
export type { AuthorizationUrlParams, GoogleOAuthConfig, PkcePair } from './oauth.ts';
export {
  createPkcePair,
  DEFAULT_GOOGLE_SCOPES,
  GOOGLE_ENDPOINTS,
  GOOGLE_SCOPES,
  GoogleOAuthClient,
  hasScopes,
  pkceChallenge,
} from './oauth.ts';
export type { GoogleCalendarProviderOptions } from './provider.ts';
export { FREEBUSY_MAX_CALENDARS, FREEBUSY_MAX_WINDOW_MS, GoogleCalendarProvider } from './provider.ts';
