/** Reading a chat-input command's subcommand and options without trusting their shape. */
import type { APIChatInputApplicationCommandInteractionData } from 'discord-api-types/v10';

export interface CommandOptions {
  readonly subcommand: string | null;
  readonly values: ReadonlyMap<string, string | number | boolean>;
}

interface RawOption {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly value?: unknown;
  readonly options?: unknown;
}

export function readOptions(data: APIChatInputApplicationCommandInteractionData | undefined): CommandOptions {
  const top = Array.isArray(data?.options) ? (data.options as readonly RawOption[]) : [];
  const first = top[0];
  const sub = first && (first.type === 1 || first.type === 2) ? first : null;
  const list = sub && Array.isArray(sub.options) ? (sub.options as readonly RawOption[]) : sub ? [] : top;
  const values = new Map<string, string | number | boolean>();
  for (const option of list) {
    if (typeof option.name !== 'string') continue;
    const v = option.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.set(option.name, v);
  }
  return { subcommand: sub && typeof sub.name === 'string' ? sub.name : null, values };
}

export function stringOption(options: CommandOptions, name: string): string | null {
  const v = options.values.get(name);
  return typeof v === 'string' ? v : null;
}
