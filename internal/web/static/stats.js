// The statistics panel (#/stats): upload a table keyed by units, pick the
// columns, convert it between vintages with POST /v1/stats, download the
// result as Excel or CSV. Loaded before app.js so that its strings are in
// I18N when app.js first translates the page.
(function () {
  Object.assign(I18N.vi, {
    "nav.stats": "Thống kê",
    "stats.title": "Chuyển bảng số liệu sang đơn vị hành chính mới",
    "stats.lead": "Tải lên bảng số liệu theo mã đơn vị (xã cũ, tỉnh cũ…), chọn các cột: số đếm được cộng khi sáp nhập và chia theo trọng số khi tách; tỷ lệ được tính bình quân gia quyền.",
    "stats.file": "Tệp CSV hoặc Excel",
    "stats.from": "Mã theo đơn vị ngày",
    "stats.to": "Chuyển sang đơn vị ngày",
    "stats.level": "Cấp kết quả",
    "stats.levelKeys": "như mã",
    "stats.weight": "Chia khi tách theo",
    "stats.w.population": "dân số",
    "stats.w.area": "diện tích",
    "stats.w.equal": "chia đều",
    "stats.key": "Cột mã",
    "stats.sum": "Cột số đếm (cộng)",
    "stats.mean": "Cột tỷ lệ (bình quân)",
    "stats.weightBy": "Trọng số của tỷ lệ",
    "stats.weightCol": "Dân số xã cũ (để chia khi tách)",
    "stats.none": "(không)",
    "stats.hint": "Với Excel, gõ tên cột cách nhau bởi dấu phẩy. Nguồn dữ liệu không có diện tích, dân số của xã cũ: tỷ lệ chia khi tách chỉ đo được khi văn bản ghi “toàn bộ dân số”, còn lại là giả định, và cột assumed_weight ghi rõ.",
    "stats.button": "Chuyển đổi",
    "stats.xlsx": "Tải Excel",
    "stats.csv": "Tải CSV",
    "stats.working": "Đang chuyển đổi…",
    "stats.pickFile": "Hãy chọn một tệp.",
    "stats.pickCols": "Hãy chọn ít nhất một cột số đếm hoặc tỷ lệ.",
    "stats.done": "{rows} dòng → {units} đơn vị; {assumed} đơn vị dùng trọng số giả định.",
    "stats.column": "Cột",
    "stats.in": "Trước",
    "stats.out": "Sau",
    "stats.dropped": "Không tính (mã không rõ, không có đơn vị kế thừa)",
    "stats.unknown": "Mã không có vào ngày này: {n}",
    "stats.dup": "Mã trùng (đã cộng dồn): {n}",
    "stats.bad": "Giá trị không phải số: {n}",
    "stats.badRows": "Dòng không đọc được: {n}",
    "stats.noData": "Đơn vị không có số liệu: {n}",
    "stats.row": "dòng {row}",
    "stats.preview": "Các đơn vị có số liệu (tối đa 50)"
  });
  Object.assign(I18N.en, {
    "nav.stats": "Statistics",
    "stats.title": "Convert a statistical table to the new units",
    "stats.lead": "Upload a table keyed by unit codes (old communes, old provinces…), pick the columns: counts are added up on merges and apportioned on splits; rates are weighted means.",
    "stats.file": "CSV or Excel file",
    "stats.from": "Codes of the units of",
    "stats.to": "Convert to the units of",
    "stats.level": "Output level",
    "stats.levelKeys": "as the codes",
    "stats.weight": "Apportion splits by",
    "stats.w.population": "population",
    "stats.w.area": "area",
    "stats.w.equal": "equal shares",
    "stats.key": "Code column",
    "stats.sum": "Count columns (summed)",
    "stats.mean": "Rate columns (averaged)",
    "stats.weightBy": "Weight of the rates",
    "stats.weightCol": "Old units' population (to split)",
    "stats.none": "(none)",
    "stats.hint": "For Excel, type the column names separated by commas. The sources hold no areas or populations of the old communes: a split share is measured only where the official note says “all of the population”; otherwise it is assumed, and the assumed_weight column says so.",
    "stats.button": "Convert",
    "stats.xlsx": "Download Excel",
    "stats.csv": "Download CSV",
    "stats.working": "Converting…",
    "stats.pickFile": "Choose a file.",
    "stats.pickCols": "Pick at least one count or rate column.",
    "stats.done": "{rows} rows → {units} units; {assumed} units use an assumed weight.",
    "stats.column": "Column",
    "stats.in": "Before",
    "stats.out": "After",
    "stats.dropped": "Not counted (unknown codes, no successor)",
    "stats.unknown": "Codes unknown on that date: {n}",
    "stats.dup": "Duplicate codes (values added): {n}",
    "stats.bad": "Values that are not numbers: {n}",
    "stats.badRows": "Unreadable rows: {n}",
    "stats.noData": "Units with no data: {n}",
    "stats.row": "row {row}",
    "stats.preview": "Units with data (at most 50)"
  });

  var $ = function (id) { return document.getElementById(id); };
  function t(key, vars) {
    var lang = document.documentElement.lang === "en" ? "en" : "vi";
    var s = I18N[lang][key] || I18N.vi[key] || key;
    if (vars) s = s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k] == null ? "" : vars[k]; });
    return s;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function status(msg, isError) { var s = $("stats-status"); s.textContent = msg || ""; s.classList.toggle("error", !!isError); }

  // ---- routing: app.js knows convert, search and unit; #/stats is ours.
  function route() {
    if (!/^#\/stats/.test(location.hash)) return;
    document.querySelectorAll(".view").forEach(function (v) { v.hidden = v.id !== "view-stats"; });
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      if (a.dataset.nav === "stats") a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
  }
  window.addEventListener("hashchange", function () { setTimeout(route, 0); });
  document.addEventListener("DOMContentLoaded", function () { setTimeout(route, 0); init(); });

  // ---- the form ----
  var header = [];
  function init() {
    $("stats-to").value = $("stats-to").value || new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
    $("stats-file").addEventListener("change", readHeader);
    $("stats-form").addEventListener("submit", function (e) { e.preventDefault(); send("json"); });
    $("stats-xlsx").addEventListener("click", function () { send("xlsx"); });
    $("stats-csv").addEventListener("click", function () { send("csv"); });
  }
  // readHeader fills the column lists from a CSV or TSV file's first line.
  function readHeader() {
    var f = $("stats-file").files[0];
    header = [];
    fillColumns();
    if (!f || /\.xlsx$/i.test(f.name)) return;
    f.slice(0, 65536).text().then(function (text) {
      var line = text.replace(/^\uFEFF/, "").split(/\r?\n/)[0];
      var sep = /\.tsv$/i.test(f.name) || line.indexOf("\t") >= 0 ? "\t" : line.indexOf(";") >= 0 && line.indexOf(",") < 0 ? ";" : ",";
      header = line.split(sep).map(function (h) { return h.replace(/^"|"$/g, "").trim(); }).filter(Boolean);
      fillColumns();
    });
  }
  function fillColumns() {
    $("stats-columns").textContent = "";
    var list = $("stats-colnames");
    list.textContent = "";
    header.forEach(function (h) { list.appendChild(el("option", {value: h})); });
    $("stats-columns").hidden = !header.length;
    $("stats-typed").hidden = !!header.length;
    if (!header.length) return;
    var table = el("table", {class: "stats-pick"}, [el("tr", {}, [el("th", {text: t("stats.column")}), el("th", {text: t("stats.key")}),
      el("th", {text: t("stats.sum")}), el("th", {text: t("stats.mean")}), el("th", {text: t("stats.weightBy")}), el("th", {text: t("stats.weightCol")})])]);
    header.forEach(function (h, i) {
      var cell = function (type, name) {
        var input = el("input", {type: type, name: name, value: h, "aria-label": h + " " + name});
        if (type === "radio" && name === "key" && i === 0) input.checked = true;
        return el("td", {}, [input]);
      };
      table.appendChild(el("tr", {}, [el("td", {text: h}), cell("radio", "key"), cell("checkbox", "sum"), cell("checkbox", "mean"), cell("radio", "weight_by"), cell("radio", "weight_col")]));
    });
    var none = function (name) { return el("td", {}, [el("input", {type: "radio", name: name, value: "", checked: "checked", "aria-label": t("stats.none")})]); };
    table.appendChild(el("tr", {}, [el("td", {text: t("stats.none")}), el("td"), el("td"), el("td"), none("weight_by"), none("weight_col")]));
    $("stats-columns").appendChild(table);
  }
  function picked() {
    if (!header.length) {
      return {key: $("stats-key").value.trim(), sum: $("stats-sum").value.trim(), mean: $("stats-mean").value.trim(), weight_by: $("stats-weight-by").value.trim()};
    }
    var f = $("stats-form");
    var all = function (n) { return Array.prototype.filter.call(f.querySelectorAll("input[name=" + n + "]"), function (x) { return x.checked; }).map(function (x) { return x.value; }); };
    return {key: all("key")[0] || "", sum: all("sum").join(","), mean: all("mean").join(","), weight_by: all("weight_by")[0] || "", weight: all("weight_col")[0] || ""};
  }

  function send(format) {
    var f = $("stats-file").files[0];
    if (!f) { status(t("stats.pickFile"), true); return; }
    var cols = picked();
    if (!cols.sum && !cols.mean) { status(t("stats.pickCols"), true); return; }
    var q = new URLSearchParams({from: $("stats-from").value, to: $("stats-to").value, weight: $("stats-weight").value, format: format});
    if ($("stats-level").value) q.set("level", $("stats-level").value);
    Object.keys(cols).forEach(function (k) { if (cols[k]) q.set(k, cols[k]); });
    var body = new FormData();
    body.append("file", f, f.name);
    status(t("stats.working"));
    $("stats-button").disabled = true;
    fetch("/v1/stats?" + q, {method: "POST", body: body,
      headers: {"Accept-Language": document.documentElement.lang === "en" ? "en" : "vi"}}).then(function (r) {
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || p.title || r.statusText); });
      if (format === "json") return r.json().then(show);
      return r.blob().then(function (b) {
        var a = el("a", {href: URL.createObjectURL(b), download: f.name.replace(/\.[^.]*$/, "") + "-" + $("stats-to").value + "." + format});
        document.body.appendChild(a); a.click(); a.remove();
        status("");
      });
    }).catch(function (e) { status(e.message, true); })
      .finally(function () { $("stats-button").disabled = false; });
  }

  function num(v) { return typeof v === "number" ? Number(v.toPrecision(12)).toLocaleString(document.documentElement.lang) : v; }
  function show(res) {
    var rep = res.report, box = $("stats-results");
    status(t("stats.done", {rows: rep.rows_read, units: rep.target_units, assumed: rep.assumed_rows}));
    box.textContent = "";
    var totals = el("table", {class: "stats-totals"}, [el("tr", {}, [el("th", {text: t("stats.column")}), el("th", {text: t("stats.in")}), el("th", {text: t("stats.out")}), el("th", {text: t("stats.dropped")})])]);
    rep.totals.forEach(function (x) {
      totals.appendChild(el("tr", {}, [el("td", {text: x.column}), el("td", {text: num(x.in)}), el("td", {text: num(x.out)}),
        el("td", {text: x.mean ? "" : num(x.unknown + x.lost)})]));
    });
    box.appendChild(totals);
    var problems = function (key, n, list) {
      if (!n) return;
      var ul = el("ul", {class: "stats-problems"});
      list.slice(0, 20).forEach(function (p) { ul.appendChild(el("li", {text: t("stats.row", {row: p.row}) + " · " + (p.key || "∅") + " · " + p.detail})); });
      box.appendChild(el("div", {class: "stats-problem"}, [el("strong", {text: t(key, {n: n})}), ul]));
    };
    problems("stats.unknown", rep.unknown_key_count, rep.unknown_keys);
    problems("stats.dup", rep.duplicate_key_count, rep.duplicate_keys);
    problems("stats.bad", rep.bad_value_count, rep.bad_values);
    problems("stats.badRows", rep.bad_row_count, rep.bad_rows);
    if (rep.no_data_count) box.appendChild(el("p", {class: "hint", text: t("stats.noData", {n: rep.no_data_count})}));
    var rows = res.rows.filter(function (r) { return r[r.length - 1] !== "0"; }).slice(0, 50);
    var table = el("table", {class: "stats-preview"}, [el("caption", {text: t("stats.preview")}), el("tr", {}, res.columns.map(function (c) { return el("th", {text: c}); }))]);
    rows.forEach(function (r) { table.appendChild(el("tr", {"data-assumed": r[r.length - 2]}, r.map(function (v) { return el("td", {text: v}); }))); });
    box.appendChild(el("div", {class: "stats-scroll"}, [table]));
  }
})();
