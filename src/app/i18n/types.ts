/** A language's catalogue for one domain: exactly the keys of the English one, each worded in ICU MessageFormat. */
export type Messages<T> = { readonly [K in keyof T]: string };
