// kg explorer: search → entity (facts with evidence, neighbourhood graph) and a SPARQL box.
// Talks only to the kg server it was loaded from (/api/*, /sparql); no external requests.
"use strict";

const $ = (sel) => document.querySelector(sel);
// colours, shapes and Chinese names per type and predicate: kg/data/palette.json, the
// same file kg viz and the notebook use (fetched from /api/palette at start)
let PALETTE = { types: {}, other: { color: "#8a8f98", shape: "dot", zh: "其他" }, predicates: {} };
const PRED_EN = {
  locatedIn: "located in", partOf: "part of", focusesOn: "focuses on",
  inIndustry: "in industry", cooperatesWith: "cooperates with",
};
const NOUN = {  // singular, plural
  Park: ["park", "parks"], Company: ["company", "companies"],
  Institution: ["institution", "institutions"], Industry: ["industry", "industries"],
  Other: ["entity", "entities"],
};
const PAGE = 20;  // facts per page of a group
const DOC_PAGE = 10;
const SEARCH_PAGE = 20;

const typeStyle = (t) => PALETTE.types[t] || PALETTE.other;
const predColor = (p) => (PALETTE.predicates[p] || PALETTE.other).color;
const predLabel = (p) => ((PALETTE.predicates[p] || {}).zh ? PALETTE.predicates[p].zh + " " : "") + (PRED_EN[p] || p);
const typeLabel = (t) => typeStyle(t).zh + " " + t;
const num = (n) => n.toLocaleString("en-US");
const noun = (t, n) => (NOUN[t] || NOUN.Other)[n === 1 ? 0 : 1];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k === "style") Object.assign(e.style, v);  // CSSOM: allowed by the page's CSP
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function fetchJSON(url, opts) {
  const r = await fetch(url, opts);
  const text = await r.text();
  if (!r.ok) {
    let msg = text;
    try { msg = JSON.parse(text).error || text; } catch (e) { /* plain text */ }
    throw new Error(msg.trim() || r.statusText);
  }
  return { data: JSON.parse(text), headers: r.headers };
}

async function getJSON(url, opts) {
  return (await fetchJSON(url, opts)).data;
}

function typeBadge(t) {
  if (!t) return null;
  return el("span", { class: "type " + t, title: typeLabel(t), style: { background: typeStyle(t).color } }, typeLabel(t));
}

function entityLink(iri, label, type) {
  return el("a", { href: "#entity=" + encodeURIComponent(iri), class: "entity-link" }, label, typeBadge(type));
}

// "showing 21–40 of 2,083" with ‹ › buttons; go(page) fetches and redraws
function pager(count, page, limit, go, what) {
  const first = count ? (page - 1) * limit + 1 : 0, last = Math.min(count, page * limit);
  const box = el("div", { class: "pager" },
    el("span", { class: "shown" }, count <= limit && page === 1
      ? "showing all " + num(count) + " " + what
      : "showing " + num(first) + "–" + num(last) + " of " + num(count) + " " + what));
  if (count > limit) {
    box.append(
      el("button", { type: "button", class: "prev", onclick: () => go(page - 1), ...(page > 1 ? {} : { disabled: "" }) }, "‹ prev"),
      el("button", { type: "button", class: "next", onclick: () => go(page + 1), ...(last < count ? {} : { disabled: "" }) }, "next ›"));
  }
  return box;
}

// ------------------------------------------------------------------ search

async function search(q, page = 1) {
  const pane = $("#results-pane"), list = $("#results"), info = $("#results-info");
  list.replaceChildren();
  info.replaceChildren();
  pane.hidden = false;
  $("#entity-pane").hidden = true;
  $("#search").value = q;
  if (!q.trim()) { list.append(el("li", {}, "Type a name.")); return; }
  const ticket = ++view;
  try {
    const { data: found, headers } = await fetchJSON("/api/search?q=" + encodeURIComponent(q) + "&limit=" + SEARCH_PAGE + "&page=" + page);
    if (ticket !== view) return;
    const total = Number(headers.get("X-Total-Count") || found.length);
    if (!total) { list.append(el("li", { class: "none" }, "No entity matches " + q)); return; }
    info.append(pager(total, page, SEARCH_PAGE, (p) => search(q, p), total === 1 ? "match" : "matches"));
    for (const r of found) {
      const alias = r.match !== r.label ? el("span", { class: "aliases" }, " (别名 alias: " + r.match + ")") : null;
      list.append(el("li", { class: "result" }, entityLink(r.iri, r.label, r.type), alias));
    }
  } catch (e) {
    list.append(el("li", { class: "error" }, e.message));
  }
}

