/**
 * `GET /ics/<token>`: the .ics offered on a booking confirmation to a participant whose calendar is kept
 * in Convene (src/app/ics-offer.ts). A valid, unexpired token of a booking still booked answers the
 * meeting's VEVENT as `text/calendar` (an attachment, so browsers hand it to the calendar app); anything
 * else a short plain-text refusal (404 unknown, 410 expired). `no-store`, `no-referrer`.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { IcsOffers } from '../../app/ics-offer.ts';

export interface IcsOfferRouterDeps {
  readonly offers: Pick<IcsOffers, 'serve'>;
  readonly log?: (line: string) => void;
}

const REFUSALS = {
  invalid: [404, 'This calendar link is not valid.'],
  not_found: [404, 'This meeting no longer exists.'],
  expired: [410, 'This calendar link has expired.'],
} as const;

export function createIcsOfferRouter(deps: IcsOfferRouterDeps): Router {
  const router = express.Router();
  const log = deps.log ?? (() => undefined);
  router.get('/ics/:token', async (req: Request, res: Response) => {
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      const token = typeof req.params.token === 'string' ? req.params.token : '';
      const served = await deps.offers.serve(token);
      if (!served.ok) {
        const [status, text] = REFUSALS[served.code];
        return void res.status(status).type('text/plain; charset=utf-8').send(text);
      }
      res
        .status(200)
        .set({
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': `attachment; filename="${served.filename}"`,
        })
        .send(served.calendar);
    } catch (error) {
      log(`ics-offer: GET failed: ${error instanceof Error ? error.name : 'unknown'}`);
      if (!res.headersSent) res.status(500).type('text/plain; charset=utf-8').send('500');
    }
  });
  return router;
}
