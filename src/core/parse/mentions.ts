/**
 * Participants: Slack users `<@U123ABC>` / `<@U123|ana>`, Slack user groups `<!subteam^S123|@support>`,
 * Discord users `<@123…>` / `<@!123…>`, Discord roles `<@&123…>` and plain `@name`. Broadcasts
 * (`<!here>`, `@everyone`…) are not people: they are reported so the bot can say so.
 */
import { mask, matchAll, type Span } from './text.ts';
import type { Participant, ParticipantKind } from './types.ts';

interface MentionRule {
  readonly pattern: RegExp;
  readonly kind: ParticipantKind | 'broadcast';
}

const RULES: readonly MentionRule[] = [
  { pattern: /<!subteam\^([A-Z0-9]+)(?:\|[^<>]{0,80})?>/gu, kind: 'slack_group' },
  { pattern: /<!(?:here|channel|everyone)(?:\|[^<>]{0,80})?>/gu, kind: 'broadcast' },
  { pattern: /<@([UW][A-Z0-9]{2,20})(?:\|[^<>]{0,80})?>/gu, kind: 'slack_user' },
  { pattern: /<@!?(\d{15,21})>/gu, kind: 'discord_user' },
  { pattern: /<@&(\d{15,21})>/gu, kind: 'discord_role' },
  {
    pattern: /(?<![\p{L}\p{M}\p{N}_.@<&!-])@(?:here|channel|everyone)(?![\p{L}\p{M}\p{N}_-])/giu,
    kind: 'broadcast',
  },
  // Letters of any script, digits, dots, dashes and underscores; a trailing dot or dash is punctuation.
  {
    pattern: /(?<![\p{L}\p{M}\p{N}_.@<&!-])@([\p{L}\p{M}\p{N}_]+(?:[.-]+[\p{L}\p{M}\p{N}_]+)*)/gu,
    kind: 'name',
  },
];

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
      found.push({
        participant: rule.kind === 'broadcast' || id === undefined ? null : { kind: rule.kind, id, raw },
        raw,
        span,
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
