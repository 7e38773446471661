/**
 * Browser side of calendar linking (mount with `app.use(createOAuthRouter(deps))`):
 *
 *   GET  /oauth/:provider/start?state=…    → a page naming the chat identity and workspace the link binds
 *                                            ("Link a calendar for @ana in Acme?"), nothing bound yet
 *   POST /oauth/:provider/start            → (state + the page's confirmation) 302 to the provider's consent
 *                                            screen (PKCE S256), and a short-lived cookie binding this
 *                                            browser to the chat identity
 *   GET /oauth/:provider/callback?code&state → verifies, stores the connection, shows a result page
 *
 * Every refusal is a small HTML page (status 400) saying what happened and how to retry; unexpected
 * failures are a 500 page without details. Pages are `no-store`, `no-referrer` (the state is in the
 * URL) and carry a CSP that forbids scripts.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import { t } from '../../app/i18n/index.ts';
import type { LinkCalendar, LinkFailure } from '../../app/link-calendar.ts';
import { PROVIDER_LABELS } from '../../app/link-calendar.ts';

export const BINDING_COOKIE = 'convene_oauth_binding';
/** Double-submit secret of the link page's form (SameSite=Strict: never sent by another site's POST). */
export const CONFIRM_COOKIE = 'convene_link_confirm';

const PLATFORM_LABELS: Record<string, string> = { slack: 'Slack workspace', discord: 'Discord server' };

export interface OAuthRouterDeps {
  readonly link: Pick<LinkCalendar, 'describeLink' | 'beginAuthorization' | 'completeAuthorization'>;
  /** Mark the binding cookie `Secure` (default: true; set false only for plain-http local setups). */
  readonly secureCookies?: boolean;
  /** One line per event, no secrets. */
  readonly log?: (line: string) => void;
  /** After a link: the page choosing the account's calendars (`LinkPage.choiceLink`); null/absent: none. */
  readonly choiceLink?: (input: {
    tenantId: string;
    personId: string;
    workspaceId: string;
    externalUserId: string;
    connectionId: string;
  }) => string | null;
}

export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const router = express.Router();
  const secure = deps.secureCookies ?? true;
  const log = deps.log ?? (() => undefined);

  router.get('/oauth/:provider/start', async (req: Request, res: Response) => {
    try {
      const provider = param(req.params.provider);
      const state = query(req, 'state');
      const result = await deps.link.describeLink(provider, state);
      if (!result.ok) return void refuse(res, result);
      res.setHeader(
        'Set-Cookie',
        cookie(CONFIRM_COOKIE, result.confirmCookie, {
          maxAge: result.cookieMaxAgeSeconds,
          secure,
          sameSite: 'Strict',
        }),
      );
      const label = PROVIDER_LABELS[result.provider];
      const where = result.workspaceName
        ? ` in ${result.workspaceName}${result.platform ? ` (${PLATFORM_LABELS[result.platform] ?? result.platform})` : ''}`
        : '';
      const named = result.who === result.displayName ? result.who : `${result.who} (${result.displayName})`;
      page(res, 200, {
        title: `Link a calendar for ${result.who}${where}?`,
        message: `This link connects a ${label} to the chat account ${named}${where}. Only continue if that is you: if someone forwarded you their link, close this page — your calendar would be attached to their account.`,
        form: {
          action: `/oauth/${encodeURIComponent(result.provider)}/start`,
          fields: { state: state ?? '', confirm: result.confirmField },
          button: `Yes, link my ${label} to ${result.who}`,
        },
      });
    } catch (error) {
      log(`oauth: /start page failed: ${error instanceof Error ? error.name : 'unknown'}`);
      internalError(res);
    }
  });

  router.post(
    '/oauth/:provider/start',
    express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }),
    async (req: Request, res: Response) => {
      try {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
        const result = await deps.link.beginAuthorization(param(req.params.provider), field('state'), {
          cookie: readCookie(req, CONFIRM_COOKIE),
          field: field('confirm'),
        });
        if (!result.ok) return void refuse(res, result);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('Set-Cookie', [
          cookie(BINDING_COOKIE, result.browserBinding, { maxAge: result.bindingMaxAgeSeconds, secure }),
          cookie(CONFIRM_COOKIE, '', { maxAge: 0, secure, sameSite: 'Strict' }),
        ]);
        res.redirect(303, result.redirectUrl);
      } catch (error) {
        log(`oauth: /start failed: ${error instanceof Error ? error.name : 'unknown'}`);
        internalError(res);
      }
    },
  );

  router.get('/oauth/:provider/callback', async (req: Request, res: Response) => {
    try {
      const result = await deps.link.completeAuthorization({
        provider: param(req.params.provider),
        state: query(req, 'state'),
        code: query(req, 'code'),
        error: query(req, 'error'),
        errorDescription: query(req, 'error_description'),
        browserBinding: readCookie(req, BINDING_COOKIE),
      });
      if (!result.ok) return void refuse(res, result);
      res.setHeader('Set-Cookie', cookie(BINDING_COOKIE, '', { maxAge: 0, secure }));
      const choose = deps.choiceLink?.({
        tenantId: result.connection.tenantId,
        personId: result.connection.personId,
        ...result.identity,
        connectionId: result.connection.id,
      });
      page(res, 200, {
        title: `${PROVIDER_LABELS[result.provider]} linked`,
        message: `Your ${PROVIDER_LABELS[result.provider]} (${result.account}) is now linked to Convene. You can close this tab and go back to chat.`,
        ...(choose ? { link: { url: choose, label: t('en', 'calendars.page.title') } } : {}),
      });
    } catch (error) {
      log(`oauth: /callback failed: ${error instanceof Error ? error.name : 'unknown'}`);
      internalError(res);
    }
  });

  return router;
}

