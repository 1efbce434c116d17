// dvhc page: hash routes #/ (converter), #/search, #/unit/LEVEL/CODE?at=DATE.
(function () {
  "use strict";
  var cfg = window.DVHC || {features: []};
  var has = function (f) { return (cfg.features || []).indexOf(f) >= 0; };
  var lang = localStorage.getItem("dvhc.lang") || "vi";
  var $ = function (id) { return document.getElementById(id); };

  // ---- i18n ----
  function t(key, vars) {
    // a ".one" variant, where the language has one, for a count {n} of 1
    if (vars && vars.n === 1 && I18N[lang] && I18N[lang][key + ".one"]) key += ".one";
    var s = (I18N[lang] && I18N[lang][key]) || I18N.vi[key] || key;
    if (vars) s = s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k] == null ? "" : vars[k]; });
    return s;
  }
  function applyLang() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (el) { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-lang]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.lang === lang)); });
    if (has("xlsx")) {
      $("file").setAttribute("accept", ".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      document.querySelector("[data-i18n='convert.file']").textContent = t("convert.fileXlsx");
      $("file-hint").textContent = t("convert.filehintXlsx");
    }
  }
  document.querySelectorAll("[data-lang]").forEach(function (b) {
    b.addEventListener("click", function () {
      lang = b.dataset.lang;
      localStorage.setItem("dvhc.lang", lang);
      applyLang();
      route();
      if (lastRun && results.length) lastRun(); // the results on screen, again in the new language
    });
  });

  // ---- helpers ----
  function today() {
    // the law's day: Vietnam, UTC+7
    return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function api(path, opts) {
    opts = opts || {};
    opts.headers = Object.assign({"Accept-Language": lang}, opts.headers || {});
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { var err = new Error(body.detail || r.statusText); err.status = r.status; throw err; }
        return body;
      });
    }, function () { throw new Error(t("error.network")); });
  }
  function unitLink(u, at) {
    return "#/unit/" + u.level + "/" + u.code + "?at=" + (at || u.valid_from || u.valid_to || today());
  }
  function levelName(l) { return t("level." + l); }
  function span(u) { return (u.valid_from || "…") + " – " + (u.valid_to || t("unit.today")); }
  function fmtDate(d) { return lang === "vi" && d ? d.split("-").reverse().join("/") : d; }
  // Date fields show dd/mm/yyyy (the Vietnamese order) and also take
  // yyyy-mm-dd; dateVal returns the ISO date, "" when empty or unreadable.
  function dateVal(id) {
    var v = ($(id).value || "").trim(), m;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v))) return m[1] + "-" + pad(m[2]) + "-" + pad(m[3]);
    if ((m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(v))) return m[3] + "-" + pad(m[2]) + "-" + pad(m[1]);
    return "";
  }
  function pad(x) { return ("0" + x).slice(-2); }
  function setDate(id, iso) { $(id).value = iso ? iso.split("-").reverse().join("/") : ""; }
  function status(id, msg, isError) { var s = $(id); s.textContent = msg || ""; s.classList.toggle("error", !!isError); }

  // ---- routing ----
  function route() {
    var h = location.hash.replace(/^#/, "") || "/";
    var q = {};
    var i = h.indexOf("?");
    if (i >= 0) { new URLSearchParams(h.slice(i + 1)).forEach(function (v, k) { q[k] = v; }); h = h.slice(0, i); }
    var parts = h.split("/").filter(Boolean);
    var view = parts[0] === "search" ? "search" : parts[0] === "unit" ? "unit" : "convert";
    document.querySelectorAll(".view").forEach(function (v) { v.hidden = v.id !== "view-" + view; });
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      if (a.dataset.nav === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    if (view === "unit" && parts.length >= 3) showUnit(parts[1], parts[2], q.at || today());
    if (view === "search" && q.q) {
      $("search-q").value = q.q;
      if (q.at) setDate("search-at", q.at);
      if (q.level) $("search-level").value = q.level;
      runSearch();
    }
  }
  window.addEventListener("hashchange", route);

  // ---- search ----
  function runSearch() {
    var q = $("search-q").value.trim();
    if (!q) return;
    var p = new URLSearchParams({q: q, limit: "50"});
    var at = dateVal("search-at");
    if (at) p.set("at", at);
    if ($("search-level").value) p.set("level", $("search-level").value);
    status("search-status", "…");
    api("/v1/search?" + p).then(function (res) {
      var ul = $("search-results");
      ul.textContent = "";
      status("search-status", res.matches.length ? t("search.count", {n: res.matches.length}) : t("search.none", {q: q}));
      res.matches.forEach(function (m) {
        ul.appendChild(el("li", null, [
          el("a", {href: unitLink(m, at), text: m.name}),
          " ",
          el("span", {class: "meta", text: levelName(m.level) + " " + m.code + " · " + span(m) + (m.name_en && lang === "en" ? " · " + m.name_en : "")})
        ]));
      });
    }).catch(function (e) { status("search-status", e.message, true); });
  }
  $("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    if ($("search-at").value.trim() && !dateVal("search-at")) { status("search-status", t("date.invalid"), true); return; }
    var p = new URLSearchParams({q: $("search-q").value.trim()});
    if (dateVal("search-at")) p.set("at", dateVal("search-at"));
    if ($("search-level").value) p.set("level", $("search-level").value);
    var h = "#/search?" + p;
    if (location.hash === h) runSearch(); else location.hash = h;
  });

  // ---- converter ----
  var rows = []; // {address, point} of the last batch
  var results = [];
  var choices = {}; // row index -> candidate index

  // parseCSV parses RFC 4180 text (comma, semicolon or tab separated).
  function parseCSV(text) {
    text = text.replace(/^\uFEFF/, "");
    var first = text.split("\n", 1)[0];
    var sep = [",", ";", "\t"].sort(function (a, b) { return first.split(b).length - first.split(a).length; })[0];
    var out = [], row = [], f = "", q = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (q) {
        if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c;
      } else if (c === '"') q = true;
      else if (c === sep) { row.push(f); f = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(f); f = ""; out.push(row); row = [];
      } else f += c;
    }
    if (f !== "" || row.length) { row.push(f); out.push(row); }
    return out.filter(function (r) { return r.some(function (x) { return x.trim() !== ""; }); });
  }
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/[^a-z]/g, ""); }
  // rowsOfTable picks the address column (and lat, lon) of a parsed table.
  function rowsOfTable(table) {
    if (!table.length) return [];
    var head = table[0].map(fold);
    var ai = head.findIndex(function (h) { return h === "address" || h === "diachi" || h === "diachicu" || h === "oldaddress"; });
    var li = head.findIndex(function (h) { return h === "lat" || h === "latitude" || h === "vido"; });
    var oi = head.findIndex(function (h) { return h === "lon" || h === "lng" || h === "longitude" || h === "kinhdo"; });
    var body = table;
    if (ai >= 0 || li >= 0) body = table.slice(1); else ai = 0;
    if (ai < 0) ai = 0;
    return body.map(function (r) {
      var p = null;
      if (li >= 0 && oi >= 0 && r[li] && r[oi] && !isNaN(+r[li]) && !isNaN(+r[oi])) p = {lat: +r[li], lon: +r[oi]};
      return {address: (r[ai] || "").trim(), point: p};
    }).filter(function (r) { return r.address; });
  }
  // The conversion on screen can be run again (in another language): lastRun.
  var lastRun = null, lastFile = null;
  function uploadFile(f, keep) {
    var fd = new FormData();
    fd.append("file", f);
    status("convert-status", t("convert.working", {n: "…"}));
    $("convert-button").disabled = true;
    return api("/v1/convert/file?to=" + encodeURIComponent(dateVal("convert-to") || today()) + "&prefer=" + $("convert-prefer").value, {method: "POST", body: fd})
      .then(function (res) {
        rows = res.rows || [];
        $("addresses").value = rows.map(function (r) { return r.address; }).join("\n");
        $("addresses").dataset.fromFile = "1";
        showResults(res.results || [], keep);
      })
      .catch(function (e) { status("convert-status", e.message, true); })
      .finally(function () { $("convert-button").disabled = false; });
  }
  $("file").addEventListener("change", function () {
    var f = this.files[0];
    if (!f) return;
    // Tables go to the server, which reads them as "dvhc convert FILE"
    // does (Excel, the CSV delimiter, legacy encodings such as TCVN3 or VNI).
    if (/\.(xlsx|csv|tsv|jsonl)$/i.test(f.name) && has("xlsx")) {
      lastFile = f;
      lastRun = function () { return uploadFile(f, true); };
      uploadFile(f, false);
      return;
    }
    f.text().then(function (text) {
      lastFile = f;
      rows = rowsOfTable(parseCSV(text));
      $("addresses").value = rows.map(function (r) { return r.address; }).join("\n");
      status("convert-status", t("convert.fileRead", {n: rows.length, name: f.name}));
      $("addresses").dataset.fromFile = "1";
    });
  });
  $("addresses").addEventListener("input", function () { delete this.dataset.fromFile; lastFile = null; });

  function convertRows(keep) {
    // prefer: which to trust when a row's words and point disagree (the
    // rule of every door; both: they must agree).
    var body = {addresses: rows.map(function (r) { return r.address; }), to: dateVal("convert-to") || today(), prefer: $("convert-prefer").value};
    if (rows.some(function (r) { return r.point; })) body.points = rows.map(function (r) { return r.point; });
    $("convert-button").disabled = true;
    status("convert-status", t("convert.working", {n: rows.length}));
    return api("/v1/convert", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (res) { showResults(res.results || [], keep); })
      .catch(function (e) { status("convert-status", e.message, true); })
      .finally(function () { $("convert-button").disabled = false; });
  }
  $("convert-form").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!has("convert")) { status("convert-status", t("convert.unavailable"), true); return; }
    var lines = $("addresses").value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    if (!$("addresses").dataset.fromFile) rows = lines.map(function (a) { return {address: a, point: null}; });
    if (!rows.length) { status("convert-status", t("convert.empty"), true); return; }
    if ($("convert-to").value.trim() && !dateVal("convert-to")) { status("convert-status", t("date.invalid"), true); return; }
    var max = cfg.maxBatch || 10000;
    if (rows.length > max) { status("convert-status", t("convert.tooMany", {n: max}), true); return; }
    page = 0;
    lastRun = function () { return convertRows(true); };
    convertRows(false);
  });

  function chosen(i) {
    var r = results[i];
    if (r.status === "ambiguous" && r.candidates && choices[i] != null) return r.candidates[choices[i]];
    return r;
  }
  var PAGE = 500; // result cards per page; the downloads have them all
  var page = 0;
  // showResults shows the summary, the downloads and one page of cards;
  // keep keeps the page and the choices (the same results, re-rendered).
  function showResults(rs, keep) {
    results = rs;
    if (!keep) { choices = {}; page = 0; }
    var n = {ok: 0, ambiguous: 0, not_found: 0, invalid: 0};
    rs.forEach(function (r) { n[r.status] = (n[r.status] || 0) + 1; });
    status("convert-status", t("convert.done", {n: rs.length, ok: n.ok, amb: n.ambiguous, nf: n.not_found, inv: n.invalid}));
    renderPage();
  }
  function renderPage() {
    var rs = results;
    var box = $("convert-results");
    box.textContent = "";
    var pages = Math.max(1, Math.ceil(rs.length / PAGE));
    page = Math.min(page, pages - 1);
    if (rs.length > 1) {
      var dl = el("button", {type: "button", class: "link", id: "download-csv", text: t("convert.download")});
      dl.addEventListener("click", downloadCSV);
      var items = [dl];
      if (has("xlsx")) {
        var dx = el("button", {type: "button", class: "link", id: "download-xlsx", text: t("convert.downloadXlsx")});
        dx.addEventListener("click", downloadXLSX);
        items.push(" · ", dx);
      }
      box.appendChild(el("div", {class: "summary"}, items));
    }
    if (pages > 1) box.appendChild(pager(pages));
    var end = Math.min(rs.length, (page + 1) * PAGE);
    for (var i = page * PAGE; i < end; i++) box.appendChild(card(i));
    if (pages > 1) box.appendChild(pager(pages));
  }
  function pager(pages) {
    var prev = el("button", {type: "button", class: "link prev", text: t("page.prev")});
    var next = el("button", {type: "button", class: "link next", text: t("page.next")});
    if (page === 0) prev.disabled = true;
    if (page >= pages - 1) next.disabled = true;
    prev.addEventListener("click", function () { page--; renderPage(); });
    next.addEventListener("click", function () { page++; renderPage(); });
    var from = page * PAGE + 1, to = Math.min(results.length, (page + 1) * PAGE);
    return el("div", {class: "pager"}, [prev, " ", el("span", {class: "page-info", text: t("page.info", {p: page + 1, pages: pages, from: from, to: to, n: results.length})}), " ", next]);
  }
  // unitOf fetches (once per code and date) the new commune, for its
  // administrative centre.
  var unitCache = {};
  function unitOf(code, at) {
    var k = code + "@" + at;
    if (!unitCache[k]) unitCache[k] = api("/v1/units/commune/" + code + "?at=" + at).catch(function () { return null; });
    return unitCache[k];
  }
  function card(i) {
    var r = results[i];
    var to = dateVal("convert-to") || today();
    var c = el("div", {class: "card result", "data-status": r.status});
    c.appendChild(el("div", {class: "input"}, [el("span", {class: "badge " + r.status, text: t("status." + r.status)}), r.input || (rows[i] && rows[i].address) || ""]));
    var body = el("div");
    c.appendChild(body);
    // fill shows a result or a chosen candidate: new address, commune
    // (linked to its page), province, and the commune's seat.
    function fill(x) {
      body.textContent = "";
      if (!x || !x.address) {
        body.appendChild(el("div", {class: "new", text: r.note || t("convert.noResult")}));
        return;
      }
      body.appendChild(el("div", {class: "new"}, [x.address]));
      if (x.commune_code) {
        body.appendChild(el("div", {class: "meta"}, [
          el("a", {href: "#/unit/commune/" + x.commune_code + "?at=" + to, text: x.commune}),
          x.province ? " · " + x.province : ""
        ]));
        var centre = el("div", {class: "centre"});
        body.appendChild(centre);
        unitOf(x.commune_code, to).then(function (u) {
          if (u && u.admin_centre) {
            centre.appendChild(document.createTextNode(t("convert.centre") + ": "));
            centre.appendChild(el("strong", {text: u.admin_centre}));
          }
        });
      }
      if (r.note && r.status === "ok") body.appendChild(el("div", {class: "meta", text: r.note}));
    }
    fill(r.status === "ambiguous" ? null : r);
    if (r.status === "ambiguous" && r.candidates && r.candidates.length) {
      body.textContent = "";
      if (r.note) body.appendChild(el("div", {class: "meta", text: r.note}));
      var fs = el("fieldset", {class: "candidates"}, [el("legend", {text: t("convert.choose")})]);
      r.candidates.forEach(function (cand, j) {
        var id = "cand-" + i + "-" + j;
        var input = el("input", {type: "radio", name: "cand-" + i, id: id, value: String(j)});
        var shown = el("div");
        input.addEventListener("change", function () {
          choices[i] = j;
          fs.querySelectorAll(".chosen").forEach(function (d) { d.textContent = ""; d.classList.remove("chosen"); });
          var saved = body;
          body = shown; fill(cand); body = saved;
          shown.classList.add("chosen");
        });
        fs.appendChild(el("label", {for: id}, [input, el("span", null, [
          cand.commune + (cand.province ? ", " + cand.province : ""),
          el("span", {class: "note", text: [t("share." + cand.share), cand.note].filter(Boolean).join(" · ")})
        ])]));
        fs.appendChild(shown);
      });
      c.appendChild(fs);
    }
    return c;
  }
  function downloadCSV() {
    // Excel-safe: a cell starting with = + - @ tab or CR (not a plain number) gets a ' so that it is not run as a formula.
    var safe = function (s) { return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d*[.,]?\d+([eE][+-]?\d+)?$/.test(s) ? "'" + s : s; };
    var q = function (s) { s = safe(s == null ? "" : String(s)); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    var lines = [["input", "status", "new_address", "commune_code", "commune", "province", "note"].join(",")];
    results.forEach(function (r, i) {
      var x = chosen(i) || {};
      lines.push([r.input || (rows[i] && rows[i].address), r.status, x.address, x.commune_code, x.commune,
        x.province, x.note || r.note].map(q).join(","));
    });
    var blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
    var a = el("a", {href: URL.createObjectURL(blob), download: "dvhc-converted.csv"});
    document.body.appendChild(a); a.click(); a.remove();
  }

  // downloadXLSX has the server convert the same table to a workbook
  // (POST /v1/convert/file?format=xlsx): the uploaded file, or the pasted
  // addresses as a one-column table.
  function downloadXLSX() {
    var file = lastFile;
    if (!file) {
      var q = function (s) { return '"' + String(s).replace(/"/g, '""') + '"'; };
      var csv = "\uFEFFdia_chi\r\n" + rows.map(function (r) { return q(r.address); }).join("\r\n") + "\r\n";
      file = new File([csv], "dia-chi.csv", {type: "text/csv"});
    }
    var fd = new FormData();
    fd.append("file", file);
    status("convert-status", t("convert.preparing"));
    fetch("/v1/convert/file?format=xlsx&to=" + encodeURIComponent(dateVal("convert-to") || today()) + "&prefer=" + $("convert-prefer").value,
      {method: "POST", body: fd, headers: {"Accept-Language": lang}})
      .then(function (r) {
        if (!r.ok) return r.json().then(function (b) { throw new Error(b.detail || r.statusText); });
        return r.blob();
      })
      .then(function (blob) {
        var a = el("a", {href: URL.createObjectURL(blob), download: "dvhc-converted.xlsx"});
        document.body.appendChild(a); a.click(); a.remove();
        status("convert-status", t("convert.downloaded"));
      })
      .catch(function (e) { status("convert-status", e.message, true); });
  }

  // ---- unit page ----
  // The map needs no network beyond this server: without --tiles its base
  // layer is the embedded outlines of the provinces (the province in its
  // country), with the communes of the province around a commune.
  var map, layer, ctxLayer, linkLayer, legend;
  var geoCache = {};
  function geoJSON(path) {
    if (!geoCache[path]) geoCache[path] = api(path).catch(function () { delete geoCache[path]; return null; });
    return geoCache[path];
  }
  function ensureMap() {
    if (map) return map;
    map = L.map("map", {zoomControl: true, attributionControl: !!cfg.tiles}).setView([16.0, 106.0], 5);
    if (cfg.tiles) L.tileLayer(cfg.tiles, {maxZoom: 18, attribution: cfg.tilesAttribution || ""}).addTo(map);
    else if (has("boundaries")) {
      geoJSON("/v1/boundaries/province").then(function (gj) {
        if (!gj) return;
        L.geoJSON(gj, {interactive: false, className: "base-province",
          style: {color: "#8a949c", weight: 1, fillColor: "#eef1f3", fillOpacity: 1}}).addTo(map).bringToBack();
      });
    }
    return map;
  }
  function showUnit(level, code, at) {
    $("unit-name").textContent = "…";
    $("unit-sub").textContent = "";
    $("unit-facts").textContent = "";
    $("unit-formed").textContent = "";
    $("unit-lineage").textContent = "";
    $("unit-lineage-title").textContent = "";
    api("/v1/units/" + level + "/" + code + "?at=" + at).then(function (u) {
      document.title = u.name + " — dvhc";
      $("unit-name").textContent = u.name;
      $("unit-sub").textContent = [lang === "en" ? u.name_en : "", u.province && u.province.code !== u.code ? u.province.name : ""].filter(Boolean).join(" · ");
      var facts = $("unit-facts");
      function fact(k, v) { if (v != null && v !== "") { facts.appendChild(el("dt", {text: t(k)})); facts.appendChild(el("dd", null, [v])); } }
      fact("unit.level", levelName(u.level));
      fact("unit.code", u.code);
      fact("unit.valid", (fmtDate(u.valid_from) || "…") + " – " + (fmtDate(u.valid_to) || t("unit.today")));
      if (u.parent) fact("unit.in", el("a", {href: unitLink(u.parent, at), text: u.parent.name}));
      fact("unit.centre", u.admin_centre);
      if (u.area_km2) fact("unit.area", u.area_km2.toLocaleString(lang) + " km²");
      if (u.population) fact("unit.population", u.population.toLocaleString(lang));
      fact("unit.resolution", u.resolution);
      if (u.formed_from) {
        var keys = Object.keys(u.formed_from).sort();
        var last = keys[keys.length - 1];
        $("unit-formed").appendChild(el("h2", {text: t("unit.formed")}));
        $("unit-formed").appendChild(el("p", {class: "formed", text: u.formed_from[last]}));
      }
      drawUnit(u);
      // lineage: what it came from if it started on a known day, else what it became
      var to = null, dir = null;
      if (u.valid_from) { to = dayBefore(u.valid_from); dir = "predecessors"; }
      else if (u.valid_to) { to = dayAfter(u.valid_to); dir = "successors"; }
      if (!to) return;
      $("unit-lineage-title").textContent = t("unit." + dir, {d: fmtDate(to)});
      return api("/v1/lineage/" + u.level + "/" + u.code + "?at=" + at + "&to=" + to).then(function (l) {
        drawLinks(l.links, dir, to);
        var ul = $("unit-lineage");
        if (!l.links.length) ul.appendChild(el("li", {text: t("unit.noLineage")}));
        l.links.forEach(function (k) {
          ul.appendChild(el("li", null, [
            el("a", {href: unitLink(k, to), text: k.name}), " ",
            el("span", {class: "meta", text: [levelName(k.level) + " " + k.code, t("share." + k.share), k.note, k.event_resolution,
              k.basis && k.basis !== "official" ? t("basis.inferred") : null].filter(Boolean).join(" · ")})
          ]));
        });
      });
    }).catch(function (e) { $("unit-name").textContent = e.message; });
  }
  function dayBefore(d) { var x = new Date(d + "T00:00:00Z"); x.setUTCDate(x.getUTCDate() - 1); return x.toISOString().slice(0, 10); }
  function dayAfter(d) { var x = new Date(d + "T00:00:00Z"); x.setUTCDate(x.getUTCDate() + 1); return x.toISOString().slice(0, 10); }
  function clearMap(m) {
    [layer, ctxLayer, linkLayer, legend].forEach(function (x) { if (x) x.remove(); });
    layer = ctxLayer = linkLayer = legend = null;
  }
  function drawUnit(u) {
    var m = ensureMap();
    setTimeout(function () { m.invalidateSize(); }, 0);
    clearMap(m);
    var style = {color: "#b3261e", weight: 2, fillOpacity: 0.25};
    if (has("boundaries") && u.level !== "district" && (!u.valid_to)) {
      if (u.level === "commune" && !cfg.tiles) {
        // the commune among its neighbours
        geoJSON("/v1/boundaries/commune?in=" + u.province_code).then(function (gj) {
          if (!gj || !map) return;
          ctxLayer = L.geoJSON(gj, {interactive: false, className: "base-commune",
            style: {color: "#9aa5ad", weight: 0.8, fillColor: "#f7f8f9", fillOpacity: 1}}).addTo(m);
          if (layer) layer.bringToFront();
        });
      }
      api("/v1/boundaries/" + u.level + "/" + u.code).then(function (gj) {
        layer = L.geoJSON(gj, {style: style}).addTo(m).bindTooltip(u.name);
        m.fitBounds(layer.getBounds(), {padding: [10, 10]});
      }).catch(function () { drawPoint(u); });
      return;
    }
    drawPoint(u);
  }
  // drawLinks draws what an old unit became: the new units that took it,
  // coloured by share (all of it, part of it), framed; the units of a
  // lineage without boundaries are dots.
  var shareStyle = {
    whole: {color: "#7d1a14", weight: 1.5, fillColor: "#b3261e", fillOpacity: 0.55},
    part: {color: "#8a5a00", weight: 1.5, dashArray: "4 3", fillColor: "#f0b341", fillOpacity: 0.55}
  };
  function drawLinks(links, dir, to) {
    var m = ensureMap();
    if (linkLayer) m.removeLayer(linkLayer);
    linkLayer = L.featureGroup().addTo(m);
    var drawn = 0;
    var jobs = links.map(function (k) {
      if (dir === "successors" && has("boundaries") && k.level !== "district") {
        return api("/v1/boundaries/" + k.level + "/" + k.code + "?at=" + to).then(function (gj) {
          L.geoJSON(gj, {style: shareStyle[k.share] || shareStyle.part, className: "share-" + k.share})
            .bindTooltip(k.name + " · " + t("map." + k.share)).addTo(linkLayer);
          drawn++;
        }).catch(function () {});
      }
      if (k.point) L.circleMarker([k.point.lat, k.point.lon], {radius: 6, color: "#5b6670", weight: 1, fillOpacity: 0.5}).bindTooltip(k.name).addTo(linkLayer);
      return null;
    });
    Promise.all(jobs).then(function () {
      if (!linkLayer.getLayers().length) return;
      if (drawn) {
        legend = L.control({position: "bottomleft"});
        legend.onAdd = function () {
          return el("div", {class: "map-legend"}, [
            el("div", null, [el("span", {class: "swatch whole"}), t("map.whole")]),
            el("div", null, [el("span", {class: "swatch part"}), t("map.part")])]);
        };
        legend.addTo(m);
      }
      if (!layer) m.fitBounds(linkLayer.getBounds(), {padding: [20, 20], maxZoom: 13});
    });
  }
  function drawPoint(u) {
    if (!u.point) return;
    layer = L.circleMarker([u.point.lat, u.point.lon], {radius: 8, color: "#b3261e", fillOpacity: 0.6}).addTo(map)
      .bindTooltip(u.name, {permanent: true, direction: "top", offset: [0, -8]});
    map.setView([u.point.lat, u.point.lon], u.level === "province" ? 8 : 12);
  }

  // ---- data dates (footer) ----
  var meta = null;
  function showDates() {
    if (!meta) return;
    var from = (meta.coverage || []).map(function (c) { return c.complete_from; }).sort().pop();
    $("data-dates").textContent = t("footer.dates", {data: fmtDate(meta.data_date), checked: fmtDate(meta.checked_to), from: fmtDate(from)});
  }
  api("/v1/meta").then(function (m) { meta = m; showDates(); }, function () {});
  document.querySelectorAll("[data-lang]").forEach(function (b) { b.addEventListener("click", showDates); });

  // ---- start ----
  setDate("search-at", today());
  setDate("convert-to", today());
  if (!has("convert")) status("convert-status", t("convert.unavailable"));
  applyLang();
  route();
})();
