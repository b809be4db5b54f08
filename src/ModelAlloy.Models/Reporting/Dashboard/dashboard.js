// ModelAlloy cost dashboard: draws the page from the JSON in #cost-data. Every value goes into the page as text
// (textContent, setAttribute), never as markup. Elements carry data-* attributes so tests can read what was drawn.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#2f6fde", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  var MAX_SERIES = 8;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    setAll(node, attrs);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function setAll(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
  }

  function usd(v) {
    var a = Math.abs(v);
    var digits = a === 0 || a >= 1 ? 2 : a >= 0.01 ? 4 : 6;
    return (v < 0 ? "-$" : "$") + a.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  // Axis labels: at most three significant digits, no trailing zeros ($0.00375, $0.005, $12.5).
  function axisUsd(v) { return v === 0 ? "$0" : "$" + String(parseFloat(v.toPrecision(3))); }

  function count(v) { return v.toLocaleString("en-US"); }

  function pct(v) { return (v * 100).toFixed(0) + "%"; }

  function niceMax(v) {
    if (v <= 0) { return 1; }
    var step = Math.pow(10, Math.floor(Math.log10(v)));
    var n = [1, 2, 2.5, 5, 10].find(function (m) { return m * step >= v; });
    return n * step;
  }

  function dayLabel(day) {
    var d = new Date(day + "T00:00:00Z");
    return d.toLocaleDateString("en-US", { weekday: "short", timeZone: "UTC" }) + " " + day.slice(8, 10);
  }

  // At most MAX_SERIES keys; the rest are summed into "other".
  function topSeries(series, days) {
    if (series.length <= MAX_SERIES) { return series; }
    var kept = series.slice(0, MAX_SERIES - 1);
    var rest = series.slice(MAX_SERIES - 1);
    kept.push({
      key: "other (" + rest.length + ")",
      totalUsd: rest.reduce(function (s, x) { return s + x.totalUsd; }, 0),
      calls: rest.reduce(function (s, x) { return s + x.calls; }, 0),
      costUsd: days.map(function (_, i) { return rest.reduce(function (s, x) { return s + x.costUsd[i]; }, 0); })
    });
    return kept;
  }

  function card(title, sub, content) {
    return el("section", { "class": "card" }, [el("h2", {}, [title]), el("div", { "class": "sub" }, [sub])].concat(content));
  }

  function stackedBars(id, days, allSeries) {
    var series = topSeries(allSeries, days);
    var W = 1160, H = 250, L = 72, R = 8, T = 12, B = 30;
    var totals = days.map(function (_, i) { return series.reduce(function (s, x) { return s + x.costUsd[i]; }, 0); });
    var max = niceMax(Math.max.apply(null, totals.concat([0])));
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "data-chart": id, "data-series": series.length });
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    for (var t = 0; t <= 4; t++) {
      var v = max * t / 4;
      chart.appendChild(svg("line", { "class": "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      chart.appendChild(svg("text", { x: L - 8, y: y(v) + 4, "text-anchor": "end" }, axisUsd(v)));
    }
    var band = (W - L - R) / Math.max(1, days.length);
    var barWidth = Math.min(56, band * 0.62);
    var every = Math.ceil(days.length / 16);
    var bars = 0;
    days.forEach(function (day, i) {
      var x = L + band * i + (band - barWidth) / 2;
      var base = 0;
      series.forEach(function (s, k) {
        var value = s.costUsd[i];
        if (value <= 0) { return; }
        var rect = svg("rect", {
          x: x, y: y(base + value), width: barWidth, height: Math.max(0.5, y(base) - y(base + value)), rx: 2,
          fill: PALETTE[k % PALETTE.length], "data-key": s.key, "data-day": day, "data-usd": value
        });
        rect.appendChild(svg("title", {}, s.key + " · " + day + " · " + usd(value)));
        chart.appendChild(rect);
        base += value;
        bars++;
      });
      if (i % every === 0) {
        chart.appendChild(svg("text", { x: x + barWidth / 2, y: H - 10, "text-anchor": "middle" }, dayLabel(day)));
      }
    });
    chart.setAttribute("data-bars", bars);
    chart.setAttribute("data-total-usd", totals.reduce(function (s, v) { return s + v; }, 0));
    var legend = el("ul", { "class": "legend" }, series.map(function (s, k) {
      return el("li", { "data-key": s.key }, [
        el("span", { "class": "swatch", style: "background:" + PALETTE[k % PALETTE.length] }),
        s.key, el("span", { "class": "amount" }, [usd(s.totalUsd) + " · " + count(s.calls) + " calls"])
      ]);
    }));
    return [chart, legend];
  }

  function tiers(rows) {
    var W = 560, rowH = 58, L = 96, R = 96, H = Math.max(1, rows.length) * rowH + 8;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "data-chart": "tiers", "data-rows": rows.length });
    var maxCalls = Math.max.apply(null, rows.map(function (r) { return r.calls; }).concat([1]));
    var maxCost = Math.max.apply(null, rows.map(function (r) { return r.costUsd; }).concat([0])) || 1;
    rows.forEach(function (r, i) {
      var top = 6 + i * rowH;
      var span = W - L - R;
      chart.appendChild(svg("text", { "class": "row-label", x: 0, y: top + 26 }, r.tier));
      var calls = svg("rect", { x: L, y: top + 4, height: 18, rx: 3, width: Math.max(1, span * r.calls / maxCalls), fill: "#9db8ea", "data-tier": r.tier, "data-calls": r.calls });
      calls.appendChild(svg("title", {}, r.tier + ": " + count(r.calls) + " calls, " + count(r.accepted) + " accepted"));
      chart.appendChild(calls);
      chart.appendChild(svg("text", { "class": "value-label", x: L + Math.max(1, span * r.calls / maxCalls) + 6, y: top + 18 }, count(r.calls) + " calls"));
      var cost = svg("rect", { x: L, y: top + 26, height: 18, rx: 3, width: Math.max(1, span * r.costUsd / maxCost), fill: "#2f6fde", "data-tier": r.tier, "data-usd": r.costUsd });
      cost.appendChild(svg("title", {}, r.tier + ": " + usd(r.costUsd)));
      chart.appendChild(cost);
      chart.appendChild(svg("text", { "class": "value-label", x: L + Math.max(1, span * r.costUsd / maxCost) + 6, y: top + 40 }, usd(r.costUsd)));
    });
    var legend = el("ul", { "class": "legend" }, [
      el("li", {}, [el("span", { "class": "swatch", style: "background:#9db8ea" }), "provider calls"]),
      el("li", {}, [el("span", { "class": "swatch", style: "background:#2f6fde" }), "cost"])
    ]);
    return [chart, legend];
  }

  function baseline(b) {
    if (!b) { return [el("p", { "class": "empty" }, ["No catalog was given, so there are no prices to compare with."])]; }
    var W = 560, L = 150, R = 96, max = Math.max(b.baselineCostUsd, b.actualCostUsd) || 1;
    var chart = svg("svg", { viewBox: "0 0 " + W + " 112", role: "img", "data-chart": "baseline", "data-saving-usd": b.savingUsd });
    [["All on " + b.model, b.baselineCostUsd, "#bab0ac"], ["This alloy", b.actualCostUsd, b.savingUsd >= 0 ? "#59a14f" : "#e15759"]].forEach(function (row, i) {
      var top = 10 + i * 48, width = Math.max(1, (W - L - R) * row[1] / max);
      chart.appendChild(svg("text", { "class": "row-label", x: 0, y: top + 19 }, row[0]));
      chart.appendChild(svg("rect", { x: L, y: top, width: width, height: 26, rx: 3, fill: row[2], "data-usd": row[1] }));
      chart.appendChild(svg("text", { "class": "value-label", x: L + width + 6, y: top + 18 }, usd(row[1])));
    });
    var verdict = b.savingUsd >= 0 ? "Saved " + usd(b.savingUsd) + " (" + pct(b.savingRate) + ")" : "Cost " + usd(-b.savingUsd) + " more";
    return [chart, el("p", { "class": "sub", "data-baseline": b.model }, [verdict + " against sending all " + count(b.answers) +
      " accepted answers to " + b.model + " (its prices, the same tokens, no retries)."])];
  }

  function findings(list) {
    if (list.length === 0) { return [el("p", { "class": "empty" }, ["No expensive model found doing work a cheap model does as well."])]; }
    var head = ["Task type", "Expensive model", "$/answer", "accepted", "Cheap model", "$/answer", "accepted", "cheaper", "Potential saving"];
    var num = [false, false, true, true, false, true, true, true, true];
    return [el("table", { "data-findings": list.length }, [
      el("thead", {}, [el("tr", {}, head.map(function (h, i) { return el("th", num[i] ? { "class": "num" } : {}, [h]); }))]),
      el("tbody", {}, list.map(function (f) {
        return el("tr", { "data-finding": f.taskType }, [
          el("td", {}, [f.taskType]), el("td", { "class": "flag" }, [f.expensiveModel]), el("td", { "class": "num" }, [usd(f.expensiveCostPerAnswer)]),
          el("td", { "class": "num" }, [pct(f.expensiveSuccessRate)]), el("td", {}, [f.cheapModel]), el("td", { "class": "num" }, [usd(f.cheapCostPerAnswer)]),
          el("td", { "class": "num" }, [pct(f.cheapSuccessRate)]), el("td", { "class": "num" }, [f.costRatio.toFixed(0) + "x"]),
          el("td", { "class": "num", "data-usd": f.potentialSavingUsd }, [usd(f.potentialSavingUsd)])
        ]);
      }))
    ])];
  }

  function kpi(name, label, value, note, extra) {
    return el("div", { "class": "kpi" + (extra || ""), "data-total": name }, [
      el("div", { "class": "label" }, [label]), el("div", { "class": "value" }, [value]), el("div", { "class": "note" }, [note])
    ]);
  }

  function render(data) {
    var root = document.getElementById("dashboard");
    var t = data.totals;
    var header = el("header", {}, [el("h1", {}, [data.title]), el("span", { "class": "period" }, [data.from + " to " + data.to + " (UTC)"])]);
    if (t.simulated > 0) { header.appendChild(el("span", { "class": "badge", "data-simulated": t.simulated }, [count(t.simulated) + " SIMULATED attempts"])); }
    root.appendChild(header);

    var cost = kpi("cost", "Total cost", usd(t.costUsd), count(t.calls + t.skipped) + " attempts");
    cost.setAttribute("data-usd", t.costUsd);
    var saving = data.baseline
      ? kpi("saving", "Saving vs baseline", usd(data.baseline.savingUsd), pct(data.baseline.savingRate) + " of " + usd(data.baseline.baselineCostUsd), data.baseline.savingUsd < 0 ? " saving negative" : " saving")
      : kpi("saving", "Saving vs baseline", "n/a", "needs the catalog");
    if (data.baseline) { saving.setAttribute("data-usd", data.baseline.savingUsd); }
    var calls = kpi("calls", "Provider calls", count(t.calls), count(t.accepted) + " accepted");
    calls.setAttribute("data-count", t.calls);
    var accepted = kpi("accepted", "Accepted answers", count(t.accepted), t.calls ? pct(t.accepted / t.calls) + " of calls" : "");
    accepted.setAttribute("data-count", t.accepted);
    var skipped = kpi("skipped", "Skipped attempts", count(t.skipped), "cooling down or over budget");
    skipped.setAttribute("data-count", t.skipped);
    var tokens = kpi("tokens", "Tokens in / out", count(t.inputTokens), count(t.outputTokens) + " out" + (t.estimated ? " (" + count(t.estimated) + " estimated)" : ""));
    root.appendChild(el("section", { "class": "kpis" }, [cost, calls, accepted, skipped, tokens, saving]));

    if (data.days.length === 0 || t.calls + t.skipped === 0) {
      root.appendChild(card("No model calls", "The ledger has no attempts between " + data.from + " and " + data.to + ".", []));
    }

    root.appendChild(card("Cost per day by pipeline", "USD per UTC day, stacked by pipeline", stackedBars("cost-by-pipeline", data.days, data.breakdowns.pipeline)));
    root.appendChild(card("Cost per day by task type", "USD per UTC day, stacked by task type", stackedBars("cost-by-task-type", data.days, data.breakdowns.taskType)));
    root.appendChild(card("Cost per day by model", "USD per UTC day, stacked by model", stackedBars("cost-by-model", data.days, data.breakdowns.model)));
    root.appendChild(el("div", { "class": "row" }, [
      card("Calls and cost per tier", "Provider calls and USD by the catalog tier of the model that answered", tiers(data.tiers)),
      card("Saving against one capable model", "What the accepted answers would have cost on a single capable model", baseline(data.baseline))
    ]));
    root.appendChild(card("Expensive models doing cheap work", "Same task type, at least as many answers accepted, at a fraction of the cost per accepted answer", findings(data.findings)));
    root.appendChild(el("footer", {}, ["From the ModelAlloy cost ledger: one row per attempt, costs in US dollars at the catalog's prices."]));
  }

  try {
    render(JSON.parse(document.getElementById("cost-data").textContent));
    document.body.setAttribute("data-rendered", "ok");
  } catch (e) {
    document.body.setAttribute("data-render-error", String(e && e.message || e));
    document.getElementById("dashboard").appendChild(el("p", { "class": "error" }, ["The dashboard could not be drawn: " + e]));
  }
})();
