/**
 * Browser side of the link page (src/app/link/page.ts), mounted with `app.use(createLinkPageRouter(deps))`:
 *
 *   GET  /link?state=…   → the page: whose chat identity and workspace the link binds, and one section per
 *                          calendar kind this server offers (Google / Microsoft buttons when configured,
 *                          Apple iCloud, CalDAV server, calendar feed)
 *   POST /link/icloud    → Apple ID + app-specific password → discovery, live check, saved
 *   POST /link/caldav    → address or e-mail, username, app-specific password → the same
 *   POST /link/ics       → feed link → fetched, validated, saved read-only
 *   POST /link/calendars → after a link: which of the account's calendars count as busy (checkboxes) and
 *                          which one receives new meetings (radio); same cookie + MAC, its own single-use state
 *
 * Passwords come only through these forms (never chat). A failure that leaves the link usable shows the
 * page again with the message on top; others show the message alone. Wording comes from the `link.*`
 * catalogue in the person's language (their preference, else the browser's). Pages are `no-store`,
 * `no-referrer` and carry a CSP that forbids scripts.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import { type AccountView, MAX_CALENDARS_SHOWN } from '../../app/calendar-choice.ts';
import { isLocale, type Locale, type MessageKey, render, t } from '../../app/i18n/index.ts';
import type {
  DescribePageResult,
  LinkPage,
  LinkPageFailure,
  LinkPageKind,
  LinkPageResult,
  PageChoiceForm,
} from '../../app/link/page.ts';
import { CONFIRM_COOKIE, escapeHtml, readCookie } from './oauth.ts';

/** Double-submit secret of the page's forms (SameSite=Strict: never sent by another site's POST). */
export const PAGE_COOKIE = 'convene_link_page';

export interface LinkPageRouterDeps {
  readonly page: Pick<LinkPage, 'describe' | 'linkCalDav' | 'linkIcs'> &
    Partial<Pick<LinkPage, 'chooseCalendars' | 'describeChoice'>>;
  /** Mark cookies `Secure` (default true; false only for plain-http local setups). */
  readonly secureCookies?: boolean;
  readonly log?: (line: string) => void;
}

const KIND_KEYS: Record<LinkPageKind, MessageKey> = {
  google: 'link.page.kind.google',
  microsoft: 'link.page.kind.microsoft',
  icloud: 'link.page.kind.icloud',
  caldav: 'link.page.kind.caldav',
  ics: 'link.page.kind.ics',
};

