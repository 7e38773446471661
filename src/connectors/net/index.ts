export * from './address.ts';
export * from './user-fetch.ts';