// ------------------------------------------------------------------ entity

let network = null;
let view = 0;  // the page being drawn: answers to an older request are dropped

function groupTitle(g) {
  const kinds = Object.entries(g.types).sort((a, b) => b[1] - a[1]);
  const each = kinds.map(([t, n]) => num(n) + " " + noun(t, n)).join(" + ");
  const parts = kinds.length > 1 ? num(g.count) + " (" + each + ")" : each;  // "29 (18 companies + 11 institutions)"
  const phrase = {
    "locatedIn:in": parts + " located here", "locatedIn:out": "located in " + parts,
    "partOf:in": parts + " part of this", "partOf:out": "part of " + parts,
    "focusesOn:out": "focuses on " + parts, "focusesOn:in": parts + " focus on this",
    "inIndustry:out": "in " + parts, "inIndustry:in": parts + " in this industry",
    "cooperatesWith:with": "cooperates with " + parts,
  }[g.predicate + ":" + g.direction] || (PRED_EN[g.predicate] || g.predicate) + (g.direction === "in" ? " (← this): " : ": ") + parts;
  const zh = (PALETTE.predicates[g.predicate] || {}).zh;
  return (zh ? zh + " · " : "") + phrase;
}

function docLine(ev) {
  const name = ev.title || (ev.document || "?").split("/").pop();
  return [
    ev.headline ? el("span", { class: "headline" }, ev.headline) : null,
    el("span", { class: "filename" }, (ev.headline ? " · " : "") + name +
      (ev.source && ev.source !== name ? " (" + ev.source + ")" : "")),
  ];
}

function factItem(f) {
  const other = f.direction === "in"
    ? [entityLink(f.subject, f.subject_label, f.subject_type), el("span", {}, " → this")]
    : f.direction === "with"
      ? [el("span", {}, "↔ "), f.subject === currentIri ? entityLink(f.object, f.object_label, f.object_type) : entityLink(f.subject, f.subject_label, f.subject_type)]
      : [el("span", {}, "→ "), entityLink(f.object, f.object_label, f.object_type)];
  const det = el("details", { class: "fact" },
    el("summary", {}, ...other, el("span", { class: "hint" }, "  " + f.evidence_count + " sentence(s)")));
  for (const ev of f.evidence) {
    det.append(el("div", { class: "evidence" },
      el("div", { class: "sentence" }, "“" + (ev.sentence || "") + "”"),
      el("div", { class: "doc" }, "— ", ...docLine(ev),
        (ev.start !== null && ev.start !== undefined ? ", chars " + ev.start + "–" + ev.end : ""),
        (ev.confidence !== null && ev.confidence !== undefined ? ", confidence " + ev.confidence : ""))));
  }
  if (f.evidence_count > f.evidence.length) {
    det.append(el("p", { class: "hint" }, "showing " + f.evidence.length + " of " + num(f.evidence_count) + " sentences"));
  }
  return det;
}

function drawGroup(sec, iri, g) {
  const list = el("div", { class: "facts-list" }, ...g.facts.map(factItem));
  const go = async (page) => {
    const ticket = view;
    try {
      const next = await getJSON("/api/facts?iri=" + encodeURIComponent(iri) + "&predicate=" + g.predicate +
        "&direction=" + g.direction + "&page=" + page + "&limit=" + g.limit);
      if (ticket !== view) return;
      drawGroup(sec, iri, { ...g, ...next });
    } catch (e) {
      sec.append(el("p", { class: "error" }, e.message));
    }
  };
  sec.replaceChildren(
    el("h3", { style: { borderLeftColor: predColor(g.predicate) } }, groupTitle(g)),
    pager(g.count, g.page, g.limit, go, g.count === 1 ? "fact" : "facts"),
    list);
}

function drawDocs(box, iri, count, page, docs) {
  const go = async (p) => {
    const ticket = view;
    try {
      const next = await getJSON("/api/documents?iri=" + encodeURIComponent(iri) + "&page=" + p + "&limit=" + DOC_PAGE);
      if (ticket === view) drawDocs(box, iri, next.count, next.page, next.documents);
    } catch (e) {
      box.append(el("p", { class: "error" }, e.message));
    }
  };
  box.replaceChildren(
    el("h3", {}, "文档 Mentioned in " + num(count) + (count === 1 ? " document" : " documents")),
    pager(count, page, DOC_PAGE, go, "documents"),
    el("ul", { class: "doc-list" }, ...docs.map((d) => el("li", { class: "document" }, ...docLine(d)))));
}

let currentIri = null;

