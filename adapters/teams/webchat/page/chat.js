/*
 * The chat page. The visitor chooses who they are among the demo members; each member's personal
 * chat with Samla, and each body's channel as that member sees it, is a Bot Framework Web Chat on
 * a Direct Line conversation served by Samla (polling). An unread mark shows where something new
 * has arrived; which member and which chat were open, and what has been seen, survive a reload.
 */
'use strict';

(async () => {
  const $ = (id) => document.getElementById(id);
  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => values[k] ?? m);
  const res = await fetch('/chat/api/roster');
  if (!res.ok) {
    document.body.textContent = `${res.status}`;
    return;
  }
  const roster = await res.json();
  const T = roster.texts;
  document.documentElement.lang = roster.lang;
  document.title = T.title;
  $('title').textContent = T.title;
  $('community').textContent = roster.community;
  $('demo-notice').textContent = T.demoNotice;
  $('who').textContent = T.whoAreYou;
  $('search').placeholder = T.search;
  $('channels-title').textContent = T.channels;

  const stored = (key, fallback) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') ?? fallback;
    } catch {
      return fallback;
    }
  };
  // Per community: a reseeded database starts its sequence again.
  const KEY = (name) => `samla.webchat.${roster.communityId}.${name}`;
  // The secretariat first (the one who opens rounds and polls), the console's own member at the top.
  const members = [...roster.members].sort(
    (a, b) =>
      Number(b.email === roster.firstEmail) - Number(a.email === roster.firstEmail) || Number(b.secretariat) - Number(a.secretariat) || a.name.localeCompare(b.name, roster.lang),
  );
  let me = members.find((m) => m.id === stored(KEY('me'), null)) ?? members[0];
  let view = stored(KEY('view'), { kind: 'dm' });
  if (view.kind === 'ch' && !roster.bodies.some((b) => b.key === view.key)) view = { kind: 'dm' };
  let seen = stored(KEY('seen'), null);
  let newest = { members: {}, channels: {} };
  let chat = null;

  const viewKey = () => (view.kind === 'dm' ? `dm.${me.id}` : `ch.${view.key}`);

  // ── the chooser ──────────────────────────────────────────────────────────────────────────

  const buttons = new Map();
  function item(list, key, label, sub, onClick, search) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.key = key;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = label;
    const mark = document.createElement('span');
    mark.className = 'unread';
    mark.hidden = true;
    mark.title = T.unread;
    mark.setAttribute('aria-label', T.unread);
    b.append(name, mark);
    for (const line of sub) {
      const s = document.createElement('span');
      s.className = 'sub';
      s.textContent = line;
      b.append(s);
    }
    b.addEventListener('click', onClick);
    li.append(b);
    li.dataset.search = search.toLowerCase();
    list.append(li);
    buttons.set(key, { button: b, mark });
  }
  for (const m of members) {
    item(
      $('members'),
      `dm.${m.id}`,
      m.name,
      [[m.party, m.title].filter(Boolean).join(' · '), m.roles.length > 3 ? `${m.roles.slice(0, 2).join(', ')} +${m.roles.length - 2}` : m.roles.join(', ')],
      () => {
        me = m;
        show({ kind: 'dm' });
      },
      [m.name, m.party, m.title, ...m.roles].join(' '),
    );
  }
  for (const b of roster.bodies) {
    item($('channels'), `ch.${b.key}`, b.short, [b.name], () => show({ kind: 'ch', key: b.key }), `${b.short} ${b.name}`);
  }
  $('search').addEventListener('input', () => {
    const q = $('search').value.trim().toLowerCase();
    for (const li of $('members').children) li.hidden = Boolean(q) && !li.dataset.search.includes(q);
  });

  function marks() {
    const open = viewKey();
    for (const [key, { button, mark }] of buttons) {
      const latest = key.startsWith('dm.') ? newest.members[key.slice(3)] : newest.channels[key.slice(3)];
      mark.hidden = key === open || !latest || latest <= (seen?.[key] ?? 0);
      button.setAttribute('aria-current', String(key === `dm.${me.id}` || key === open));
    }
  }

  // ── the chat ─────────────────────────────────────────────────────────────────────────────

  // A card's Action.Submit says which activity it is on, as a click in Teams does (replyToId):
  // errors then come back on that card, and a sent form is marked on it. The channel takes the
  // note out before Samla sees the click. One copy per attachment, so Web Chat keeps what is typed.
  const tagged = new WeakMap();
  const tag = (node, id) => {
    if (Array.isArray(node)) return node.map((n) => tag(n, id));
    if (!node || typeof node !== 'object') return node;
    const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tag(v, id)]));
    if (out.type === 'Action.Submit' && out.data && typeof out.data === 'object' && !Array.isArray(out.data)) out.data = { ...out.data, samlaWebChatCard: id };
    // Web Chat's adaptivecards 3.0 reads an empty number box as NaN and, given a min or max, calls
    // it invalid, so an optional number could never be left empty. Samla checks the range itself
    // and answers on the card, as it does in Teams; the bounds only feed the browser's own check.
    if (out.type === 'Input.Number' && !out.isRequired) {
      delete out.min;
      delete out.max;
    }
    return out;
  };
  const attachmentMiddleware = () => (next) => (args) => {
    const { activity, attachment } = args;
    if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive' || !activity?.id || activity.from?.role !== 'bot') return next(args);
    let copy = tagged.get(attachment);
    if (!copy) {
      copy = { ...attachment, content: tag(attachment.content, activity.id) };
      tagged.set(attachment, copy);
    }
    return next({ ...args, attachment: copy });
  };

  const initials = (name) =>
    name
      .split(/\s+/)
      .map((p) => p[0])
      .join('')
      .slice(0, 2);

  function show(next) {
    view = next;
    localStorage.setItem(KEY('me'), JSON.stringify(me.id));
    localStorage.setItem(KEY('view'), JSON.stringify(view));
    if (chat) {
      chat.directLine.end();
      chat.element.remove();
    }
    const body = view.kind === 'ch' ? roster.bodies.find((b) => b.key === view.key) : null;
    $('viewing-title').textContent = body ? `${body.short} — ${body.name}` : me.name;
    $('viewing-sub').textContent = body ? fill(T.viewingAs, { name: me.name }) : [me.party, me.title, me.roles.join(', ')].filter(Boolean).join(' · ');
    $('hint').textContent = body ? fill(T.channelHint, { body: body.short }) : T.hint;
    const element = document.createElement('div');
    element.style.height = '100%';
    $('webchat').append(element);
    if (!window.WebChat) {
      element.textContent = T.noWebChat;
      return;
    }
    const id = body ? `ch.${body.key}.${me.id}` : `dm.${me.id}`;
    const directLine = window.WebChat.createDirectLine({ domain: `${location.origin}/v3/directline`, conversationId: id, token: id, webSocket: false, pollingInterval: 500 });
    window.WebChat.renderWebChat(
      {
        directLine,
        userID: me.userId,
        username: me.name,
        locale: me.lang === 'en' ? 'en-US' : 'nb-NO',
        attachmentMiddleware,
        styleOptions: { hideSendBox: Boolean(body), botAvatarInitials: 'S', userAvatarInitials: initials(me.name), bubbleMaxWidth: 640 },
      },
      element,
    );
    chat = { directLine, element };
    document.querySelector(`[data-key="${CSS.escape(`dm.${me.id}`)}"]`)?.scrollIntoView({ block: 'nearest' });
    marks();
  }

  async function poll() {
    try {
      const r = await fetch('/chat/api/unread');
      if (r.ok) newest = await r.json();
    } catch {
      return;
    }
    // The first visit has seen everything so far; from then on, what arrives where nobody looks is marked.
    if (!seen) {
      seen = {};
      for (const [id, s] of Object.entries(newest.members)) seen[`dm.${id}`] = s;
      for (const [k, s] of Object.entries(newest.channels)) seen[`ch.${k}`] = s;
    }
    const open = viewKey();
    const latest = view.kind === 'dm' ? newest.members[me.id] : newest.channels[view.key];
    if (latest) seen[open] = latest;
    localStorage.setItem(KEY('seen'), JSON.stringify(seen));
    marks();
  }

  show(view);
  await poll();
  setInterval(poll, 1500);
})();
