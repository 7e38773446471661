// Convene playground: plain browser JavaScript, no dependencies. It only renders the platform-neutral
// views the server's use cases return (ProposalView, BookingView, WeekView); it computes no times.
// All text from the server is inserted with textContent, never as HTML. The page's own words come from the
// server's catalogue too (GET /strings?locale=), in the language of the demo person acting: no table here.

const API = '/playground/api';
const COLORS = ['#4f46e5', '#0891b2', '#c2410c', '#be185d', '#15803d', '#7c3aed'];
const DAY_START = 6 * 60; // the week grids show 06:00–22:00 local time
const DAY_END = 22 * 60;
const PX_PER_MIN = 0.4;

const state = { people: [], me: null, lang: null, strings: {}, buttons: {} };
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'style') Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function call(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  let data;
  try {
    data = await response.json();
  } catch {
    data = { ok: false, error: { message: T('httpError', { status: response.status }) } };
  }
  return data;
}

/** The page's text `name` in the current language, `{param}`s filled in. */
function T(name, params = {}) {
  const text = state.strings[name] ?? name;
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? String(params[key]) : whole));
}

/** Fetches the page's text in `locale` and words the static page with it (`data-i18n` elements). */
async function loadStrings(locale) {
  if (state.lang === locale) return;
  const answer = await call('GET', `/strings?locale=${encodeURIComponent(locale ?? '')}`);
  state.strings = answer.strings ?? {};
  state.lang = answer.locale ?? locale;
  document.documentElement.lang = state.lang;
  document.title = T('page.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = T(node.dataset.i18n);
}

function person(id) {
  return state.people.find((p) => p.id === id);
}

function scrollLog() {
  const log = $('#log');
  log.scrollTop = log.scrollHeight;
}

function say(kind, content, lang) {
  const who = kind === 'me' ? (state.me?.name ?? T('you')) : 'Convene';
  const item = el('li', { class: `msg ${kind}`, lang }, el('div', { class: 'who', text: who }), content);
  $('#log').append(item);
  scrollLog();
  return item;
}

// --- who am I ------------------------------------------------------------------------------------

function renderPeople() {
  const box = $('#people');
  box.replaceChildren(el('legend', { class: 'sr-only', text: T('page.pickPerson') }));
  state.people.forEach((p, i) => {
    const input = el('input', {
      type: 'radio',
      name: 'me',
      value: p.id,
      checked: state.me?.id === p.id,
      onchange: () => choose(p.id),
    });
    box.append(
      el(
        'label',
        { class: 'person', 'data-person-key': p.key },
        input,
        el('span', {
          class: 'avatar',
          style: { background: COLORS[i % COLORS.length] },
          'aria-hidden': 'true',
          text: p.name[0],
        }),
        el(
          'span',
          {},
          el('strong', { text: p.name }),
          el('span', { class: 'zone', text: `${p.timeZone} · ${p.language}` }),
        ),
      ),
    );
  });
  $('#feeds').replaceChildren(
    ...state.people.flatMap((p, i) => [
      i > 0 ? ', ' : '',
      el('a', { href: p.calendarUrl, text: `${p.key}.ics` }),
    ]),
  );
}

async function choose(id) {
  state.me = person(id);
  await loadStrings(state.me.locale);
  renderPeople();
  const input = $('#request-text');
  const others = state.people
    .filter((p) => p.id !== id)
    .slice(0, 2)
    .map((p) => `@${p.key}`)
    .join(' ');
  input.placeholder = T('placeholder', { others });
}

// --- proposals -----------------------------------------------------------------------------------

function renderHeatmap(heatmap) {
  const days = new Map();
  heatmap.columns.forEach((c, i) => {
    if (!days.has(c.day)) days.set(c.day, { label: c.dayLabel, indices: [] });
    days.get(c.day).indices.push(i);
  });
  const tables = [...days.values()].map(({ label, indices }) => {
    const head = el(
      'tr',
      {},
      el('td'),
      indices.map((i) =>
        el('th', {
          scope: 'col',
          text: heatmap.columns[i].hour % 6 === 0 ? String(heatmap.columns[i].hour) : '',
        }),
      ),
    );
    const rows = heatmap.rows.map((row) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row', text: row.name }),
        indices.map((i) => {
          const cell = row.cells[i];
          const word = T(`heat.${cell}`);
          return el('td', {
            class: cell,
            title: `${row.name}, ${label} ${heatmap.columns[i].hour}:00 — ${word}`,
          });
        }),
      ),
    );
    const total = heatmap.rows.length;
    const all = el(
      'tr',
      { class: 'all' },
      el('th', { scope: 'row', text: T('heat.all') }),
      indices.map((i) => {
        const n = heatmap.freeCount[i];
        const share = total === 0 ? 0 : n / total;
        return el('td', {
          title: `${label} ${heatmap.columns[i].hour}:00 — ${T('heat.freeCount', { free: n, total })}`,
          style: {
            background:
              share === 1 ? '#15803d' : share > 0 ? `rgba(52, 168, 83, ${0.15 + share * 0.5})` : '#eef0f5',
          },
        });
      }),
    );
    return el(
      'table',
      { class: 'heat-day' },
      el('caption', { text: label }),
      el('thead', {}, head),
      el('tbody', {}, rows, all),
    );
  });
  const city = heatmap.timeZone.split('/').pop().replaceAll('_', ' ');
  return el(
    'details',
    { class: 'heat', open: true },
    el('summary', { text: T('heat.title', { city }) }),
    el('div', { class: 'heat-days' }, tables),
    el(
      'div',
      { class: 'legend' },
      el('span', {}, el('i', { style: { background: 'var(--free)' } }), T('heat.free')),
      el('span', {}, el('i', { style: { background: 'var(--busy)' } }), T('heat.busy')),
      el(
        'span',
        {},
        el('i', { style: { background: 'var(--off)', outline: '1px solid #ccd' } }),
        T('heat.off'),
      ),
      el('span', {}, el('i', { style: { background: '#15803d' } }), T('heat.everyone')),
    ),
  );
}

