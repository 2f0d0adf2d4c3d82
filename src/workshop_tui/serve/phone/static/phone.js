// workshop-tui's participant page: join by name, add, edit and delete your own items, place dots.
// Live over one websocket (`live`). Nothing typed is lost: the text box and every item not yet
// acknowledged by the server are kept in localStorage and sent again on reconnection; each item
// carries an id made here, so the server stores it once however often it is sent.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  // The page's words in its language: the server puts them in a JSON block (`#words`); English
  // is the key and the fallback; t(text, { name: value }) fills its {name} placeholders.
  const WORDS = (() => { try { return JSON.parse($("words").textContent); } catch (e) { return {}; } })();
  const t = (text, args = {}) => (WORDS[text] || text).replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
  const room = document.body.dataset.room || "room";
  const key = (name) => `workshop-tui.${room}.${name}`;
  const store = {
    get(name, fallback) {
      try { const value = localStorage.getItem(name); return value === null ? fallback : JSON.parse(value); }
      catch (e) { return fallback; }
    },
    set(name, value) { try { localStorage.setItem(name, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ } },
  };
  const newId = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };
  const token = store.get("workshop-tui.token", null) || newId() + newId();
  store.set("workshop-tui.token", token);
  let client = sessionStorage.getItem(key("client"));
  if (!client) { client = newId(); sessionStorage.setItem(key("client"), client); }

  const S = {
    me: null, askedName: store.get(key("name"), ""), view: null, last: null, held: null, editing: null,
    outbox: store.get(key("outbox"), []).filter((op) => !op.acked),  // an answered write is saved browse: Number(sessionStorage.getItem(key("browse")) || 0),
    column: (store.get(key("draft"), {}).column) || "action", undo: [], seen: new Set(), seenStep: 0,
    ws: null, online: false, serial: 0, heard: 0, retry: 0, again: 0, timerAt: 0,
  };
  const saveOutbox = () => store.set(key("outbox"), S.outbox);
  const short = (text, n = 60) => { const line = text.split(/\s+/).join(" "); return line.length > n ? line.slice(0, n - 1) + "…" : line; };
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };
  // Writing a property the DOM already holds still costs a style pass and a frame (an idle
  // page would redraw every second): write only what changed.
  const put = (node, text) => { if (node.textContent !== text) node.textContent = text; };
  const hide = (node, hidden) => { if (node.hidden !== hidden) node.hidden = hidden; };
  const disable = (node, disabled) => { if (node.disabled !== disabled) node.disabled = disabled; };
  const announce = (text) => { const live = $("announce"); live.textContent = ""; setTimeout(() => { live.textContent = text; }, 50); };
  const setStatus = (text, away = false) => { const s = $("status"); if (s.textContent !== text) s.textContent = text; s.classList.toggle("-away", away); };

  // -- the connection ----------------------------------------------------------------------

  function connect() {
    clearTimeout(S.again);
    const url = new URL("live", location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    const serial = ++S.serial;
    S.ws = ws;
    ws.onopen = () => {
      S.online = true; S.retry = 0; S.heard = Date.now();
      send({ t: "hello", client, token, name: S.me || S.askedName || "", step: S.browse });
    };
    ws.onmessage = (event) => { S.heard = Date.now(); receive(JSON.parse(event.data)); };
    ws.onclose = () => { if (serial === S.serial) lost(); };
  }

  // The connection is gone (closed, or silent for three ticks): keep everything, try again.
  function lost() {
    const wasOnline = S.online;
    S.serial++;
    S.online = false;
    if (S.ws) { try { S.ws.close(); } catch (e) { /* already closed */ } }
    S.ws = null;
    S.outbox = S.outbox.filter((op) => !op.acked);  // answered: saved, whatever the next view says
    for (const op of S.outbox) op.sent = false;
    showStatus();
    render();
    whyClosed(wasOnline);
  }

  async function whyClosed(wasOnline) {
    let delay = wasOnline ? 300 : Math.min(5000, 300 * 2 ** S.retry++);
    try {
      const answer = await fetch("live", { cache: "no-store" });
      if (answer.status === 404) { setStatus(t("This link has ended: ask the facilitator for the new one"), true); delay = 10000; }
      else if (answer.status === 503) { setStatus(t("The session is full: ask the facilitator"), true); delay = 10000; }
    } catch (e) { /* the server is away: keep trying */ }
    S.again = setTimeout(connect, delay);
  }

  function send(message) {
    if (!S.online || !S.ws) return false;
    S.ws.send(JSON.stringify(message));
    return true;
  }

  // At most IN_FLIGHT writes wait for their answer at once: the server closes a page that sends
  // faster than a person could (PagePace), and a long outbox kept while offline goes out paced.
  const IN_FLIGHT = 20;

  function flush() {
    if (!S.me) return;
    let flying = S.outbox.filter((op) => op.sent).length;
    for (const op of S.outbox) {
      if (flying >= IN_FLIGHT) break;
      if (op.sent || op.held) continue;
      const { sent, held, ...message } = op;
      if (send(message)) { op.sent = true; flying++; }
    }
    showStatus();
  }

  function queue(op) {
    S.outbox.push(op);
    saveOutbox();
    flush();
    render();
  }

  function showStatus() {
    const waiting = S.outbox.length;
    if (!S.online) setStatus(waiting ? t("reconnecting… {count} waiting to send", { count: waiting }) : t("reconnecting…"), true);
    else if (waiting) setStatus(t("Saving {count}…", { count: waiting }));
    else setStatus(S.me ? t("Saved · live") : t("Connected"));
  }

  // -- what the server says ----------------------------------------------------------------

  function receive(message) {
    switch (message.t) {
      case "welcome": return welcome(message);
      case "view": S.last = message; return view(message);
      case "delta": return delta(message);
      case "ack": return settled(message.ref, message, true);
      case "refused": return refused(message);
      case "held": return held(message);
      case "problem": return setStatus(message.message, true);
      default: return undefined;
    }
  }

  function welcome(message) {
    if (message.name) {
      const first = !S.me;
      S.me = message.name;
      store.set(key("name"), S.me);
      $("you").textContent = t("You are {name}", { name: S.me });
      showScreen();
      if (first && S.view) $("entry").focus({ preventScroll: true });
      flush();
    } else {
      S.me = null;
      showScreen();
      $("name").value = $("name").value || S.askedName;
      $("join-problem").textContent = message.problem || "";
    }
    showStatus();
  }

  // The name first; the board once the step to show has arrived too (Add needs both).
  function showScreen() {
    hide($("join"), !!S.me);
    hide($("board"), !(S.me && S.view));
  }

  // The server's answer to a write. A write it saved (`answered`) stays drawn as it is until a
  // view shows it, which follows the answer within moments: dropped at once, an added item would
  // blink out (an edited one back to its old text) in between, and the page draw twice.
  function settled(ref, message, answered = false) {
    const index = S.outbox.findIndex((op) => (op.ref || op.id) === ref);
    const keep = answered && index >= 0 && ["add", "edit", "delete"].includes(S.outbox[index].t);
    if (index >= 0) {
      const op = S.outbox[index];
      if (keep) op.acked = 1;
      else S.outbox.splice(index, 1);
      saveOutbox();
      if (op.t === "delete" && message.undo) {
        S.undo.push({ id: message.undo, text: op.text || "" });
        showUndo();
      }
      flush();
    }
    showStatus();
    if (!keep) render();
  }

  function refused(message) {
    const op = S.outbox.find((each) => (each.ref || each.id) === message.ref);
    settled(message.ref, {});
    if (op && op.t === "add") {  // never lose the words: back into the text box
      const entry = $("entry");
      entry.value = entry.value ? `${op.text}\n${entry.value}` : op.text;
      saveDraft();
    }
    note(message.message);
  }

  function held(message) {
    const op = S.outbox.find((each) => (each.ref || each.id) === message.ref);
    if (op) { op.held = true; op.sent = false; }
    note(message.message);
    showStatus();
  }

  function note(text) { put($("compose-note"), text); if (text) announce(text); }

  // What changed since the view sent last: the items as runs of that view's items ([start, end])
  // and the items that are new or changed. A delta that does not follow the view held (a view
  // was lost) asks for the whole view again.
  function delta(message) {
    if (!S.last || S.last.seq !== message.base) { send({ t: "look", step: S.browse }); return; }
    const base = S.last.items;
    const items = [];
    for (const entry of message.items) {
      if (Array.isArray(entry)) for (let i = entry[0]; i < entry[1]; i++) items.push(base[i]);
      else items.push(entry);
    }
    S.last = { ...message, t: "view", items };
    view(S.last);
  }

  // Whether a view shows what an answered write did; if two views in a row do not (someone
  // deleted the item meanwhile, or the page moved to another step), it is let go all the same.
  const shows = (op, stored) => (op.t === "delete" ? !stored.has(op.id)
                                 : stored.has(op.id) && (op.t === "add" || stored.get(op.id).text === op.text));

  function view(message) {
    const old = S.view;
    if (S.editing && old && old.step.n !== message.step.n) {  // never pull an edit away
      S.held = message;
      const waiting = $("waiting");
      waiting.textContent = t("The facilitator is on step {step}: you follow once your edit is saved or cancelled.", { step: message.step.n });
      hide(waiting, false);
      return;
    }
    S.held = null;
    hide($("waiting"), true);
    S.view = message;
    const stored = new Map(message.items.map((item) => [item.id, item]));
    const before = S.outbox.length;
    S.outbox = S.outbox.filter((op) => !(op.t === "add" && stored.has(op.id))  // its answer may be lost
                                       && !(op.acked && (shows(op, stored) || ++op.acked > 2)));
    if (S.outbox.length !== before) saveOutbox();
    S.timerAt = Date.now();
    if (message.phase !== "vote") for (const op of S.outbox) op.held = false;
    flush();
    if (!old || old.step.n !== message.step.n) {
      S.seen = new Set(message.items.map((item) => item.id));
      S.seenStep = message.step.n;
      arrivals.items.length = 0;
      if (old) announce(`Step ${message.step.n}: ${message.step.title}`);
    }
    const hidden = $("board").hidden;
    showScreen();
    render();
    if (hidden && !$("board").hidden) $("entry").focus({ preventScroll: true });
  }

  // -- drawing -------------------------------------------------------------------------------

  // Views can arrive faster than frames (a room adding at once): draw once per frame.
  let frame = 0;
  function render() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function draw() {
    const v = S.view;
    if (!v) return;
    const title = `${v.step.title} · ${v.session.title}`;
    if (document.title !== title) document.title = title;
    put($("session-title"), v.session.title);
    put($("join-step"), t("Now: step {step} of {steps}, {title}", { step: v.step.n, steps: v.session.steps, title: v.step.title }));
    put($("step-no"), t("Step {step} of {steps}", { step: v.step.n, steps: v.session.steps }));
    put($("step-title"), v.step.title);
    const badge = $("phase-label");
    put(badge, v.phaseLabel);
    if (badge.className !== `badge -${v.phase}`) badge.className = `badge -${v.phase}`;
    const hidden = v.hidden ? " " + t(v.hidden === 1 ? "{count} item is written privately so far." : "{count} items are written privately so far.", { count: v.hidden }) : "";
    put($("phase-line"), v.phaseLine + hidden);
    const dots = $("dots");
    hide(dots, v.phase !== "vote");
    put(dots, t("{left} of {count} dots left", { left: v.dotsLeft, count: v.session.dots }));
    drawBrowse(v);
    drawBrief(v);
    drawPicker(v);
    drawLists(v);
    drawCompose(v);
    tickTimer();
  }

  function drawBrowse(v) {
    const nav = $("browse");
    hide(nav, v.session.follow);
    if (v.session.follow) return;
    disable($("prev-step"), v.step.n <= 1);
    disable($("next-step"), v.step.n >= v.session.steps);
    const back = $("follow-step");
    hide(back, v.step.n === v.session.current);
    put(back, t("Back to step {step} (the facilitator's)", { step: v.session.current }));
  }

  let briefFor = "";
  function drawBrief(v) {
    const signature = JSON.stringify([v.step.n, v.step.intro, v.step.prompts]);
    if (signature === briefFor) return;
    briefFor = signature;
    const body = $("brief-body");
    body.replaceChildren();
    if (v.step.intro) body.append(el("p", { class: "intro", text: v.step.intro }));
    if (v.step.prompts.length) body.append(el("ul", {}, ...v.step.prompts.map((prompt) => el("li", { text: prompt }))));
    hide($("brief"), !v.step.intro && !v.step.prompts.length);
  }

  let pickFor = "";
  function drawPicker(v) {
    const signature = v.columns.map((c) => c.key + c.label).join();
    if (!v.columns.some((c) => c.key === S.column)) S.column = v.columns[0].key;
    if (signature !== pickFor) {
      pickFor = signature;
      const pick = $("pick");
      pick.replaceChildren();
      const lists = $("lists");
      lists.replaceChildren();
      for (const column of v.columns) {
        const input = el("input", { type: "radio", name: "column", id: `pick-${column.key}`, value: column.key,
                                    onchange: () => chooseColumn(column.key) });
        pick.append(input, el("label", { for: `pick-${column.key}` },
                              el("span", {}, `${column.label} `, el("span", { class: "count", id: `count-${column.key}` }))));
        lists.append(el("section", { class: "column", id: `col-${column.key}`, "aria-labelledby": `head-${column.key}` },
                        el("h2", { id: `head-${column.key}`, text: column.label }),
                        el("ul", { id: `list-${column.key}`, "aria-labelledby": `head-${column.key}` }),
                        el("p", { class: "empty", id: `empty-${column.key}`, text: t("Nothing here yet.") })));
      }
    }
    for (const column of v.columns) {
      $(`pick-${column.key}`).checked = column.key === S.column;
      const shown = column.key === S.column;
      const section = $(`col-${column.key}`);
      section.classList.toggle("-shown", shown);
      section.classList.toggle("-target", shown);
    }
  }

  function chooseColumn(column) {
    S.column = column;
    saveDraft();
    render();
  }

  function drawCompose(v) {
    const column = v.columns.find((c) => c.key === S.column);
    put($("entry-label"), column ? t("New item in {column}", { column: column.label }) : t("New item in this column"));
    const voting = v.phase === "vote";
    disable($("add"), voting);
    const current = $("compose-note").textContent;
    const voteNote = t("Voting is on: new items wait until the facilitator moves on. Your text stays here.");
    if (voting) $("compose-note").textContent = voteNote;
    else if (current === voteNote) $("compose-note").textContent = "";
  }

  // The items the page shows: the server's, with what is waiting to be sent laid over them.
  // The server's item objects are never changed (an overlaid one is a copy), so an item the last
  // view already held keeps its identity, and its drawn signature is worked out once.
  function shownItems(v) {
    if (!S.outbox.length) return v.items;
    const items = v.items.slice();
    const at = new Map(items.map((item, n) => [item.id, n]));
    for (const op of S.outbox) {
      const n = at.get(op.id);
      if (op.t === "add" && n === undefined && op.step === v.step.n) {
        at.set(op.id, items.length);
        items.push({ id: op.id, c: op.column, text: op.text, by: S.me || "", v: 0, pending: true, held: !!op.held });
      } else if (op.t === "edit" && n !== undefined) {
        items[n] = { ...items[n], text: op.text, pending: true };
      } else if (op.t === "delete" && n !== undefined) {
        items[n] = { ...items[n], gone: true };
      }
    }
    return items.filter((item) => !item.gone);
  }

  const itemSignatures = new WeakMap();
  const itemSignature = (item) => {
    let signature = itemSignatures.get(item);
    if (signature === undefined) { signature = JSON.stringify(item); itemSignatures.set(item, signature); }
    return signature;
  };

  function drawLists(v) {
    const items = shownItems(v);
    const groups = new Map();
    for (const item of v.items) if (item.cl) groups.set(item.cl, (groups.get(item.cl) || 0) + 1);
    const shared = JSON.stringify([v.phase, v.dotsLeft > 0, S.me, S.online]);
    const arrived = [];
    for (const column of v.columns) {
      const mine = items.filter((item) => item.c === column.key);
      const list = $(`list-${column.key}`);
      // What went first: kept until the loop below, each item after it would be moved in turn.
      const wanted = new Set(mine.map((item) => item.id));
      for (const li of Array.from(list.children)) if (!wanted.has(li.dataset.id) && li.dataset.id !== S.editing) li.remove();
      const existing = new Map(Array.from(list.children, (li) => [li.dataset.id, li]));
      let previous = null;
      for (const item of mine) {
        let li = existing.get(item.id);
        existing.delete(item.id);
        const group = item.cl ? groups.get(item.cl) || 0 : 0;
        const signature = `${itemSignature(item)}|${shared}|${v.myVotes[item.id] || 0}|${group}`;
        if (!li) {
          li = el("li", { class: "item", "data-id": item.id });
          if (!S.seen.has(item.id)) {
            S.seen.add(item.id);
            if (item.by !== S.me) arrived.push(item);
          }
        }
        if (li.dataset.sig !== signature && S.editing !== item.id) {
          li.dataset.sig = signature;
          drawItem(li, item, v, group);
        }
        const next = previous ? previous.nextSibling : list.firstChild;
        if (next !== li) list.insertBefore(li, next);
        previous = li;
      }
      hide($(`empty-${column.key}`), mine.length > 0);
      put($(`count-${column.key}`), `(${mine.length})`);
    }
    if (arrived.length) announceArrivals(arrived);
  }

  // Items arriving are announced together, at most one line a second: a room adding at once is
  // heard as "12 new items", not as one line per message (each of which would also cost a frame).
  const ARRIVALS_EVERY = 1000;
  const arrivals = { items: [], timer: 0 };
  function announceArrivals(items) {
    arrivals.items.push(...items);
    if (!arrivals.timer) arrivals.timer = setTimeout(sayArrivals, ARRIVALS_EVERY);
  }

  function sayArrivals() {
    arrivals.timer = 0;
    const items = arrivals.items.splice(0);
    const v = S.view;
    if (!v || !items.length) return;
    if (items.length === 1) {
      const item = items[0];
      const column = v.columns.find((c) => c.key === item.c);
      const args = { column: column ? column.label : item.c, name: item.by, text: short(item.text) };
      announce(item.by ? t("New in {column} from {name}: {text}", args) : t("New in {column}: {text}", args));
    } else {
      announce(t("{count} new items", { count: items.length }));
    }
  }

  function drawItem(li, item, v, group) {
    const mine = !!S.me && item.by === S.me;
    li.className = `item${mine ? " -mine" : ""}${item.pending ? " -pending" : ""}`;
    const meta = el("p", { class: "meta" },
                    el("span", { text: mine ? t("{name} (you)", { name: item.by }) : item.by || t("anonymous") }));
    if (item.v) meta.append(el("span", { text: t(item.v === 1 ? "{count} dot" : "{count} dots", { count: item.v }) }));
    const myDots = v.myVotes[item.id] || 0;
    if (myDots) meta.append(el("span", { class: "mydots", text: "●".repeat(myDots), "aria-label": t("{count} of your dots", { count: myDots }) }));
    if (item.h) meta.append(el("span", { class: "state", text: t("only you see it until the facilitator reveals it") }));
    if (group > 1) meta.append(el("span", { text: t("grouped with {count} more", { count: group - 1 }) }));
    if (item.pending) {
      const state = item.held ? t("waits until voting ends") : S.online ? t("saving…") : t("waiting to send");
      meta.append(el("span", { class: "state", text: state }));
    }
    const actions = el("div", { class: "actions" });
    const what = short(item.text, 40);
    if (mine && !item.pending) {
      actions.append(el("button", { type: "button", "aria-label": t("Edit your item: {text}", { text: what }), text: t("Edit"), onclick: () => startEdit(li, item) }),
                     el("button", { type: "button", "aria-label": t("Delete your item: {text}", { text: what }), text: t("Delete"), onclick: () => remove(item) }));
    }
    if (v.phase === "vote" && !item.pending) {
      actions.append(el("button", { type: "button", text: t("+ Dot"), "aria-label": t("Place a dot on: {text}", { text: what }),
                                    disabled: v.dotsLeft <= 0 || !S.online, onclick: () => vote(item, "vote") }));
      if (myDots) actions.append(el("button", { type: "button", text: t("− Dot"), "aria-label": t("Take a dot back from: {text}", { text: what }),
                                                disabled: !S.online, onclick: () => vote(item, "unvote") }));
    }
    li.replaceChildren(el("p", { class: "text", text: item.text }), meta);
    if (actions.childElementCount) li.append(actions);
  }

  // -- what the participant does -------------------------------------------------------------

  function add(event) {
    event.preventDefault();
    const entry = $("entry");
    const text = entry.value;
    const v = S.view;
    if (!v || !S.me) return;
    if (!text.trim()) { note(t("Type something first.")); entry.focus(); return; }
    if (v.phase === "vote") return;
    queue({ t: "add", id: newId(), step: v.step.n, column: S.column, text });
    entry.value = "";
    saveDraft();
    note("");
    entry.focus();
  }

  function startEdit(li, item) {
    if (S.editing) return;
    S.editing = item.id;
    const area = el("textarea", { id: `edit-${item.id}`, rows: 3, maxlength: 10000 });
    area.value = item.text;
    const finish = (save) => {
      S.editing = null;
      li.dataset.sig = "";
      if (save && area.value.trim() && area.value !== item.text) queue({ t: "edit", ref: newId(), id: item.id, text: area.value });
      if (S.held) view(S.held); else render();
      const again = li.querySelector("button");
      if (again) again.focus();
    };
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); finish(true); }
      else if (event.key === "Escape") { event.preventDefault(); finish(false); }
    });
    const form = el("form", { novalidate: true, onsubmit: (event) => { event.preventDefault(); finish(true); } },
                    el("label", { for: `edit-${item.id}`, text: t("Edit your item") }), area,
                    el("div", { class: "actions" },
                       el("button", { type: "submit", class: "primary", text: t("Save") }),
                       el("button", { type: "button", text: t("Cancel"), onclick: () => finish(false) })));
    li.replaceChildren(form);
    area.focus();
  }

  function remove(item) {
    queue({ t: "delete", ref: newId(), id: item.id, text: item.text });
    announce(t("Deleted: {text}", { text: short(item.text) }));
  }

  function showUndo() {
    const last = S.undo[S.undo.length - 1];
    hide($("undo-bar"), !last);
    if (last) $("undo-text").textContent = t("Deleted “{text}”", { text: short(last.text, 40) });
  }

  function undo() {
    const last = S.undo.pop();
    showUndo();
    if (last && !send({ t: "undo", ref: newId(), id: last.id })) { S.undo.push(last); showUndo(); }
  }

  function vote(item, kind) {
    const message = { t: kind, ref: newId(), id: item.id };
    if (kind === "vote") message.vote = newId();
    send(message);
  }

  function look(step) {
    S.browse = step;
    sessionStorage.setItem(key("browse"), String(step));
    send({ t: "look", step });
  }

  function saveDraft() { store.set(key("draft"), { text: $("entry").value, column: S.column }); }

  function tickTimer() {
    const v = S.view;
    const timer = $("timer");
    if (!v || !v.timer) { hide(timer, true); return; }
    const passed = v.timer.running ? (Date.now() - S.timerAt) / 1000 : 0;
    const left = Math.round(v.timer.left - passed);
    const minutes = Math.floor(Math.abs(left) / 60), seconds = String(Math.abs(left) % 60).padStart(2, "0");
    hide(timer, false);
    timer.classList.toggle("-over", left < 0);
    const clock = `${minutes}:${seconds}`;
    put(timer, left >= 0 ? (v.timer.running ? t("{time} left", { time: clock }) : t("{time} left (paused)", { time: clock }))
                         : t("{time} over", { time: clock }));
  }

  // -- wiring ---------------------------------------------------------------------------------

  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("name").value.trim();
    if (!name) { $("join-problem").textContent = t("Type your name first."); $("name").focus(); return; }
    S.askedName = name;
    store.set(key("name"), name);
    $("join-problem").textContent = "";
    if (!send({ t: "join", name })) $("join-problem").textContent = t("Not connected yet: joining as soon as the server answers.");
  });
  $("compose").addEventListener("submit", add);
  const entry = $("entry");
  entry.value = store.get(key("draft"), {}).text || "";
  entry.addEventListener("input", saveDraft);
  entry.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) add(event);
  });
  $("undo").addEventListener("click", undo);
  $("prev-step").addEventListener("click", () => S.view && look(S.view.step.n - 1));
  $("next-step").addEventListener("click", () => S.view && look(S.view.step.n + 1));
  $("follow-step").addEventListener("click", () => S.view && look(S.view.session.current));
  if (window.matchMedia("(min-width: 56rem)").matches) $("brief").open = true;
  setInterval(() => {
    tickTimer();
    if (S.online && Date.now() - S.heard > 16000) lost();  // three ticks missed: a dead link
  }, 1000);
  window.addEventListener("online", () => { if (!S.online && !S.ws) connect(); });
  connect();
})();