export function createLinkPageRouter(deps: LinkPageRouterDeps): Router {
  const router = express.Router();
  const secure = deps.secureCookies ?? true;
  const log = deps.log ?? (() => undefined);
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  // The choice form posts one `busy` per ticked calendar (at most MAX_CALENDARS_SHOWN, ids up to 2 KiB).
  const choiceForm = express.urlencoded({
    extended: false,
    limit: '256kb',
    parameterLimit: MAX_CALENDARS_SHOWN + 10,
  });

  async function showPage(
    req: Request,
    res: Response,
    state: string | undefined,
    error?: LinkPageFailure,
    typed?: TypedFields,
  ): Promise<void> {
    const described = await deps.page.describe(state);
    if (!described.ok) return refuse(req, res, error ?? described);
    const locale = described.locale ?? error?.locale ?? browserLocale(req);
    const cookies = [
      cookie(PAGE_COOKIE, described.confirmCookie, '/link', described.cookieMaxAgeSeconds, secure),
    ];
    if (Object.keys(described.oauth).length > 0) {
      cookies.push(
        cookie(CONFIRM_COOKIE, described.confirmCookie, '/oauth', described.cookieMaxAgeSeconds, secure),
      );
    }
    res.setHeader('Set-Cookie', cookies);
    send(
      res,
      error ? 400 : 200,
      locale,
      t(locale, 'link.page.title', { who: described.who }),
      pageBody(locale, described, state ?? '', error, typed),
    );
  }

  router.get('/link', async (req: Request, res: Response) => {
    try {
      await showPage(req, res, query(req, 'state'));
    } catch (error) {
      log(`link-page: GET failed: ${error instanceof Error ? error.name : 'unknown'}`);
      internalError(req, res);
    }
  });

  const post =
    (
      kind: TypedFields['kind'],
      run: (
        body: (name: string) => string | undefined,
        confirm: { state: string | undefined; cookie: string | undefined; field: string | undefined },
      ) => Promise<LinkPageResult>,
    ) =>
    async (req: Request, res: Response) => {
      try {
        const raw = (req.body ?? {}) as Record<string, unknown>;
        const field = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
        const confirm = {
          state: field('state'),
          cookie: readCookie(req, PAGE_COOKIE),
          field: field('confirm'),
        };
        const result = await run(field, confirm);
        if (!result.ok) {
          // The form comes back with what was typed, except the password (never sent back to the browser).
          const typed: TypedFields = {
            kind,
            values: Object.fromEntries(
              KEPT_FIELDS.flatMap((name) => {
                const value = field(name);
                return value === undefined ? [] : [[name, value.slice(0, 2048)]];
              }),
            ),
          };
          if (result.retry) return void (await showPage(req, res, confirm.state, result, typed));
          return void refuse(req, res, result);
        }
        const locale = result.locale ?? browserLocale(req);
        const choice = result.choice;
        // With a choice form the page cookie stays (renewed for the form's life); else it is done.
        res.setHeader(
          'Set-Cookie',
          choice && confirm.cookie
            ? cookie(PAGE_COOKIE, confirm.cookie, '/link', choice.maxAgeSeconds, secure)
            : cookie(PAGE_COOKIE, '', '/link', 0, secure),
        );
        const busy = new Set(result.connection.busyCalendarIds);
        const write = result.connection.writeCalendarId;
        const writeName = result.calendars.find((c) => c.id === write)?.name;
        const summary =
          result.kind === 'ics'
            ? t(locale, 'link.page.done.ics', { name: result.account })
            : t(locale, 'link.page.done.caldav', {
                account: result.account,
                count: busy.size,
                write: writeName ?? 'none',
              });
        const rows: ChoiceRow[] = result.calendars.map((c) => ({
          id: c.id,
          name: c.name,
          ...(c.color ? { color: c.color } : {}),
          writable: c.writable,
          busy: busy.has(c.id),
          receives: c.id === write,
        }));
        const hidden = result.hidden > 0 ? hiddenNote(locale, result.hidden) : '';
        const body = choice
          ? choiceBody(locale, result.connection.id, rows, choice)
          : `<h2>${escapeHtml(t(locale, 'link.page.calendars'))}</h2><ul>${rows.map((r) => rowText(locale, r)).join('')}</ul>`;
        send(
          res,
          200,
          locale,
          t(locale, 'link.page.done.title'),
          `<p id="done">${escapeHtml(summary)}</p>${body}${hidden}<p>${escapeHtml(t(locale, 'link.page.close'))}</p>`,
        );
      } catch (error) {
        log(`link-page: POST failed: ${error instanceof Error ? error.name : 'unknown'}`);
        internalError(req, res);
      }
    };

  router.post(
    '/link/icloud',
    form,
    post('icloud', (field, confirm) =>
      deps.page.linkCalDav({
        ...confirm,
        service: 'icloud',
        address: field('username'),
        username: field('username'),
        password: field('password'),
      }),
    ),
  );
  router.post(
    '/link/caldav',
    form,
    post('caldav', (field, confirm) =>
      deps.page.linkCalDav({
        ...confirm,
        service: 'other',
        address: field('address'),
        username: field('username'),
        password: field('password'),
      }),
    ),
  );
  router.post(
    '/link/ics',
    form,
    post('ics', (field, confirm) => deps.page.linkIcs({ ...confirm, url: field('url') })),
  );
  // The choice as a page of its own (the OAuth result page links here): a fresh page cookie, its MAC.
  router.get('/link/calendars', async (req: Request, res: Response) => {
    try {
      const described = await deps.page.describeChoice?.(query(req, 'state'), query(req, 'account'));
      if (!described) return void res.status(404).type('text/plain').send('Not found.\n');
      if (!described.ok) return void refuse(req, res, described);
      const locale = described.locale ?? browserLocale(req);
      res.setHeader(
        'Set-Cookie',
        cookie(PAGE_COOKIE, described.confirmCookie, '/link', described.form.maxAgeSeconds, secure),
      );
      const hidden = described.account.hidden > 0 ? hiddenNote(locale, described.account.hidden) : '';
      send(
        res,
        200,
        locale,
        t(locale, 'calendars.page.title'),
        `<p id="intro">${escapeHtml(described.account.account)}</p>${choiceBody(locale, described.account.connectionId, rowsOf(described.account), described.form)}${hidden}`,
      );
    } catch (error) {
      log(`link-page: GET /link/calendars failed: ${error instanceof Error ? error.name : 'unknown'}`);
      internalError(req, res);
    }
  });
  router.post('/link/calendars', choiceForm, async (req: Request, res: Response) => {
    try {
      const choose = deps.page.chooseCalendars?.bind(deps.page);
      if (!choose) return void res.status(404).type('text/plain').send('Not found.\n');
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
      const many = raw.busy;
      const busy = typeof many === 'string' ? [many] : Array.isArray(many) ? many.filter(isString) : [];
      const confirm = {
        state: field('state'),
        cookie: readCookie(req, PAGE_COOKIE),
        field: field('confirm'),
      };
      const result = await choose({
        ...confirm,
        connectionId: field('account'),
        busy,
        write: field('write'),
      });
      const locale = result.locale ?? browserLocale(req);
      if (!result.ok) {
        if (!result.retry || !result.account?.calendars || !confirm.state || !confirm.field)
          return void refuse(req, res, result);
        // Shown again with the message: the same state and confirmation (nothing was consumed).
        const form: PageChoiceForm = { state: confirm.state, confirm: confirm.field, maxAgeSeconds: 0 };
        const alert = `<div id="error" role="alert"><strong>${escapeHtml(t(locale, 'link.page.failed'))}</strong><p>${escapeHtml(render(locale, result.message))}</p><small>${escapeHtml(result.code)}</small></div>`;
        return void send(
          res,
          400,
          locale,
          t(locale, 'calendars.page.title'),
          `${alert}${choiceBody(locale, result.account.connectionId, rowsOf(result.account), form)}`,
        );
      }
      res.setHeader('Set-Cookie', cookie(PAGE_COOKIE, '', '/link', 0, secure));
      const rows = rowsOf(result.account);
      const receiving = rows.find((r) => r.receives);
      const saved = t(locale, 'calendars.saved', {
        account: result.account.account,
        busy: rows.filter((r) => r.busy).length,
        hasWrite: receiving ? 'yes' : 'no',
        write: receiving?.name ?? '',
      });
      const moved = result.writeMovedFrom
        ? `<p>${escapeHtml(t(locale, 'calendars.movedFrom', { account: result.writeMovedFrom }))}</p>`
        : '';
      send(
        res,
        200,
        locale,
        t(locale, 'calendars.page.savedTitle'),
        `<p id="saved">${escapeHtml(saved)}</p>${moved}<ul>${rows.map((r) => rowText(locale, r)).join('')}</ul><p>${escapeHtml(t(locale, 'link.page.close'))}</p>`,
      );
    } catch (error) {
      log(`link-page: POST /link/calendars failed: ${error instanceof Error ? error.name : 'unknown'}`);
      internalError(req, res);
    }
  });
  return router;
}