function slotButton(slot, proposalId, locale) {
  const others = slot.labels.filter((l) => l.personId !== state.me.id).map((l) => `${l.name}: ${l.text}`);
  // A series: its line ("free on 11 of 12 Tuesdays; Li is busy on Tue 3 Feb"); with conflicts, the
  // button books anyway (`series.bookSlotId`) and says so.
  const slotId = slot.series?.bookSlotId ?? slot.id;
  const anyway = slotId !== slot.id;
  return el(
    'button',
    {
      type: 'button',
      class: anyway ? 'slot anyway' : 'slot',
      'data-proposal-id': proposalId,
      'data-slot-id': slotId,
      onclick: (event) => book(proposalId, slotId, locale, event.currentTarget),
    },
    el('span', { class: 'rank', text: `${slot.rank}.` }),
    anyway ? el('span', { class: 'anyway', text: `${label(locale, 'bookAnyway')}:` }) : null,
    el('span', { class: 'when', text: slot.label }),
    ' · ',
    el('span', { class: 'reason', text: slot.reason }),
    slot.series ? el('span', { class: 'series', text: slot.series.line }) : null,
    others.length > 0 ? el('span', { class: 'zones', text: others.join(' · ') }) : null,
  );
}

/**
 * A slot's buttons: the slot's own, and for a series time with conflicts "Book, move clashing dates"
 * (`series.moveSlotId`: books the series and moves each clashing occurrence to a nearby free time).
 */
function slotButtons(slot, proposalId, locale) {
  const moveId = slot.series?.moveSlotId;
  if (!moveId) return [slotButton(slot, proposalId, locale)];
  return [
    slotButton(slot, proposalId, locale),
    el(
      'button',
      {
        type: 'button',
        class: 'slot move',
        'data-proposal-id': proposalId,
        'data-slot-id': moveId,
        onclick: (event) => book(proposalId, moveId, locale, event.currentTarget),
      },
      el('span', { class: 'rank', text: `${slot.rank}.` }),
      el('span', { class: 'anyway', text: `${label(locale, 'bookAndMove')}:` }),
      el('span', { class: 'when', text: slot.label }),
    ),
  ];
}

