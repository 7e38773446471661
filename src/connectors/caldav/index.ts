export type { CalDavCredentials, CalDavProviderOptions } from './client.ts';
export { CalDavProvider } from './client.ts';
export type {
  CalDavDiscovery,
  CalDavDiscoveryInput,
  CalDavDiscoveryOptions,
  CalDavLinkError,
  CalDavLinkErrorCode,
  CalDavService,
  DiscoveredCalDav,
  DiscoveredCalendar,
} from './discover.ts';
export { discoverCalDav, FASTMAIL_CALDAV, ICLOUD_CALDAV } from './discover.ts';
