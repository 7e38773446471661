export type { IcsFeed, IcsProviderOptions } from './client.ts';
export { IcsProvider } from './client.ts';
export type { ExpandOptions, ExpandResult, IcsErrorCode } from './expand.ts';
export { expandIcs } from './expand.ts';