function renderProposals(view) {
  return el(
    'div',
    { class: 'proposals' },
    el('p', {}, el('strong', { text: view.headline })),
    el('p', { class: 'small muted', text: T('window', { window: view.window.label }) }),
    view.notes.map((n) => el('p', { class: 'note', text: n })),
    view.gaps.map((g) => el('p', { class: 'note', text: g.message })),
    el(
      'div',
      { class: 'slots', role: 'group', 'aria-label': T('slots') },
      view.slots.flatMap((s) => slotButtons(s, view.proposalId, view.locale)),
    ),
    requestControls(view.proposalId, view.locale),
    renderHeatmap(view.heatmap),
  );
}

/** The server's label for a request or booking button in `locale` (see /demo `buttons`). */
function label(locale, key) {
  return (state.buttons[locale] ?? state.buttons.en)?.[key] ?? key;
}

function control(text, onclick, extra = '') {
  return el('button', { type: 'button', class: `control${extra}`, text, onclick });
}

/** "More times" and "Cancel" under proposals: ids only, the server reads the stored request. */
function requestControls(proposalId, locale) {
  const row = el('div', { class: 'controls', 'data-proposal-id': proposalId });
  const done = () => {
    const ids = `button[data-proposal-id="${proposalId}"], [data-proposal-id="${proposalId}"] button`;
    for (const b of document.querySelectorAll(ids)) b.disabled = true;
  };
  row.append(
    control(label(locale, 'moreTimes'), async () => {
      const result = await call('POST', `/proposals/${encodeURIComponent(proposalId)}/more`, {
        personId: state.me.id,
      });
      if (result.ok) done();
      showRequestResult(result);
    }),
    control(
      label(locale, 'cancelRequest'),
      async () => {
        const result = await call('POST', `/proposals/${encodeURIComponent(proposalId)}/cancel`, {
          personId: state.me.id,
        });
        if (result.ok) done();
        say(result.ok ? 'bot' : 'bot error', el('p', { text: result.message ?? result.error?.message }));
      },
      ' danger',
    ),
  );
  return row;
}

