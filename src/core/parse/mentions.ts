/**
 * Participants: Slack users `<@U123ABC>` / `<@U123|ana>`, Slack user groups `<!subteam^S123|@support>`,
 * Discord users `<@123…>` / `<@!123…>`, Discord roles `<@&123…>` and plain `@name`. Broadcasts
 * (`<!here>`, `@everyone`…) are not people: they are reported so the bot can say so.
 */
import { firstMatch, mask, matchAll, type Pattern, pattern, type Span } from './text.ts';
import type { Participant, ParticipantKind } from './types.ts';

interface MentionRule {
  readonly pattern: Pattern;
  readonly kind: ParticipantKind | 'broadcast';
}

const RULES: readonly MentionRule[] = [
  { pattern: /<!subteam\^([A-Z0-9]+)(?:\|[^<>]{0,80})?>/gu, kind: 'slack_group' },
  { pattern: /<!(?:here|channel|everyone)(?:\|[^<>]{0,80})?>/gu, kind: 'broadcast' },
  { pattern: /<@([UW][A-Z0-9]{2,20})(?:\|[^<>]{0,80})?>/gu, kind: 'slack_user' },
  { pattern: /<@!?(\d{15,21})>/gu, kind: 'discord_user' },
  { pattern: /<@&(\d{15,21})>/gu, kind: 'discord_role' },
  {
    pattern: pattern(
      String.raw`(?<![\p{L}\p{M}\p{N}_.@<&!-])@(?:here|channel|everyone)(?![\p{L}\p{M}\p{N}_-])`,
      'giu',
    ),
    kind: 'broadcast',
  },
  // Letters of any script, digits, dots, dashes and underscores; a trailing dot or dash is punctuation.
  {
    pattern: pattern(
      String.raw`(?<![\p{L}\p{M}\p{N}_.@<&!-])@([\p{L}\p{M}\p{N}_]+(?:[.-]+[\p{L}\p{M}\p{N}_]+)*)`,
      'gu',
    ),
    kind: 'name',
  },
];

// Optional attendees: a marker right after the mention (`@ana?`, `@ana (optional)`, `@ana (facultatif)`)
// or the word right before it (`optional @ana`, `facultatif @ana`). The marker is consumed with the mention.
const OPTIONAL_WORD = '(?:optional|opt\\.?|facultati(?:f|ve)|optionnel(?:le)?)';
const OPTIONAL_AFTER = new RegExp(`^(?:\\?|\\s*\\(\\s*${OPTIONAL_WORD}\\s*\\))`, 'iu');
const OPTIONAL_BEFORE = pattern(`(?<![\\p{L}\\p{M}\\p{N}_])${OPTIONAL_WORD}\\s*:?\\s*$`, 'iu');

function optionalMarker(text: string, span: Span): { optional: boolean; span: Span } {
  const after = OPTIONAL_AFTER.exec(text.slice(span.end));
  if (after) return { optional: true, span: { start: span.start, end: span.end + after[0].length } };
  const before = firstMatch(OPTIONAL_BEFORE, text.slice(Math.max(0, span.start - 20), span.start));
  if (before) return { optional: true, span: { start: span.start - before[0].length, end: span.end } };
  return { optional: false, span };
}

export interface MentionExtraction {
  readonly participants: readonly Participant[];
  readonly broadcasts: readonly string[];
  readonly spans: readonly Span[];
}

export function extractMentions(masked: string): MentionExtraction {
  const found: { participant: Participant | null; raw: string; span: Span }[] = [];
  let text = masked;
  for (const rule of RULES) {
    const hits = matchAll(rule.pattern, text);
    for (const { match, span } of hits) {
      const raw = match[0];
      const id = match[1];
      const marked = rule.kind === 'broadcast' ? { optional: false, span } : optionalMarker(masked, span);
      found.push({
        participant:
          rule.kind === 'broadcast' || id === undefined
            ? null
            : { kind: rule.kind, id, raw, ...(marked.optional ? { optional: true as const } : {}) },
        raw,
        span: marked.span,
      });
    }
    text = mask(
      text,
      hits.map((h) => h.span),
    );
  }
  found.sort((a, b) => a.span.start - b.span.start);

  const seen = new Set<string>();
  const participants: Participant[] = [];
  for (const { participant } of found) {
    if (!participant) continue;
    const key = `${participant.kind}:${participant.kind === 'name' ? participant.id.toLowerCase() : participant.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    participants.push(participant);
  }
  return {
    participants,
    broadcasts: found.filter((f) => f.participant === null).map((f) => f.raw),
    spans: found.map((f) => f.span),
  };
}
