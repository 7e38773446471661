import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../src/connectors/time-zones.ts';

describe('resolveZone', () => {
  it('passes IANA names through', () => {
    expect(resolveZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveZone('America/St_Johns')).toBe('America/St_Johns');
  });
  it('maps Windows names to the canonical IANA zone', () => {
    expect(resolveZone('Romance Standard Time')).toBe('Europe/Paris');
    expect(resolveZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(resolveZone('Newfoundland Standard Time')).toBe('America/St_Johns');
    expect(resolveZone('India Standard Time')).toBe('Asia/Calcutta');
  });
  it('treats UTC spellings as UTC and unknown names as unresolved', () => {
    expect(resolveZone('UTC')).toBe('UTC');
    expect(resolveZone('Z')).toBe('UTC');
    expect(resolveZone('Mars Standard Time')).toBeUndefined();
    expect(resolveZone('')).toBeUndefined();
    expect(resolveZone(undefined)).toBeUndefined();
  });
});