/** "Reschedule" (new times, each a button) and "Cancel meeting" under a booked meeting. */
function bookingControls(view) {
  const path = `/bookings/${encodeURIComponent(view.bookingId)}`;
  const people = view.participants.map((p) => p.personId);
  const managed = async (result) => {
    if (!result.ok) return say('bot error', el('p', { text: result.error?.message }), result.error?.locale);
    say('bot', el('p', {}, el('strong', { text: result.view.headline })), result.view.locale);
    // A split series ("and following"): the meetings from then on are the new booking's.
    const shown = result.view.newBookingId ?? result.view.bookingId;
    await showCalendars(people, result.view.start, shown, result.view.locale);
  };
  // New times for one occurrence (`times` → `move`) or for it and the following ones (`following-times` →
  // `following`): a read first, then each time a button (with how many following dates are free there).
  const occurrenceTimes = (start, read, pick, box) => async () => {
    const times = await call(
      'GET',
      `${path}/occurrences/${read}?personId=${encodeURIComponent(state.me.id)}&start=${start}`,
    );
    if (!times.ok) return say('bot error', el('p', { text: times.error?.message }), times.error?.locale);
    const options = times.view.options.map((o) =>
      el(
        'button',
        {
          type: 'button',
          class: 'control',
          'data-start': o.start,
          onclick: async () =>
            managed(
              await call('POST', `${path}/occurrences/${pick}`, {
                personId: state.me.id,
                start,
                newStart: o.start,
              }),
            ),
        },
        o.label,
        o.reason ? el('span', { class: 'series', text: o.reason }) : null,
      ),
    );
    say(
      'bot',
      el(
        'div',
        { class: box },
        el('p', { text: times.view.headline }),
        el('div', { class: 'controls' }, options),
      ),
      times.view.locale,
    );
  };
  return el(
    'div',
    { class: 'controls', 'data-booking-id': view.bookingId },
    // A series that has begun is no longer moved whole: its dates move one at a time or from one on.
    view.series?.begun
      ? null
      : control(label(view.locale, 'reschedule'), async () => {
          const times = await call('GET', `${path}/times?personId=${encodeURIComponent(state.me.id)}`);
          if (!times.ok)
            return say('bot error', el('p', { text: times.error?.message }), times.error?.locale);
          const options = times.view.options.map((o) =>
            control(o.label, async () => {
              managed(await call('POST', `${path}/reschedule`, { personId: state.me.id, start: o.start }));
            }),
          );
          say(
            'bot',
            el('div', {}, el('p', { text: times.view.headline }), el('div', { class: 'controls' }, options)),
          );
        }),
    control(
      label(view.locale, 'cancelMeeting'),
      async () => managed(await call('POST', `${path}/cancel`, { personId: state.me.id })),
      ' danger',
    ),
    // A series: "Move <date> only" (new times for that one, each a button), "Move <date> and following"
    // (once an earlier date is past), "Cancel <date> only" and "End the series after <date>" (worded by
    // the server).
    view.series
      ? control(
          view.series.move.label,
          occurrenceTimes(view.series.move.start, 'times', 'move', 'occurrence-times'),
        )
      : [],
    view.series?.moveFollowing
      ? control(
          view.series.moveFollowing.label,
          occurrenceTimes(view.series.moveFollowing.start, 'following-times', 'following', 'following-times'),
        )
      : [],
    view.series
      ? control(view.series.next.label, async () =>
          managed(
            await call('POST', `${path}/occurrences/cancel`, {
              personId: state.me.id,
              start: view.series.next.start,
            }),
          ),
        )
      : [],
    view.series?.endFrom
      ? control(
          view.series.endFrom.label,
          async () =>
            managed(
              await call('POST', `${path}/occurrences/end`, {
                personId: state.me.id,
                start: view.series.endFrom.start,
              }),
            ),
          ' danger',
        )
      : [],
  );
}

/** Proposals, a reply (help, status, settings, teams), a question with one button per answer (`pending`: ids only), or the error. */
function showRequestResult(result) {
  if (result.ok && result.help) {
    say('bot', el('p', { class: 'help', text: result.help.text }), result.help.locale);
    return;
  }
  // `/meet cancel` / `/meet reschedule`: the upcoming meetings, each with its buttons.
  if (result.ok && result.upcoming) {
    const { locale, intro, meetings } = result.upcoming;
    say(
      'bot',
      el(
        'div',
        { class: 'upcoming' },
        el('p', { text: intro }),
        meetings.map((m) =>
          el(
            'div',
            { class: 'confirm', 'data-booking-id': m.bookingId },
            el('p', {}, el('strong', { text: m.title }), ` — ${m.label}`),
            el('p', { class: 'small muted', text: m.participants.map((p) => p.name).join(', ') }),
            bookingControls(m),
          ),
        ),
      ),
      locale,
    );
    return;
  }
  // `/meet link`: the link page of the acting person (signed, single-use, 15 minutes), as a button.
  if (result.ok && result.link) {
    const { locale, text, url, button } = result.link;
    say(
      'bot',
      el(
        'div',
        {},
        el('p', { class: 'help', text }),
        el('a', { class: 'button', href: url, target: '_blank', rel: 'noopener noreferrer', text: button }),
      ),
      locale,
    );
    return;
  }
  // `/meet status`, `/meet settings …`, `/meet team …`, `/meet unlink`: a worded reply.
  if (result.ok && result.reply) {
    say('bot', el('p', { class: 'help', text: result.reply.text }), result.reply.locale);
    return;
  }
  if (result.ok) {
    say('bot', renderProposals(result.view), result.view.locale);
    return;
  }
  const error = result.error ?? {};
  if (error.pending) {
    say(
      'bot',
      el(
        'div',
        { class: 'question' },
        el('p', { text: error.message }),
        el(
          'div',
          { class: 'slots', role: 'group', 'aria-label': T('answers') },
          error.pending.choices.map((c) =>
            el('button', {
              type: 'button',
              class: 'slot answer',
              'data-question-id': error.pending.id,
              'data-choice': String(c.index),
              text: c.label,
              onclick: (event) => answer(error.pending.id, c.index, event.currentTarget),
            }),
          ),
        ),
      ),
      error.locale,
    );
    return;
  }
  say(
    'bot error',
    el(
      'div',
      {},
      el('p', { text: error.message ?? T('failed') }),
      error.heatmap ? renderHeatmap(error.heatmap) : null,
    ),
    error.locale,
  ).classList.add('error');
}

