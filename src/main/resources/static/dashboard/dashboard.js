// 一屏总览: the figures, the red and yellow lists, the trend and the department table, from /api/stats and friends.
// Every value is put on the page as text (never as HTML): a problem's title is what an enterprise typed.
(function () {
  'use strict';
  const REFRESH_MS = 60000;
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '—' : (Number(rate) * 100).toFixed(1) + '%';
  }

  function time(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  }

  async function get(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
    if (response.status === 401) throw new Error('请先登录 Camunda（Cockpit 或 Tasklist），再打开本页。');
    if (response.status === 403) throw new Error('您没有查看统计数据的权限。');
    if (!response.ok) throw new Error('数据暂时无法读取（' + response.status + '）');
    return response.json();
  }

  function card(label, value, target, state) {
    const c = el('div', null, 'card' + (state ? ' ' + state : ''));
    c.appendChild(el('div', label, 'label'));
    c.appendChild(el('div', value, 'value'));
    if (target) c.appendChild(el('div', target, 'target'));
    return c;
  }

  function rateCard(label, figure) {
    const rate = figure ? figure.value : null;
    const target = figure ? figure.target : null;
    const below = figure ? figure.belowTarget : false;
    const detail = figure && figure.denominator ? figure.numerator + ' / ' + figure.denominator : '';
    return card(label, percent(rate), (target ? '目标 ≥ ' + percent(target) + '  ' : '') + detail,
      rate === null || rate === undefined ? '' : (below ? 'below' : (target ? 'ok' : '')));
  }

  function renderSummary(summary) {
    const f = summary.figures, now = summary.now;
    $('cards').replaceChildren(
      rateCard('高效办结率', f.onTimeRate),
      rateCard('办理满意率', f.satisfactionRate),
      card('本月受理', f.received, '办结 ' + f.closed + ' 件'),
      card('在办', now.open, ''),
      card('黄灯', now.yellow, '即将到期', 'yellow'),
      card('红灯', now.red, '已逾期', 'red'),
      rateCard('退单率', f.returnRate),
      rateCard('重办率', f.reopenRate),
      rateCard('回访率', f.returnVisitRate),
      card('平均办理时长', f.averageHandlingDays === null || f.averageHandlingDays === undefined ? '—' : f.averageHandlingDays + ' 个工作日', '')
    );
  }

  function renderLights(lights) {
    const red = lights.red || [];
    const yellow = lights.yellow || [];
    // the lists hold the most urgent ones (the API's limit), the counts are of all of them
    const shown = (count, list) => count + ' 件' + (list.length < count ? '（显示最紧急的 ' + list.length + ' 件）' : '');
    $('red-count').textContent = shown(lights.redCount, red);
    $('yellow-count').textContent = shown(lights.yellowCount, yellow);
    const holder = (p) => (p.holder && p.holder.name) || '待交办';
    $('red').tBodies[0].replaceChildren(...red.map((p) => row([p.problemNo, p.title, p.enterpriseName, holder(p), time(p.deadline), time(p.redSince)])));
    $('yellow').tBodies[0].replaceChildren(...yellow.map((p) => row([p.problemNo, p.title, p.enterpriseName, holder(p), time(p.deadline)])));
  }

  function row(values, classes) {
    const tr = el('tr');
    values.forEach((v, i) => tr.appendChild(el('td', v, classes && classes[i])));
    return tr;
  }

  function renderDepartments(rows) {
    $('departments').tBodies[0].replaceChildren(...rows.filter((r) => r.key).map((r) => row(
      [r.name || r.key, r.figures.received, r.figures.closed, percent(r.figures.onTimeRate.value),
        percent(r.figures.satisfactionRate.value), r.now.red],
      [null, null, null, below(r.figures.onTimeRate) ? 'below' : null, below(r.figures.satisfactionRate) ? 'below' : null, null])));
  }

  function below(figure) {
    return figure && typeof figure === 'object' && figure.belowTarget;
  }

  function renderTrend(months) {
    const svg = $('trend');
    const ns = 'http://www.w3.org/2000/svg';
    const w = 640, h = 240, left = 40, bottom = 30, top = 10, right = 10;
    const x = (i) => left + (months.length <= 1 ? 0 : i * (w - left - right) / (months.length - 1));
    const y = (rate) => top + (1 - rate) * (h - top - bottom);
    const nodes = [];
    const line = (x1, y1, x2, y2, stroke, dash) => {
      const l = document.createElementNS(ns, 'line');
      Object.entries({ x1, y1, x2, y2, stroke, 'stroke-dasharray': dash || '' }).forEach(([k, v]) => l.setAttribute(k, v));
      return l;
    };
    const text = (tx, ty, content) => {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', tx); t.setAttribute('y', ty); t.textContent = content;
      return t;
    };
    [0, 0.5, 0.9, 0.95, 1].forEach((r) => { nodes.push(line(left, y(r), w - right, y(r), '#e5e9ef')); nodes.push(text(2, y(r) + 4, (r * 100) + '%')); });
    nodes.push(line(left, y(0.9), w - right, y(0.9), '#1f77b4', '4 3'));
    nodes.push(line(left, y(0.95), w - right, y(0.95), '#2ca02c', '4 3'));
    [['onTimeRate', '#1f77b4', '高效办结率'], ['satisfactionRate', '#2ca02c', '满意率']].forEach(([key, color, label], k) => {
      const points = months.map((m, i) => [x(i), m.figures[key].value])
        .filter((p) => p[1] !== null && p[1] !== undefined).map((p) => p[0] + ',' + y(p[1]));
      const poly = document.createElementNS(ns, 'polyline');
      poly.setAttribute('points', points.join(' ')); poly.setAttribute('fill', 'none'); poly.setAttribute('stroke', color); poly.setAttribute('stroke-width', '2');
      nodes.push(poly);
      nodes.push(text(w - 130, 20 + k * 14, '— ' + label));
    });
    months.forEach((m, i) => { if (i % 2 === 0 || months.length < 8) nodes.push(text(x(i) - 18, h - 10, m.month)); });
    svg.replaceChildren(...nodes);
  }

  function renderDaily(reports) {
    const box = $('daily');
    if (!reports.length) { box.textContent = '尚无日报告（每个工作日 08:30 生成）'; return; }
    const r = reports[0];
    const c = JSON.parse(r.content);
    box.replaceChildren(el('div', r.title), el('div', '新受理 ' + c.accepted + ' 件，办结 ' + c.closed + ' 件（按期 ' + c.closedOnTime
      + '），新增红灯 ' + c.newReds.length + ' 件；当前在办 ' + c.openNow + ' 件，黄灯 ' + c.yellowNow + '，红灯 ' + c.redNow + '。'));
  }

  function renderNotifications(list) {
    $('notifications').replaceChildren(...list.slice(0, 10).map((n) => el('li', time(n.createdAt) + '  ' + n.subject, n.readAt ? '' : 'unread')));
  }

  async function refresh() {
    const error = $('error');
    try {
      const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
      $('month').textContent = month;
      const [summary, lights, trend, departments, reports, notifications] = await Promise.all([
        get('/api/stats/summary?month=' + month), get('/api/stats/lights'), get('/api/stats/trend?months=12'),
        get('/api/stats/by/department?month=' + month), get('/api/reports?kind=DAILY'), get('/api/notifications')]);
      renderSummary(summary);
      renderLights(lights);
      renderTrend(trend.rows);
      renderDepartments(departments.rows);
      renderDaily(reports);
      renderNotifications(notifications);
      $('updated').textContent = new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });
      error.hidden = true;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
