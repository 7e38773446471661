import type { en } from './en/index.ts';

/** Every message key (`domain.name`). */
export type MessageKey = keyof typeof en;
/** A complete catalogue: one ICU message per key. */
export type Catalogue = { readonly [K in MessageKey]: string };
