// dvhc page: hash routes #/ (converter), #/search, #/unit/LEVEL/CODE?at=DATE.
(function () {
  "use strict";
  var cfg = window.DVHC || {features: []};
  var has = function (f) { return (cfg.features || []).indexOf(f) >= 0; };
  var lang = localStorage.getItem("dvhc.lang") || "vi";
  var $ = function (id) { return document.getElementById(id); };

  // ---- i18n ----
  function t(key, vars) {
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
      if (q.at) $("search-at").value = q.at;
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
    var at = $("search-at").value;
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
    var p = new URLSearchParams({q: $("search-q").value.trim()});
    if ($("search-at").value) p.set("at", $("search-at").value);
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
  $("file").addEventListener("change", function () {
    var f = this.files[0];
    if (!f) return;
    if (/\.xlsx$/i.test(f.name) && has("xlsx")) {
      var fd = new FormData();
      fd.append("file", f);
      status("convert-status", t("convert.working", {n: "…"}));
      $("convert-button").disabled = true;
      api("/v1/convert/file?to=" + encodeURIComponent($("convert-to").value || today()), {method: "POST", body: fd})
        .then(function (res) {
          rows = res.rows || [];
          $("addresses").value = rows.map(function (r) { return r.address; }).join("\n");
          $("addresses").dataset.fromFile = "1";
          showResults(res.results || []);
        })
        .catch(function (e) { status("convert-status", e.message, true); })
        .finally(function () { $("convert-button").disabled = false; });
      return;
    }
    f.text().then(function (text) {
      rows = rowsOfTable(parseCSV(text));
      $("addresses").value = rows.map(function (r) { return r.address; }).join("\n");
      status("convert-status", t("convert.fileRead", {n: rows.length, name: f.name}));
      $("addresses").dataset.fromFile = "1";
    });
  });
  $("addresses").addEventListener("input", function () { delete this.dataset.fromFile; });

  $("convert-form").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!has("convert")) { status("convert-status", t("convert.unavailable"), true); return; }
    var lines = $("addresses").value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    if (!$("addresses").dataset.fromFile) rows = lines.map(function (a) { return {address: a, point: null}; });
    if (!rows.length) { status("convert-status", t("convert.empty"), true); return; }
    var max = cfg.maxBatch || 10000;
    if (rows.length > max) { status("convert-status", t("convert.tooMany", {n: max}), true); return; }
    var body = {addresses: rows.map(function (r) { return r.address; }), to: $("convert-to").value || today()};
    if (rows.some(function (r) { return r.point; })) body.points = rows.map(function (r) { return r.point; });
    $("convert-button").disabled = true;
    status("convert-status", t("convert.working", {n: rows.length}));
    api("/v1/convert", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (res) { showResults(res.results || []); })
      .catch(function (e) { status("convert-status", e.message, true); })
      .finally(function () { $("convert-button").disabled = false; });
  });

  function chosen(i) {
    var r = results[i];
    if (r.status === "ambiguous" && r.candidates && choices[i] != null) return r.candidates[choices[i]];
    return r;
  }
  function showResults(rs) {
    results = rs;
    choices = {};
    var n = {ok: 0, ambiguous: 0, bad: 0};
    rs.forEach(function (r) { if (r.status === "ok") n.ok++; else if (r.status === "ambiguous") n.ambiguous++; else n.bad++; });
    status("convert-status", t("convert.done", {n: rs.length, ok: n.ok, amb: n.ambiguous, bad: n.bad}));
    var box = $("convert-results");
    box.textContent = "";
    if (rs.length > 1) {
      var dl = el("button", {type: "button", class: "link", text: t("convert.download")});
      dl.addEventListener("click", downloadCSV);
      box.appendChild(el("div", {class: "summary"}, [dl]));
    }
    var limit = Math.min(rs.length, 500); // the download has them all
    for (var i = 0; i < limit; i++) box.appendChild(card(i));
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
    var to = $("convert-to").value || today();
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

  // ---- unit page ----
  var map, layer;
  function ensureMap() {
    if (map) return map;
    map = L.map("map", {zoomControl: true, attributionControl: !!cfg.tiles}).setView([16.0, 106.0], 5);
    if (cfg.tiles) L.tileLayer(cfg.tiles, {maxZoom: 18, attribution: cfg.tilesAttribution || ""}).addTo(map);
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
        drawLinks(l.links, !u.point);
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
  function drawUnit(u) {
    var m = ensureMap();
    setTimeout(function () { m.invalidateSize(); }, 0);
    if (layer) { m.removeLayer(layer); layer = null; }
    var style = {color: "#b3261e", weight: 2, fillOpacity: 0.15};
    if (has("boundaries") && u.level !== "district" && (!u.valid_to)) {
      api("/v1/boundaries/" + u.level + "/" + u.code).then(function (gj) {
        layer = L.geoJSON(gj, {style: style}).addTo(m);
        m.fitBounds(layer.getBounds(), {padding: [10, 10]});
      }).catch(function () { drawPoint(u); });
      return;
    }
    drawPoint(u);
  }
  // drawLinks marks the units of the lineage on the map, and frames them
  // when the unit itself has no point (units before 2025-07-01).
  var linkLayer;
  function drawLinks(links, frame) {
    var m = ensureMap();
    if (linkLayer) m.removeLayer(linkLayer);
    linkLayer = L.featureGroup(links.filter(function (k) { return k.point; }).map(function (k) {
      return L.circleMarker([k.point.lat, k.point.lon], {radius: 6, color: "#5b6670", weight: 1, fillOpacity: 0.5}).bindTooltip(k.name);
    })).addTo(m);
    if (frame && linkLayer.getLayers().length) m.fitBounds(linkLayer.getBounds(), {padding: [30, 30], maxZoom: 13});
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
  $("search-at").value = today();
  $("convert-to").value = today();
  if (!has("convert")) status("convert-status", t("convert.unavailable"));
  applyLang();
  route();
})();
