/** URL buttons (calendar links) still send a `block_actions` payload: ack it, nothing else to do. */
import type { AckFn } from '../deps.ts';

export async function linkButton(args: { ack: AckFn }): Promise<void> {
  await args.ack();
}
