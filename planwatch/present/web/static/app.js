// Draws the charts whose data the server embedded as <script type="application/json" id="ID-data">.
(function () {
  "use strict";
  var COLORS = { green: "#2e9e5b", yellow: "#d9a21b", red: "#c8382c", grey: "#8a8f98" };
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

  function donut(rows) {
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "item", formatter: "{b}：{c} 项（{d}%）" },
      series: [{
        type: "pie", radius: ["42%", "66%"], center: ["50%", "50%"],
        label: { formatter: "{b}\n{c}" },
        data: rows.map(function (r) { return { name: r.status, value: r.count, itemStyle: { color: COLORS[r.color] || COLORS.grey } }; })
      }]
    };
  }

  function bar(rows) {
    var names = rows.map(function (r) {
      var title = r.box_title.length > 10 ? r.box_title.slice(0, 10) + "…" : r.box_title;
      return (r.box ? r.box + " " : "") + title;
    });
    var round = function (v) { return v === null ? null : Math.round(Number(v) * 100) / 100; };
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", formatter: function (p) { var r = rows[p[0].dataIndex]; return r.box_title + "<br>" + round(p[0].value) + " 亿元（" + r.count + " 个项目）"; } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: "亿元" },
      yAxis: { type: "category", data: names, inverse: true },
      series: [{ type: "bar", data: rows.map(function (r) { return round(r.investment_yi_yuan); }), itemStyle: { color: "#1f5fa8" }, label: { show: true, position: "right" }, barMaxWidth: 14 }]
    };
  }

  function path(d) {
    var series = [
      { name: "实际值", type: "line", data: d.actual, connectNulls: true, symbolSize: 7, itemStyle: { color: "#1f5fa8" } },
      { name: "预期路径", type: "line", data: d.expected, connectNulls: true, lineStyle: { type: "dashed" }, itemStyle: { color: "#8a8f98" } }
    ];
    if (d.target !== null) {
      series.push({ name: "目标", type: "scatter", symbol: "diamond", symbolSize: 14, itemStyle: { color: "#c8382c" },
        data: [[String(d.target_year), d.target]] });
    }
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: d.years },
      yAxis: { type: "value", name: d.unit || "", scale: true },
      series: series
    };
  }

  var BUILDERS = { donut: donut, bar: bar, path: path };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.id + "-data");
      var build = BUILDERS[el.dataset.chart];
      if (!source || !build) { return; }
      var chart = echarts.init(el);
      chart.setOption(build(JSON.parse(source.textContent)));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
