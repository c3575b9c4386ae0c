// The browser half of the charts: reads the page's inlined JSON and draws each ChartSpec with the
// inlined uPlot, shading bands under the lines (drawClear hook) and drawing markers and labels over
// them (draw hook). Plain ES2017 kept as text, so no bundler or transform touches it. Runs in: the
// browser (as text in Node).

export const CHART_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var TONES = {
    phase: { fill: ['rgba(100,116,139,0.05)', 'rgba(100,116,139,0.11)'], line: '#94a3b8', text: '#475569', row: 0 },
    chaos: { fill: ['rgba(220,38,38,0.13)'], line: '#dc2626', text: '#b91c1c', row: 1 },
    breaking: { fill: ['rgba(234,88,12,0.16)'], line: '#ea580c', text: '#c2410c', row: 1 },
    lag: { fill: ['rgba(71,85,105,0.16)'], line: '#64748b', text: '#334155', row: 2 },
    recovered: { line: '#16a34a', text: '#15803d', row: 2 },
    failed: { line: '#dc2626', text: '#b91c1c', row: 0 }
  };

  var UNIT_TEXT = { ms: 'ms', percent: '%', rps: 'req/s', vus: 'VUs' };

  function num(v) {
    if (Math.abs(v) >= 10000) return +(v / 1000).toFixed(1) + 'k';
    if (Math.abs(v) >= 100) return String(Math.round(v));
    return String(+v.toFixed(v >= 10 ? 1 : 2));
  }

  function fmt(unit, v) {
    if (v == null || !isFinite(v)) return '–';
    return num(v) + ' ' + UNIT_TEXT[unit];
  }

  /** Tick labels in UTC, as precise as the tick spacing needs. */
  function timeTicks(u, splits, axisIdx, space, incrS) {
    var spanS = u.scales.x.max - u.scales.x.min;
    var spansDays = spanS > 86400;
    return splits.map(function (s) {
      var iso = new Date(s * 1000).toISOString();
      if (incrS >= 86400) return spanS > 300 * 86400 ? iso.slice(0, 10) : iso.slice(5, 10);
      if (spansDays) return iso.slice(5, 10) + ' ' + iso.slice(11, 16);
      return incrS >= 60 ? iso.slice(11, 16) : iso.slice(11, 19);
    });
  }

  function clampX(u, px) {
    return Math.min(u.bbox.left + u.bbox.width, Math.max(u.bbox.left, px));
  }

  function label(u, text, x, row, color, maxWidthPx) {
    var ctx = u.ctx;
    var pad = 4 * devicePixelRatio;
    ctx.font = 11 * devicePixelRatio + 'px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    // uPlot leaves the alignment of whichever axis it drew last.
    ctx.textAlign = 'left';
    if (maxWidthPx != null && ctx.measureText(text).width + pad * 2 > maxWidthPx) return;
    // Keep a label that starts near the right edge inside the plot.
    x = Math.min(x, u.bbox.left + u.bbox.width - ctx.measureText(text).width - pad * 2);
    ctx.fillStyle = color;
    ctx.fillText(text, x + pad, u.bbox.top + pad + row * 14 * devicePixelRatio);
  }

  function shadeBands(u, spec) {
    var ctx = u.ctx;
    ctx.save();
    spec.bands.forEach(function (b, i) {
      var tone = TONES[b.tone];
      var x0 = clampX(u, u.valToPos(b.fromS, 'x', true));
      var x1 = clampX(u, u.valToPos(b.toS, 'x', true));
      if (x1 <= x0) return;
      ctx.fillStyle = tone.fill[i % tone.fill.length];
      ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
    });
    ctx.restore();
  }

  function drawAnnotations(u, spec) {
    var ctx = u.ctx;
    ctx.save();
    ctx.lineWidth = devicePixelRatio;
    spec.bands.forEach(function (b) {
      var tone = TONES[b.tone];
      var x0 = clampX(u, u.valToPos(b.fromS, 'x', true));
      var x1 = clampX(u, u.valToPos(b.toS, 'x', true));
      if (x1 <= x0) return;
      ctx.strokeStyle = tone.line;
      ctx.setLineDash(b.tone === 'phase' ? [3 * devicePixelRatio, 3 * devicePixelRatio] : []);
      ctx.beginPath();
      ctx.moveTo(x0, u.bbox.top);
      ctx.lineTo(x0, u.bbox.top + u.bbox.height);
      ctx.stroke();
      // Only phases tile the axis; a fault or step label may run past its band. Lag bands can be
      // many and short: the key above the charts names them, a label on each would only clutter.
      if (b.tone !== 'lag') label(u, b.label, x0, tone.row, tone.text, b.tone === 'phase' ? x1 - x0 : null);
    });
    spec.markers.forEach(function (m) {
      var tone = TONES[m.tone];
      var x = u.valToPos(m.atS, 'x', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.strokeStyle = tone.line;
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      label(u, m.label, x, tone.row, tone.text, null);
    });
    ctx.restore();
  }

  /** The data's own span; one point alone gets a day either side instead of uPlot's years. */
  function timeRange(u, min, max) {
    return min === max ? [min - 86400, max + 86400] : [min, max];
  }

  /** From zero, with headroom above the data for the band and marker labels. */
  function zeroBased(u, min, max) {
    return [0, max > 0 ? max * 1.3 : 1];
  }

  function optionsOf(spec, widthPx) {
    var left = spec.series.filter(function (s) { return !s.rightAxis; })[0];
    var right = spec.series.filter(function (s) { return s.rightAxis; })[0];
    function valueAxis(series, scale, side) {
      return {
        scale: scale, side: side, size: 56, label: UNIT_TEXT[series.unit], labelSize: 18,
        stroke: '#475569', ticks: { stroke: '#cbd5e1' },
        grid: side === 3 ? { stroke: '#eef2f6' } : { show: false },
        values: function (u, splits) { return splits.map(num); }
      };
    }
    var axes = [
      { space: 70, stroke: '#475569', grid: { stroke: '#eef2f6' }, ticks: { stroke: '#cbd5e1' }, values: timeTicks },
      valueAxis(left, 'y', 3)
    ];
    // On a page of synced charts, those without a right axis get a blank one of the same size so
    // all plots line up in time.
    if (right) axes.push(valueAxis(right, 'r', 1));
    else if (data.syncKey) {
      axes.push({ scale: 'y', side: 1, size: 74, stroke: 'transparent', grid: { show: false },
        ticks: { show: false }, values: function () { return []; } });
    }
    return {
      width: widthPx,
      // Room on the right for the last tick label when no axis sits there.
      padding: [null, right || data.syncKey ? null : 24, null, null],
      height: spec.heightPx || 240,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      cursor: data.syncKey ? { sync: { key: data.syncKey } } : {},
      scales: {
        x: spec.xRangeS
          ? { time: true, auto: false, min: spec.xRangeS[0], max: spec.xRangeS[1] }
          : { time: true, range: timeRange },
        y: { range: zeroBased },
        r: { range: zeroBased }
      },
      axes: axes,
      series: [{ label: 'UTC', value: function (u, v) { return v == null ? '–' : new Date(v * 1000).toISOString().slice(0, 19).replace('T', ' '); } }].concat(spec.series.map(function (s) {
        return {
          label: s.label,
          stroke: s.color,
          width: 1.5,
          scale: s.rightAxis ? 'r' : 'y',
          fill: s.fill ? s.color + '22' : undefined,
          points: { show: !!spec.showPoints, size: 6 },
          value: function (u, v) { return fmt(s.unit, v); }
        };
      })),
      hooks: {
        drawClear: [function (u) { shadeBands(u, spec); }],
        draw: [function (u) { drawAnnotations(u, spec); }]
      }
    };
  }

  var plots = data.charts.map(function (spec) {
    var el = document.getElementById(spec.id);
    var columns = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    return { el: el, plot: new uPlot(optionsOf(spec, el.clientWidth), columns, el) };
  });

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: p.el.clientWidth, height: p.plot.height }); });
    }, 100);
  });
})();
`;