async function answer(questionId, choice, button) {
  const buttons = document.querySelectorAll(`.answer[data-question-id="${questionId}"]`);
  for (const b of buttons) b.disabled = true;
  button?.classList.add('chosen');
  say('me', button?.textContent ?? '');
  try {
    const result = await call('POST', '/answers', { personId: state.me.id, questionId, choice });
    showRequestResult(result);
  } catch {
    say('bot error', el('p', { text: T('noAnswer') }));
  }
}

async function submit(event) {
  event.preventDefault();
  const input = $('#request-text');
  const text = input.value.trim();
  if (!text || !state.me) return;
  say('me', text);
  input.value = '';
  $('#send').disabled = true;
  try {
    showRequestResult(await call('POST', '/requests', { personId: state.me.id, text }));
  } catch {
    say('bot error', el('p', { text: T('noAnswer') }));
  } finally {
    $('#send').disabled = false;
    input.focus();
  }
}

// --- booking ---------------------------------------------------------------------------------------

async function book(proposalId, slotId, locale, button) {
  const buttons = document.querySelectorAll(`.slot[data-proposal-id="${proposalId}"]`);
  for (const b of buttons) b.disabled = true;
  let result;
  try {
    result = await call('POST', '/bookings', { personId: state.me.id, proposalId, slotId, locale });
  } catch {
    result = { ok: false, error: { message: T('noAnswer') } };
  }
  if (!result.ok) {
    const error = result.error ?? {};
    const content = el('div', {}, el('p', { text: error.message ?? T('failed') }));
    // A series conflict: "book anyway" and "book, move clashing dates" for the clicked time, then the
    // other free times.
    const offered = [...(error.anyway ? [error.anyway] : []), ...(error.remaining ?? [])];
    if (offered.length > 0)
      content.append(
        el(
          'div',
          { class: 'slots' },
          offered.flatMap((s) => slotButtons(s, proposalId, locale)),
        ),
      );
    say('bot error', content, error.locale);
    if (error.code !== 'slot_taken' && error.code !== 'proposal_closed')
      for (const b of buttons) b.disabled = false;
    return;
  }
  const view = result.view;
  button?.classList.add('chosen');
  say(
    'bot',
    el(
      'div',
      { class: 'confirm' },
      el('p', {}, el('strong', { text: view.headline })),
      el(
        'ul',
        {},
        view.participants.map((p) =>
          el('li', { text: `${p.name}: ${p.label}${p.note ? ` — ${p.note}` : ''}` }),
        ),
      ),
      view.seriesConflicts ? el('p', { class: 'note', text: view.seriesConflicts }) : null,
      view.seriesMoves ? el('p', { class: 'note moves', text: view.seriesMoves.text }) : null,
      el('p', {
        class: 'small muted',
        text: T('calendarsBelow'),
      }),
      bookingControls(view),
    ),
    view.locale,
  );
  await showCalendars(
    view.participants.map((p) => p.personId),
    view.start,
    view.bookingId,
    view.locale,
  );
}