/** What a failed POST typed into its form, shown again (never the password: not in `KEPT_FIELDS`). */
interface TypedFields {
  readonly kind: 'icloud' | 'caldav' | 'ics';
  readonly values: Readonly<Record<string, string>>;
}

const KEPT_FIELDS = ['address', 'username', 'url'] as const;

/** One calendar of the choice: as linked (the probe's list) or as listed later (`AccountView`). */
interface ChoiceRow {
  readonly id: string;
  readonly name: string;
  readonly color?: string;
  readonly writable: boolean;
  readonly busy: boolean;
  readonly receives: boolean;
  readonly busyUnreadable?: boolean;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function rowsOf(account: AccountView): ChoiceRow[] {
  return (account.calendars ?? []).map((c) => ({ ...c }));
}

function hiddenNote(locale: Locale, count: number): string {
  return `<p id="hidden">${escapeHtml(t(locale, 'calendars.hidden', { count, max: MAX_CALENDARS_SHOWN }))}</p>`;
}

function swatchOf(row: ChoiceRow): string {
  return row.color && /^#[0-9a-fA-F]{3,8}$/.test(row.color)
    ? `<span class="swatch" style="background:${escapeHtml(row.color)}"></span>`
    : '';
}

/** A calendar and its flags, read-only (after saving, or when the server has no choice). */
function rowText(locale: Locale, row: ChoiceRow): string {
  const notes = [
    t(locale, row.writable ? 'link.page.writable' : 'link.page.readOnly'),
    ...(row.busy ? [t(locale, 'link.page.busy')] : []),
    ...(row.receives ? [t(locale, 'link.page.writeTarget')] : []),
  ];
  return `<li data-calendar="${escapeHtml(row.id)}">${swatchOf(row)}${escapeHtml(row.name)} <small>(${escapeHtml(notes.join(', '))})</small></li>`;
}

/**
 * The choice: per calendar a "counts as busy" checkbox and a "receives new meetings" radio (read-only
 * calendars cannot be picked for meetings), plus "none of this account's".
 */
function choiceBody(
  locale: Locale,
  connectionId: string,
  rows: readonly ChoiceRow[],
  form: PageChoiceForm,
): string {
  const tick = 'style="width:auto;margin-right:.3rem"';
  const items = rows
    .map((row, i) => {
      const n = i + 1;
      const flag = t(locale, row.writable ? 'calendars.flag.writable' : 'calendars.flag.readOnly');
      const busyBox = `<label for="busy-${n}"><input id="busy-${n}" type="checkbox" name="busy" value="${escapeHtml(row.id)}"${row.busy ? ' checked' : ''}${row.busyUnreadable ? ' disabled' : ''} ${tick}>${escapeHtml(t(locale, row.busyUnreadable ? 'calendars.flag.busyUnreadable' : 'calendars.page.busyLegend'))}</label>`;
      const writeRadio = `<label for="write-${n}"><input id="write-${n}" type="radio" name="write" value="${escapeHtml(row.id)}"${row.receives ? ' checked' : ''}${row.writable ? '' : ' disabled'} ${tick}>${escapeHtml(t(locale, 'calendars.page.writeLegend'))}</label>`;
      return `<li data-calendar="${escapeHtml(row.id)}"><strong>${swatchOf(row)}${escapeHtml(row.name)}</strong> <small>(${escapeHtml(flag)})</small>${busyBox}${writeRadio}</li>`;
    })
    .join('');
  const none = !rows.some((r) => r.receives);
  return `<section id="choose"><h2>${escapeHtml(t(locale, 'calendars.page.title'))}</h2><p>${escapeHtml(t(locale, 'calendars.page.intro'))}</p><form method="post" action="/link/calendars"><input type="hidden" name="state" value="${escapeHtml(form.state)}"><input type="hidden" name="confirm" value="${escapeHtml(form.confirm)}"><input type="hidden" name="account" value="${escapeHtml(connectionId)}"><ul>${items}</ul><label for="write-none"><input id="write-none" type="radio" name="write" value=""${none ? ' checked' : ''} ${tick}>${escapeHtml(t(locale, 'calendars.page.noWrite'))}</label><button type="submit">${escapeHtml(t(locale, 'calendars.page.save'))}</button></form></section>`;
}

function pageBody(
  locale: Locale,
  page: Extract<DescribePageResult, { ok: true }>,
  state: string,
  error: LinkPageFailure | undefined,
  typed?: TypedFields,
): string {
  const workspace = page.workspaceName ?? t(locale, 'link.page.unknownWorkspace');
  const named = page.who === page.displayName ? page.who : `${page.who} (${page.displayName})`;
  const hidden = `<input type="hidden" name="state" value="${escapeHtml(state)}"><input type="hidden" name="confirm" value="${escapeHtml(page.confirmField)}">`;
  const input = (name: string, key: MessageKey, type = 'text', extra = '') => {
    const kept = type !== 'password' && typed?.kind === extra ? typed.values[name] : undefined;
    const value = kept === undefined ? '' : ` value="${escapeHtml(kept)}"`;
    return `<label for="${name}-${extra || 'x'}">${escapeHtml(t(locale, key))}</label><input id="${name}-${extra || 'x'}" name="${name}" type="${type}"${value} required autocomplete="off">`;
  };
  const sections: string[] = [];
  for (const kind of page.kinds) {
    const title = t(locale, KIND_KEYS[kind]);
    if (kind === 'google' || kind === 'microsoft') {
      const oauth = page.oauth[kind];
      if (!oauth) continue;
      sections.push(
        `<section id="kind-${kind}"><h2>${escapeHtml(title)}</h2><form method="post" action="${escapeHtml(oauth.action)}"><input type="hidden" name="state" value="${escapeHtml(oauth.state)}"><input type="hidden" name="confirm" value="${escapeHtml(oauth.confirm)}"><button type="submit">${escapeHtml(t(locale, 'link.page.oauthButton', { provider: title }))}</button></form></section>`,
      );
    } else if (kind === 'icloud') {
      sections.push(
        `<section id="kind-icloud"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(t(locale, 'link.page.icloud.help'))}</p><form method="post" action="/link/icloud">${hidden}${input('username', 'link.page.field.appleId', 'email', 'icloud')}${input('password', 'link.page.field.password', 'password', 'icloud')}<button type="submit">${escapeHtml(t(locale, 'link.page.submit'))}</button></form></section>`,
      );
    } else if (kind === 'caldav') {
      sections.push(
        `<section id="kind-caldav"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(t(locale, 'link.page.caldav.help'))}</p><form method="post" action="/link/caldav">${hidden}${input('address', 'link.page.field.address', 'text', 'caldav')}${input('username', 'link.page.field.username', 'text', 'caldav')}${input('password', 'link.page.field.password', 'password', 'caldav')}<button type="submit">${escapeHtml(t(locale, 'link.page.submit'))}</button></form></section>`,
      );
    } else {
      sections.push(
        `<section id="kind-ics"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(t(locale, 'link.page.ics.help'))}</p><form method="post" action="/link/ics">${hidden}${input('url', 'link.page.field.url', 'text', 'ics')}<button type="submit">${escapeHtml(t(locale, 'link.page.submit'))}</button></form></section>`,
      );
    }
  }
  const alert = error
    ? `<div id="error" role="alert"><strong>${escapeHtml(t(locale, 'link.page.failed'))}</strong><p>${escapeHtml(render(locale, error.message))}</p><small>${escapeHtml(error.code)}</small></div>`
    : '';
  return `${alert}<p id="intro">${escapeHtml(t(locale, 'link.page.intro', { who: named, workspace }))}</p>${sections.join('')}`;
}

function refuse(req: Request, res: Response, failure: LinkPageFailure): void {
  const locale = failure.locale ?? browserLocale(req);
  send(
    res,
    400,
    locale,
    t(locale, 'link.page.failed'),
    `<div id="error" role="alert"><p>${escapeHtml(render(locale, failure.message))}</p><small>${escapeHtml(failure.code)}</small></div>`,
  );
}

function internalError(req: Request, res: Response): void {
  if (res.headersSent) return;
  const locale = browserLocale(req);
  send(res, 500, locale, t(locale, 'link.page.failed'), '<p>500</p>');
}

function send(res: Response, status: number, locale: Locale, title: string, body: string): void {
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
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Convene</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}section{border-top:1px solid #d0d7de}label{display:block;margin-top:.5rem}input{width:100%;padding:.3rem;box-sizing:border-box}button{margin-top:.75rem}#error{border:1px solid #cf222e;padding:.5rem 1rem;background:#ffebe9}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.4rem}small{color:#57606a}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body>
</html>`);
}

function browserLocale(req: Request): Locale {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'en';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0] ?? '';
    if (isLocale(tag)) return tag;
  }
  return 'en';
}

function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function cookie(name: string, value: string, path: string, maxAge: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
