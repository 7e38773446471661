/**
 * The "could not be read" detail a calendar adapter stores on a connection (shown by `/meet status`).
 * It is stored in English, the language every replica and the logs read; `readUnreadableDetail` gives
 * back its parts so a surface can word it in the person's language (src/app/access-status.ts).
 */

const UNREADABLE_ONE = '1 event in your feed could not be read: ';
const UNREADABLE_MANY = ' events in your feed could not be read; the first: ';

/** "1 event in your feed could not be read: UID x: …" (the first warning, shortened). */
export function unreadableDetail(warnings: readonly string[]): string {
  const first = warnings[0]!.length > 160 ? `${warnings[0]!.slice(0, 159)}…` : warnings[0]!;
  return warnings.length === 1 ? `${UNREADABLE_ONE}${first}` : `${warnings.length}${UNREADABLE_MANY}${first}`;
}

/** The count and first warning of a detail written by `unreadableDetail`; null for any other detail. */
export function readUnreadableDetail(detail: string): { count: number; first: string } | null {
  if (detail.startsWith(UNREADABLE_ONE)) return { count: 1, first: detail.slice(UNREADABLE_ONE.length) };
  const at = detail.indexOf(UNREADABLE_MANY);
  const count = detail.slice(0, Math.max(0, at));
  if (at > 0 && /^\d+$/.test(count))
    return { count: Number(count), first: detail.slice(at + UNREADABLE_MANY.length) };
  return null;
}