function hhmm(minutes) {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function renderWeek(week, bookingId) {
  const height = (DAY_END - DAY_START) * PX_PER_MIN;
  const hours = el('div', { class: 'hours', style: { height: `${height}px` }, 'aria-hidden': 'true' });
  for (let m = DAY_START; m <= DAY_END; m += 120) {
    hours.append(el('span', { style: { top: `${(m - DAY_START) * PX_PER_MIN}px` }, text: hhmm(m) }));
  }
  const heads = week.days.map((d) => el('div', { class: 'dayhead', text: d.label }));
  const columns = week.days.map((d, i) => {
    const column = el('div', { class: 'day', style: { height: `${height}px` }, 'aria-label': d.label });
    const order = { working: 0, busy: 1, meeting: 2 };
    const blocks = week.blocks.filter((b) => b.day === i).sort((a, b) => order[a.kind] - order[b.kind]);
    for (const b of blocks) {
      const top = Math.max(b.startMinute, DAY_START);
      const bottom = Math.min(b.endMinute, DAY_END);
      if (bottom <= top) continue;
      const isNew = b.kind === 'meeting' && b.bookingId === bookingId;
      column.append(
        el('div', {
          class: `block ${b.kind}${isNew ? ' new' : ''}`,
          title: b.label,
          'data-booking-id': b.bookingId,
          style: {
            top: `${(top - DAY_START) * PX_PER_MIN}px`,
            height: `${Math.max((bottom - top) * PX_PER_MIN, 4)}px`,
          },
          text: b.kind === 'meeting' ? b.title : '',
        }),
      );
    }
    return column;
  });
  const meetings = week.blocks.filter((b) => b.kind === 'meeting');
  return el(
    'section',
    { class: 'person-week', 'data-person-id': week.personId, 'aria-label': `${week.name}` },
    el('h3', {}, week.name, ' ', el('span', { class: 'zone', text: `· ${week.city} (${week.timeZone})` })),
    el('div', { class: 'week' }, el('div'), heads, hours, columns),
    el(
      'ul',
      { class: 'week-note' },
      meetings.length === 0
        ? el('li', { text: T('week.none') })
        : meetings.map((m) => el('li', { class: 'meeting-line', text: `★ ${m.label}` })),
      week.complete ? null : el('li', { text: T('week.incomplete') }),
    ),
  );
}

async function showCalendars(personIds, at, bookingId, locale) {
  const weeks = await Promise.all(
    personIds.map((id) =>
      call(
        'GET',
        `/calendars/${encodeURIComponent(id)}?viewer=${encodeURIComponent(state.me.id)}&at=${at}&locale=${locale}`,
      ),
    ),
  );
  const box = $('#calendars');
  box.replaceChildren(...weeks.filter((w) => w.ok).map((w) => renderWeek(w.week, bookingId)));
  $('#cal-hint').hidden = false;
  box.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// --- start -------------------------------------------------------------------------------------------

async function reset() {
  const status = $('#reset-status');
  status.textContent = T('resetting');
  const result = await call('POST', '/reset', { locale: state.lang });
  status.textContent = result.ok ? result.message : T('resetFailed');
  $('#calendars').replaceChildren();
}

async function init() {
  $('#request-form').addEventListener('submit', submit);
  $('#reset').addEventListener('click', reset);
  for (const b of document.querySelectorAll('.example')) {
    b.addEventListener('click', () => {
      $('#request-text').value = b.dataset.text;
      $('#request-text').focus();
    });
  }
  const demo = await call('GET', '/demo');
  state.people = demo.people ?? [];
  state.buttons = demo.buttons ?? {};
  $('#notice').textContent = (demo.notice ?? '').replace(/^DEMO DATA:\s*/, '');
  state.me = state.people[0] ?? null;
  if (state.me) await choose(state.me.id);
  else {
    await loadStrings(navigator.language);
    renderPeople();
  }
  document.body.dataset.ready = 'true';
}

init();