async function showEntity(iri) {
  const ticket = ++view;
  currentIri = iri;
  const pane = $("#entity-pane");
  pane.hidden = false;
  $("#results-pane").hidden = true;
  const head = $("#entity-head"), facts = $("#facts"), docs = $("#docs");
  head.replaceChildren(el("p", {}, "Loading…"));
  facts.replaceChildren();
  docs.replaceChildren();
  let data;
  try {
    data = await getJSON("/api/entity?iri=" + encodeURIComponent(iri) + "&limit=" + PAGE + "&documents=" + DOC_PAGE);
  } catch (e) {
    if (ticket === view) head.replaceChildren(el("p", { class: "error" }, e.message));
    return;
  }
  if (ticket !== view) return;
  const ent = data.entity;
  head.replaceChildren(
    el("h2", { id: "entity-label" }, ent.label, typeBadge(ent.type)),
    el("p", { class: "aliases" }, ent.aliases.length ? "别名 aliases: " + ent.aliases.join("、") : "no aliases"),
    el("p", { class: "hint" }, num(data.fact_count) + " facts · ", el("code", {}, ent.iri)),
  );
  drawDocs(docs, ent.iri, ent.document_count, 1, ent.documents);
  if (!data.groups.length) facts.append(el("p", {}, "No facts about this entity."));
  for (const g of data.groups) {
    const sec = el("div", { class: "predicate", "data-predicate": g.predicate, "data-direction": g.direction });
    drawGroup(sec, ent.iri, g);
    facts.append(sec);
  }
  drawGraph(ent.iri, ticket);
}

function shapeMark(t) {
  return { diamond: "◆", dot: "●", square: "■", triangle: "▲", star: "★" }[typeStyle(t).shape] || "●";
}

async function drawGraph(iri, ticket) {
  const box = $("#graph"), note = $("#graph-note"), legend = $("#legend");
  note.textContent = "";
  legend.replaceChildren();
  let data;
  try {
    data = await getJSON("/api/neighbourhood?iri=" + encodeURIComponent(iri));
  } catch (e) {
    if (ticket === view) box.replaceChildren(el("p", { class: "error" }, e.message));
    return;
  }
  if (ticket !== view) return;
  note.textContent = data.shown < data.total
    ? "showing " + num(data.shown) + " of " + num(data.total) + " neighbours (every kind of fact gets its turn)"
    : "all " + num(data.total) + (data.total === 1 ? " neighbour" : " neighbours");
  if (typeof vis === "undefined") {
    box.replaceChildren(el("p", { class: "error" }, "vis-network did not load"));
    return;
  }
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, title: typeLabel(n.type), type: n.type,
    color: typeStyle(n.type).color, shape: typeStyle(n.type).shape,
    borderWidth: n.id === data.center ? 3 : 1,
    size: n.id === data.center ? 18 : 11,
    font: { size: n.id === data.center ? 18 : 13 },
  })));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, predicate: e.predicate, label: predLabel(e.predicate),
    arrows: e.predicate === "cooperatesWith" ? "" : "to",
    color: { color: predColor(e.predicate) }, font: { size: 9, color: "#555" },
  })));
  if (network) network.destroy();
  network = new vis.Network(box, { nodes, edges }, {
    physics: { stabilization: { iterations: 120, updateInterval: 40 } },
    interaction: { hover: true },
  });
  // laid out: physics off, so the page does not keep computing while it is read
  network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  window.kgGraph = { network, nodes, edges };  // for tests and the console
  network.on("click", (p) => { if (p.nodes.length && p.nodes[0] !== data.center) location.hash = "entity=" + encodeURIComponent(p.nodes[0]); });
  // the legend: one row per type and per predicate drawn; a click hides/shows what it names
  const count = (xs, key) => xs.reduce((m, x) => m.set(x[key], (m.get(x[key]) || 0) + 1), new Map());
  const rows = [];
  for (const [t, n] of count(data.nodes, "type")) {
    rows.push(el("li", { class: "legend-row", "data-type": t, title: "click to hide/show",
      onclick: (ev) => {
        const off = ev.currentTarget.classList.toggle("off");
        nodes.update(nodes.get({ filter: (x) => x.type === t && x.id !== data.center }).map((x) => ({ id: x.id, hidden: off })));
      } },
    el("span", { class: "swatch", style: { color: typeStyle(t).color } }, shapeMark(t)), " " + typeLabel(t) + " (" + n + ")"));
  }
  for (const [p, n] of count(data.edges, "predicate")) {
    rows.push(el("li", { class: "legend-row", "data-predicate": p, title: "click to hide/show",
      onclick: (ev) => {
        const off = ev.currentTarget.classList.toggle("off");
        edges.update(edges.get({ filter: (x) => x.predicate === p }).map((x) => ({ id: x.id, hidden: off })));
      } },
    el("span", { class: "swatch line", style: { background: predColor(p) } }), " " + predLabel(p) + " (" + n + ")"));
  }
  legend.replaceChildren(...rows);
}