const TITLES: Record<LinkFailure['code'], string> = {
  unknown_provider: 'Unknown calendar provider',
  provider_not_configured: 'Calendar provider not set up',
  unknown_person: 'Unknown Convene user',
  unconfirmed: 'Link not confirmed',
  invalid_state: 'Invalid link',
  expired_state: 'Link expired',
  replayed_state: 'Link already used',
  provider_mismatch: 'Wrong calendar provider',
  other_user: 'This link belongs to someone else',
  access_denied: 'Access declined',
  provider_denied: 'Linking refused by the provider',
  missing_code: 'Linking not completed',
  exchange_failed: 'Linking not completed',
  discovery_failed: 'Calendars could not be read',
};

function refuse(res: Response, failure: LinkFailure): void {
  page(res, 400, { title: TITLES[failure.code], message: failure.message, code: failure.code });
}

function internalError(res: Response): void {
  if (res.headersSent) return;
  page(res, 500, {
    title: 'Something went wrong',
    message:
      'Convene hit an unexpected problem, and nothing was linked. Please ask Convene for a new link and try again in a few minutes.',
  });
}

interface PageForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly button: string;
}

function page(
  res: Response,
  status: number,
  content: {
    title: string;
    message: string;
    code?: string;
    form?: PageForm;
    link?: { url: string; label: string };
  },
): void {
  const { title, message, code, form, link } = content;
  const linkHtml = link
    ? `<p><a id="choose-calendars" href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`
    : '';
  const formHtml = form
    ? `<form method="post" action="${escapeHtml(form.action)}">${Object.entries(form.fields)
        .map(
          ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
        )
        .join('')}<button type="submit">${escapeHtml(form.button)}</button></form>`
    : '';
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    })
    .send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Convene</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}h1{font-size:1.4rem}code,small{color:#57606a}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${linkHtml}${formHtml}${code ? `<p><small>Reference: ${escapeHtml(code)}</small></p>` : ''}</body>
</html>`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function param(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** A single string query parameter; arrays and objects (`?state[]=…`) count as absent. */
function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function cookie(
  name: string,
  value: string,
  options: { maxAge: number; secure: boolean; sameSite?: 'Lax' | 'Strict' },
): string {
  return [
    `${name}=${value}`,
    'Path=/oauth',
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    // Lax (binding): sent on the top-level redirect back from the provider, not on cross-site subrequests.
    // Strict (confirmation): never sent with a request another site starts, so its form cannot be forged.
    `SameSite=${options.sameSite ?? 'Lax'}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The value of cookie `name` in the request, or undefined when absent or empty. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
