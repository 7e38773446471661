/** Microsoft 365 (Graph) connector: provider, transport, OAuth client. */

export type { MicrosoftChangeSourceOptions } from './changes.ts';
export {
  changeFromDeltaItem,
  MAX_CLIENT_STATE,
  MAX_SUBSCRIPTION_MS,
  MicrosoftChangeSource,
} from './changes.ts';
export type { FetchLike, GraphTransportOptions } from './client.ts';
export { GRAPH_BASE_URL, GraphTransport, MAILBOX_CONCURRENCY, Semaphore } from './client.ts';
export { classifyGraphError, scheduleErrorCode, toProviderError } from './errors.ts';
export { isBusyStatus, normaliseBusy, parseGraphDateTime, transactionIdFor } from './mapper.ts';
export type { AuthorizationRequest, InitialTokens, MicrosoftOAuthConfig } from './oauth.ts';
export {
  AUTHORITY_HOST,
  aadstsCode,
  createPkcePair,
  DEFAULT_SCOPES,
  MicrosoftOAuthClient,
} from './oauth.ts';
export type { MicrosoftCalendarProviderOptions } from './provider.ts';
export { MAX_SCHEDULES_PER_CALL, MAX_WINDOW_MS, MicrosoftCalendarProvider } from './provider.ts';
