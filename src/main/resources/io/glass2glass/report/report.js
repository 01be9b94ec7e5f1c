// Draws the charts of a glass2glass run report with uPlot, from the JSON in #g2g-data (made by ReportCharts).
// Strings from the run are drawn on canvas or set as textContent, never parsed as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('g2g-data').textContent);
  var drawn = [];
  window.g2gCharts = drawn; // the browser test reads this: [{id, points, series}]
  var palette = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#56ccf2', '#8d6e63', '#bb6bd9', '#828282', '#f2c94c',
    '#00897b', '#c2185b'];
  var dpr = window.devicePixelRatio || 1;

  function fmt(v) {
    if (v == null || isNaN(v)) { return '-'; }
    var a = Math.abs(v);
    if (a >= 1000) { return Math.round(v).toLocaleString('en'); }
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return v.toFixed(1); }
    return v.toFixed(2);
  }

  // Event markers: a dashed vertical line with the event's type, a shaded span for events with an end.
  function markers(events) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height, left = u.bbox.left, right = left + u.bbox.width;
          ctx.save();
          ctx.font = Math.round(11 * dpr) + 'px system-ui, sans-serif';
          ctx.textBaseline = 'top';
          events.forEach(function (e, i) {
            var x = Math.round(u.valToPos(e.t, 'x', true));
            if (e.until != null) {
              var x2 = Math.min(right, u.valToPos(e.until, 'x', true));
              ctx.fillStyle = 'rgba(235,87,87,0.10)';
              ctx.fillRect(Math.max(left, x), top, x2 - Math.max(left, x), h);
            }
            if (x < left || x > right) { return; }
            ctx.strokeStyle = '#7b8794';
            ctx.lineWidth = dpr;
            ctx.setLineDash([4 * dpr, 3 * dpr]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + h);
            ctx.stroke();
            ctx.fillStyle = '#3e4c59';
            ctx.fillText(e.label, x + 3 * dpr, top + 2 * dpr + (i % 4) * 13 * dpr);
          });
          ctx.restore();
        }]
      }
    };
  }

  function pctLabel(nines) {
    var p = 100 * (1 - Math.pow(10, -nines));
    return (nines < 1 ? p.toFixed(0) : p.toFixed(Math.max(0, Math.round(nines) - 2))) + '%';
  }

  function chart(c, container) {
    var box = document.createElement('figure');
    box.className = 'chart';
    box.id = 'chart-' + c.id;
    var title = document.createElement('figcaption');
    title.textContent = c.title;
    box.appendChild(title);
    container.appendChild(box);
    var width = Math.max(320, Math.min(container.clientWidth || 900, 1100));
    var raw = c.series.map(function (s) { return s.values; });
    var columns = raw;
    if (c.stacked) { // series i drawn as the sum of i..n, biggest first, so each visible band is its own share
      columns = raw.map(function (values, i) {
        return values.map(function (_, j) {
          var sum = 0;
          for (var k = i; k < raw.length; k++) { sum += raw[k][j] || 0; }
          return sum;
        });
      });
    }
    var series = [{
      label: c.percentile ? 'percentile' : 'time',
      value: function (u, v) { return v == null ? '-' : (c.percentile ? pctLabel(v) : fmt(v) + ' s'); }
    }];
    c.series.forEach(function (s, i) {
      var colour = palette[i % palette.length];
      series.push({
        label: s.label,
        scale: s.axis === 'y2' ? 'y2' : 'y',
        stroke: colour,
        width: 1.5,
        fill: c.stacked ? colour : undefined,
        // Dots where a line would not show: few values, or values with gaps around them (one start-up figure at the end).
        points: { show: s.values.filter(function (v) { return v != null; }).length <= 60 },
        value: function (u, v, si, di) {
          var shown = c.stacked ? (di == null ? null : raw[si - 1][di]) : v;
          return shown == null ? '-' : fmt(shown) + ' ' + s.unit;
        }
      });
    });
    var axes = [
      c.percentile ? {
        label: 'percentile',
        splits: function (u) { var s = []; for (var n = 0; n <= Math.ceil(u.scales.x.max); n++) { s.push(n); } return s; },
        values: function (u, splits) { return splits.map(pctLabel); }
      } : { label: 'seconds since start' },
      { label: c.yLabel, size: 64 }
    ];
    var scales = {
      x: c.percentile ? { time: false, range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max))]; } }
        : { time: false, range: function () { return [0, Math.max(1, data.xMax)]; } },
      y: { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.08 : 1]; } }
    };
    if (c.y2Label) {
      axes.push({ label: c.y2Label, scale: 'y2', side: 1, size: 64, grid: { show: false } });
      scales.y2 = { range: [0, 100] };
    }
    var opts = {
      width: width,
      height: 240,
      series: series,
      axes: axes,
      scales: scales,
      cursor: c.percentile ? {} : { sync: { key: 'g2g-time' } },
      plugins: c.percentile ? [] : [markers(data.events)]
    };
    if (!c.y2Label) { // room for a right axis on every chart, so the time axes line up
      opts.padding = [12, 96, 0, 0];
    }
    new uPlot(opts, [c.x].concat(columns), box);
    var points = 0;
    columns.forEach(function (values) { values.forEach(function (v) { if (v != null) { points++; } }); });
    drawn.push({ id: c.id, points: points, series: c.series.length });
  }

  var timeBox = document.getElementById('g2g-time-charts');
  data.charts.forEach(function (c) { chart(c, timeBox); });
  var distBox = document.getElementById('g2g-distributions');
  data.distributions.forEach(function (c) { chart(c, distBox); });
  window.g2gDrawnAt = performance.now(); // navigation start to every chart drawn, ms
})();
