// Draws the charts whose data the server embedded as <script type="application/json" id="ID-data">.
(function () {
  "use strict";
  var COLORS = { green: "#2e9e5b", yellow: "#d9a21b", red: "#c8382c", grey: "#8a8f98" };
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';
  var NARROW = 400; // px of chart width (phones) below which outside labels and dense axes give way

  // Tooltips are HTML: every text that comes from a plan or a person is escaped before it goes in,
  // as a template escapes it in a page (a box title may hold "<img onerror=…>").
  function esc(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function donut(rows, narrow) {
    var counts = {};
    rows.forEach(function (r) { counts[r.status] = r.count; });
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "item", formatter: function (p) { return esc(p.name) + "：" + esc(p.value) + " 项（" + esc(p.percent) + "%）"; } },
      // On narrow screens the outside labels would be cut off: a legend below the ring instead.
      legend: narrow ? {
        bottom: 0, left: "center", itemWidth: 10, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 12 },
        formatter: function (name) { return name + " " + counts[name]; }
      } : { show: false },
      series: [{
        type: "pie",
        radius: narrow ? ["34%", "56%"] : ["42%", "66%"],
        center: narrow ? ["50%", "34%"] : ["50%", "50%"],
        avoidLabelOverlap: true,
        label: { show: !narrow, formatter: "{b} {c}" },
        labelLine: { show: !narrow, length: 10, length2: 8 },
        labelLayout: { hideOverlap: true },
        data: rows.map(function (r) { return { name: r.status, value: r.count, itemStyle: { color: COLORS[r.color] || COLORS.grey } }; })
      }]
    };
  }

  function bar(rows, narrow) {
    var width = narrow ? 7 : 10;
    var names = rows.map(function (r) {
      var title = r.box_title.length > width ? r.box_title.slice(0, width) + "…" : r.box_title;
      return (r.box ? r.box + " " : "") + title;
    });
    var round = function (v) { return v === null ? null : Math.round(Number(v) * 100) / 100; };
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", confine: true, formatter: function (p) { var r = rows[p[0].dataIndex]; return esc((r.box ? r.box + " " : "") + r.box_title) + "<br>" + esc(round(p[0].value)) + " 亿元（" + esc(r.count) + " 个项目）"; } },
      grid: { left: 4, right: narrow ? 44 : 48, top: 8, bottom: narrow ? 4 : 8, containLabel: true },
      // Each bar carries its value, so a narrow chart drops the axis numbers rather than crowd them.
      xAxis: { type: "value", name: narrow ? "" : "亿元", splitNumber: narrow ? 2 : 4,
        axisLabel: { show: !narrow, hideOverlap: true } },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, fontSize: 11 } },
      series: [{ type: "bar", data: rows.map(function (r) { return round(r.investment_yi_yuan); }), itemStyle: { color: "#1f5fa8" }, label: { show: true, position: "right", fontSize: narrow ? 11 : 12 }, barMaxWidth: 14 }]
    };
  }

  function path(d, narrow) {
    var series = [
      { name: "实际值", type: "line", data: d.actual, connectNulls: true, symbolSize: 7, itemStyle: { color: "#1f5fa8" } },
      { name: "预期路径", type: "line", data: d.expected, connectNulls: true, lineStyle: { type: "dashed" }, itemStyle: { color: "#8a8f98" } }
    ];
    var band = d.band_low && d.band_high && d.band_low.some(function (v) { return v !== null; });
    if (band) {
      // The projection range from the latest actual year to the target year: the low edge, then the
      // width of the band stacked on it as a shaded area whose top edge is the high projection.
      var BAND = "#e08a2c";
      series.push({ name: "预测区间", type: "line", stack: "band", data: d.band_low, connectNulls: true,
        symbol: "none", lineStyle: { type: "dashed", width: 1, color: BAND }, itemStyle: { color: BAND } });
      series.push({ name: "预测区间", type: "line", stack: "band", connectNulls: true, symbol: "none",
        data: d.band_high.map(function (v, i) { return v === null || d.band_low[i] === null ? null : Number(v) - Number(d.band_low[i]); }),
        lineStyle: { type: "dashed", width: 1, color: BAND }, itemStyle: { color: BAND },
        areaStyle: { color: BAND, opacity: 0.18 } });
    }
    if (d.target !== null) {
      series.push({ name: "目标", type: "scatter", symbol: "diamond", symbolSize: 14, itemStyle: { color: "#c8382c" },
        data: [[String(d.target_year), d.target]] });
    }
    var fmt = function (v) { return v === null || v === undefined ? "—" : String(Math.round(Number(v) * 100) / 100); };
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: {
        trigger: "axis", confine: true,
        formatter: function (params) {
          var i = params[0].dataIndex;
          var lines = [esc(params[0].axisValueLabel)];
          var bandShown = false;
          params.forEach(function (p) {
            if (p.seriesName === "预测区间") {
              if (!bandShown && d.band_low[i] !== null) {
                lines.push(p.marker + "预测区间：" + esc(fmt(d.band_low[i])) + " ～ " + esc(fmt(d.band_high[i])));
                bandShown = true;
              }
            } else if (p.value !== null && p.value !== undefined) {
              var v = Array.isArray(p.value) ? p.value[1] : p.value;
              lines.push(p.marker + esc(p.seriesName) + "：" + esc(fmt(v)));
            }
          });
          return lines.join("<br>");
        }
      },
      legend: { top: 0, data: ["实际值", "预期路径"].concat(band ? ["预测区间"] : [], d.target !== null ? ["目标"] : []) },
      grid: { left: 8, right: 24, top: narrow ? 52 : 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: d.years, boundaryGap: false },
      yAxis: { type: "value", name: d.unit || "", scale: true },
      series: series
    };
  }

  // A card's small chart: actual (solid), expected path (dashed), target (diamond); no axes or legend.
  function spark(d) {
    var series = [
      { type: "line", data: d.actual, connectNulls: true, symbol: "none", lineStyle: { width: 2 }, itemStyle: { color: "#1f5fa8" } },
      { type: "line", data: d.expected, connectNulls: true, symbol: "none", lineStyle: { type: "dashed", width: 1 }, itemStyle: { color: "#8a8f98" } }
    ];
    if (d.target !== null) {
      series.push({ type: "scatter", symbol: "diamond", symbolSize: 8, itemStyle: { color: "#c8382c" },
        data: [[String(d.target_year), d.target]] });
    }
    return {
      animation: false,
      grid: { left: 2, right: 6, top: 4, bottom: 2 },
      xAxis: { type: "category", data: d.years, boundaryGap: false, show: false },
      yAxis: { type: "value", scale: true, show: false },
      series: series
    };
  }

  // A project's year: each period's completed investment (bars), the cumulative completed (line) and
  // the year plan spread evenly over the periods (序时计划, dashed), all in 亿元.
  function schedule(d, narrow) {
    var num = function (v) { return v === null ? null : Number(v); };
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + " 亿元"; } },
      legend: { top: 0, data: ["本期完成", "累计完成", "序时计划"] },
      grid: { left: 8, right: 16, top: narrow ? 52 : 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: d.labels },
      yAxis: { type: "value", name: "亿元" },
      series: [
        { name: "本期完成", type: "bar", data: d.completed.map(num), itemStyle: { color: "#9cc3e6" }, barMaxWidth: 18 },
        { name: "累计完成", type: "line", data: d.cumulative.map(num), connectNulls: false, symbolSize: 6, itemStyle: { color: "#1f5fa8" } },
        { name: "序时计划", type: "line", data: d.planned.map(num), symbol: "none", lineStyle: { type: "dashed" }, itemStyle: { color: "#8a8f98" } }
      ]
    };
  }

  var BUILDERS = { donut: donut, bar: bar, path: path, spark: spark, schedule: schedule };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.id + "-data");
      var build = BUILDERS[el.dataset.chart];
      if (!source || !build) { return; }
      var data = JSON.parse(source.textContent);
      var chart = echarts.init(el);
      var narrow = null;
      var render = function () {
        var now = el.clientWidth < NARROW;
        if (now !== narrow) {
          narrow = now;
          chart.setOption(build(data, narrow), true);
        }
      };
      render();
      window.addEventListener("resize", function () { chart.resize(); render(); });
    });
  }

  // The tab row scrolls sideways when its tabs do not fit: keep the page's own tab in view, and
  // mark the row (`more`) while tabs lie beyond its right edge.
  function tabRow() {
    var row = document.querySelector(".tabs");
    if (!row) { return; }
    var active = row.querySelector("a.active");
    if (active && row.scrollWidth > row.clientWidth) {
      row.scrollLeft = active.offsetLeft - (row.clientWidth - active.offsetWidth) / 2;
    }
    var mark = function () { row.classList.toggle("more", row.scrollLeft + row.clientWidth < row.scrollWidth - 2); };
    mark();
    row.addEventListener("scroll", mark, { passive: true });
    window.addEventListener("resize", mark);
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("DOMContentLoaded", tabRow);
})();