// ------------------------------------------------------------------ SPARQL

let canned = [];

async function loadCanned() {
  try {
    canned = await getJSON("/api/queries");
  } catch (e) {
    return;
  }
  const sel = $("#canned");
  for (const q of canned) sel.append(el("option", { value: q.name }, q.name + " — " + q.summary));
}

function pickCanned(name) {
  const q = canned.find((c) => c.name === name);
  const params = $("#params");
  params.replaceChildren();
  $("#canned-help").textContent = q ? q.description : "";
  if (!q) return;
  $("#sparql").value = q.text;
  for (const [p, help] of Object.entries(q.params)) {
    params.append(el("label", { title: help }, "?" + p + " = ",
      el("input", { "data-param": p, value: q.example[p] || "", placeholder: help })));
  }
}

async function runQuery() {
  const status = $("#status"), out = $("#sparql-results");
  const params = {};
  for (const i of document.querySelectorAll("#params input")) params[i.dataset.param] = i.value;
  status.textContent = "running…";
  out.replaceChildren();
  const t0 = performance.now();
  try {
    const { data: res, headers } = await fetchJSON("/api/query", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: $("#sparql").value, params }),
    });
    status.textContent = "";
    if ("boolean" in res) { out.append(el("p", {}, String(res.boolean))); return; }
    // CONSTRUCT/DESCRIBE: the server sends the triples as a subject/predicate/object
    // table, and the graph as Turtle to download
    const turtle = res.graph ? res.turtle : null;
    const vars = res.head.vars, rows = res.results.bindings;
    const table = el("table", { id: "result-table" }, el("tr", {}, ...vars.map((v) => el("th", {}, v))));
    for (const b of rows) {
      table.append(el("tr", {}, ...vars.map((v) => {
        const t = b[v];
        if (!t) return el("td", {});
        if (t.type === "uri") return el("td", { class: "iri" }, t.value.startsWith("https://w3id.org/kg/id/") ? entityLink(t.value, t.value.split("/").slice(-2).join("/")) : t.value);
        // a sentence gets room to be read (it used to be squeezed into a narrow column)
        return el("td", { class: t.value.length > 30 ? "long" : null }, t.value);
      })));
    }
    const what = turtle === null ? " row(s)" : " triple(s)";
    const cut = headers.get("X-SPARQL-MaxRows");
    status.textContent = (cut ? "showing the first " + rows.length + what + " (the answer was cut at the server's limit of " + cut + "; page with LIMIT/OFFSET)" : rows.length + what) +
      " in " + Math.round(performance.now() - t0) + " ms";
    if (turtle !== null) {
      const url = URL.createObjectURL(new Blob([turtle], { type: "text/turtle" }));
      out.append(el("p", {}, el("a", { id: "turtle-download", href: url, download: "result.ttl" }, "Download Turtle (result.ttl)")));
    }
    out.append(table);
  } catch (e) {
    status.textContent = "";
    // a syntax error is "line L, column C: …", the query's line and a caret: keep the columns
    out.append(el("pre", { class: "error" }, e.message));
  }
}

// ------------------------------------------------------------------ wiring

function route() {
  const hash = location.hash.replace(/^#/, "");
  const m = hash.match(/^(entity|search)=(.*)$/);
  if (m && m[1] === "entity") showEntity(decodeURIComponent(m[2]));
  else if (m) search(decodeURIComponent(m[2]));
  else {  // the start page
    ++view;
    $("#results-pane").hidden = true;
    $("#entity-pane").hidden = true;
  }
}

async function loadPalette() {
  try {
    PALETTE = await getJSON("/api/palette");
  } catch (e) { /* grey it is */ }
}

document.addEventListener("DOMContentLoaded", async () => {
  // every view is in the URL (#search=…, #entity=…), so Back and Forward redraw it
  $("#search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const hash = "#search=" + encodeURIComponent($("#search").value);
    if (location.hash === hash) route();
    else location.hash = hash;
  });
  $("#canned").addEventListener("change", (ev) => pickCanned(ev.target.value));
  $("#run").addEventListener("click", runQuery);
  window.addEventListener("hashchange", route);
  loadCanned();
  await loadPalette();
  route();
});
