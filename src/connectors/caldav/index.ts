export type { CalDavCredentials, CalDavProviderOptions } from './client.ts';
export { CalDavProvider } from './client.ts';
