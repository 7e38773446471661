/**
 * Small pure helpers shared by the ICS and CalDAV connectors: turning raw instance intervals into the
 * normalised busy list a `BusyResult` carries (clipped to the query range, sorted, overlapping and
 * touching intervals merged, empty ones dropped). Inputs are never mutated.
 */
import type { Interval } from '../../core/interval.ts';

export function clipAndMerge(intervals: readonly Interval[], range: Interval): Interval[] {
  const clipped: Interval[] = [];
  for (const iv of intervals) {
    const start = Math.max(iv.start, range.start);
    const end = Math.min(iv.end, range.end);
    if (end > start) clipped.push({ start, end });
  }
  clipped.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const iv of clipped) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) {
      if (iv.end > last.end) merged[merged.length - 1] = { start: last.start, end: iv.end };
    } else {
      merged.push(iv);
    }
  }
  return merged;
}

/** `webcal://` is the same feed over HTTPS; everything else must already be http(s). */
export function feedFetchUrl(id: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(id.trim());
  } catch {
    return undefined;
  }
  // webcal is an unofficial scheme meaning "subscribe to this over HTTP(S)".
  // @see https://www.iana.org/assignments/uri-schemes/prov/webcal
  if (url.protocol === 'webcal:' || url.protocol === 'webcals:') {
    return new URL(`https://${id.trim().slice(url.protocol.length + 2)}`);
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}
