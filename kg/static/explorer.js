// kg explorer: search → entity (facts with evidence, neighbourhood graph) and a SPARQL box.
// Talks only to the kg server it was loaded from (/api/*, /sparql); no external requests.
"use strict";

const $ = (sel) => document.querySelector(sel);
const PRED = {
  locatedIn: "位于 located in",
  partOf: "隶属 part of",
  focusesOn: "聚焦产业 focuses on",
  inIndustry: "所属行业 in industry",
  cooperatesWith: "合作 cooperates with",
};
const COLORS = { Park: "#7fb8f0", Company: "#f5b36b", Institution: "#8fd17a", Industry: "#c69ef0", Other: "#ccc" };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function getJSON(url, opts) {
  const r = await fetch(url, opts);
  const text = await r.text();
  if (!r.ok) {
    let msg = text;
    try { msg = JSON.parse(text).error || text; } catch (e) { /* plain text */ }
    throw new Error(msg.trim() || r.statusText);
  }
  return JSON.parse(text);
}

function entityLink(iri, label, type) {
  return el("a", { href: "#entity=" + encodeURIComponent(iri), class: "entity-link" }, label,
    type ? el("span", { class: "type " + type }, type) : null);
}

// ------------------------------------------------------------------ search

async function search(q) {
  const pane = $("#results-pane"), list = $("#results");
  list.replaceChildren();
  pane.hidden = false;
  if (!q.trim()) { list.append(el("li", {}, "Type a name.")); return; }
  try {
    const found = await getJSON("/api/search?q=" + encodeURIComponent(q));
    if (!found.length) list.append(el("li", { class: "none" }, "No entity matches " + q));
    for (const r of found) {
      const alias = r.match !== r.label ? el("span", { class: "aliases" }, " (alias: " + r.match + ")") : null;
      list.append(el("li", { class: "result" }, entityLink(r.iri, r.label, r.type), alias));
    }
  } catch (e) {
    list.append(el("li", { class: "error" }, e.message));
  }
}

// ------------------------------------------------------------------ entity

let network = null;

async function showEntity(iri) {
  const pane = $("#entity-pane");
  pane.hidden = false;
  $("#results-pane").hidden = true;
  const head = $("#entity-head"), facts = $("#facts");
  head.replaceChildren(el("p", {}, "Loading…"));
  facts.replaceChildren();
  let data;
  try {
    data = await getJSON("/api/entity?iri=" + encodeURIComponent(iri));
  } catch (e) {
    head.replaceChildren(el("p", { class: "error" }, e.message));
    return;
  }
  const ent = data.entity;
  head.replaceChildren(
    el("h2", { id: "entity-label" }, ent.label, el("span", { class: "type " + ent.type }, ent.type)),
    el("p", { class: "aliases" }, ent.aliases.length ? "别名 aliases: " + ent.aliases.join("、") : "no aliases"),
    el("p", { class: "docs" }, "Mentioned in: " + (ent.documents.map((d) => d.title || d.document).join(", ") || "—")),
    el("p", { class: "hint" }, el("code", {}, ent.iri)),
  );
  const groups = new Map();
  for (const f of data.facts) {
    if (!groups.has(f.predicate)) groups.set(f.predicate, []);
    groups.get(f.predicate).push(f);
  }
  if (!groups.size) facts.append(el("p", {}, "No facts about this entity."));
  for (const [pred, list] of groups) {
    const sec = el("div", { class: "predicate", "data-predicate": pred },
      el("h3", {}, (PRED[pred] || pred) + " (" + list.length + ")"));
    for (const f of list) {
      const other = f.direction === "out"
        ? [el("span", {}, "→ "), entityLink(f.object, f.object_label)]
        : [entityLink(f.subject, f.subject_label), el("span", {}, " → this")];
      const det = el("details", { class: "fact" },
        el("summary", {}, ...other, el("span", { class: "hint" }, "  " + f.evidence.length + " sentence(s)")));
      for (const ev of f.evidence) {
        det.append(el("div", { class: "evidence" },
          el("div", { class: "sentence" }, "“" + (ev.sentence || "") + "”"),
          el("div", { class: "doc" }, "— " + (ev.title || ev.document || "?") +
            (ev.source ? " (" + ev.source + ")" : "") +
            (ev.start !== null && ev.start !== undefined ? ", chars " + ev.start + "–" + ev.end : "") +
            (ev.confidence !== null && ev.confidence !== undefined ? ", confidence " + ev.confidence : ""))));
      }
      sec.append(det);
    }
    facts.append(sec);
  }
  drawGraph(iri);
}

async function drawGraph(iri) {
  const box = $("#graph");
  let data;
  try {
    data = await getJSON("/api/neighbourhood?iri=" + encodeURIComponent(iri));
  } catch (e) {
    box.replaceChildren(el("p", { class: "error" }, e.message));
    return;
  }
  if (typeof vis === "undefined") {
    box.replaceChildren(el("p", { class: "error" }, "vis-network did not load"));
    return;
  }
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, title: n.type,
    color: COLORS[n.type] || COLORS.Other,
    borderWidth: n.id === data.center ? 3 : 1,
    font: { size: n.id === data.center ? 18 : 13 },
  })));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, label: e.predicate, arrows: "to", font: { size: 9, color: "#666" },
  })));
  if (network) network.destroy();
  network = new vis.Network(box, { nodes, edges }, {
    physics: { stabilization: { iterations: 150 } },
    interaction: { hover: true },
    nodes: { shape: "dot", size: 12 },
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) location.hash = "entity=" + encodeURIComponent(p.nodes[0]); });
  network.on("click", (p) => { if (p.nodes.length && p.nodes[0] !== data.center) location.hash = "entity=" + encodeURIComponent(p.nodes[0]); });
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
    const res = await getJSON("/api/query", {
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
        if (t.type === "uri") return el("td", {}, t.value.startsWith("https://w3id.org/kg/id/") ? entityLink(t.value, t.value.split("/").slice(-2).join("/")) : t.value);
        return el("td", {}, t.value);
      })));
    }
    const what = turtle === null ? " row(s)" : " triple(s)";
    status.textContent = rows.length + what + " in " + Math.round(performance.now() - t0) + " ms";
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
  const m = location.hash.match(/^#entity=(.+)$/);
  if (m) showEntity(decodeURIComponent(m[1]));
}

document.addEventListener("DOMContentLoaded", () => {
  $("#search-form").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#search").value); });
  $("#canned").addEventListener("change", (ev) => pickCanned(ev.target.value));
  $("#run").addEventListener("click", runQuery);
  window.addEventListener("hashchange", route);
  loadCanned();
  route();
});
