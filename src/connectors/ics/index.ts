export type { IcsFeed, IcsProviderOptions } from './client.ts';
export { IcsProvider } from './client.ts';
export type { BusyType, ExpandOptions, ExpandResult, IcsErrorCode, TypedInterval } from './expand.ts';
export { expandIcs, expandIcsAsync } from './expand.ts';
export type {
  IcsFeedValidation,
  IcsLinkError,
  IcsLinkErrorCode,
  IcsValidationOptions,
  ValidatedIcsFeed,
} from './validate.ts';
export { validateIcsFeed } from './validate.ts';
