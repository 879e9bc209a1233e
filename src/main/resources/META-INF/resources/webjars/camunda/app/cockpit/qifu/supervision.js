// qifu 督办 in Cockpit (Camunda 7 JS plugin API, loaded through customScripts in scripts/config.js):
// - on the dashboard, every red and yellow problem by department, with its deadline, since when it is red, who holds
//   it, and a link to its process instance;
// - on a process instance of the problem loop, a tab 督办 with the problem's light, deadline and recent timeline.
// Data comes from the application's /api with the Cockpit login (read only). Everything is inserted as text.

const LIGHTS = { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯' };

function el(tag, text, style) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (style) node.setAttribute('style', style);
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}

async function json(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  if (!response.ok) throw new Error(url + ' → ' + response.status);
  return response.json();
}

function table(headers, rows) {
  const t = el('table', null, 'width:100%;border-collapse:collapse;margin-bottom:12px');
  t.className = 'table table-condensed';
  const head = el('tr');
  headers.forEach((h) => head.appendChild(el('th', h)));
  t.appendChild(el('thead')).appendChild(head);
  const body = t.appendChild(el('tbody'));
  rows.forEach((cells) => {
    const tr = body.appendChild(el('tr'));
    cells.forEach((c) => tr.appendChild(c instanceof Node ? el('td').appendChild(c).parentNode : el('td', c)));
  });
  return t;
}

function instanceLink(problem) {
  if (!problem.processInstanceId) return el('span', problem.problemNo);
  const a = el('a', problem.problemNo);
  a.href = '#/process-instance/' + problem.processInstanceId + '/runtime';
  return a;
}

/** Who holds the problem's open tasks now: a person who claimed it, else the groups that may. */
function holders(problem) {
  const tasks = problem.tasks || [];
  if (!tasks.length) return problem.statusName || '—';
  return tasks.map((t) => t.name + '：' + (t.assignee || (t.candidateGroupNames || []).join('、') || '—')).join('；');
}

const dashboard = {
  id: 'qifu.supervision.dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 20,
  render: (node) => {
    node.replaceChildren(el('h3', '督办：红灯与黄灯'), el('p', '正在读取……'));
    json('/api/stats/lights').then((lights) => {
      const section = [el('h3', '督办：红灯与黄灯')];
      [['red', '红灯（已逾期）', 'color:#c0392b'], ['yellow', '黄灯（即将到期）', 'color:#b7950b']].forEach(([key, title, style]) => {
        const problems = lights[key] || [];
        const count = lights[key + 'Count'] === undefined ? problems.length : lights[key + 'Count'];
        // the API lists the most urgent ones (its limit); the count is of all of them
        section.push(el('h4', title + ' ' + count + ' 件' + (problems.length < count ? '（显示最紧急的 ' + problems.length + ' 件）' : ''), style));
        if (problems.length) {
          section.push(table(['承办部门', '编号', '问题', '企业', '办理期限', key === 'red' ? '红灯起' : '状态', '当前办理'],
            problems.map((p) => [(p.holder && p.holder.name) || '待交办', instanceLink(p), p.title, p.enterpriseName,
              when(p.deadline), key === 'red' ? when(p.redSince) : p.statusName, holders(p)])));
        }
      });
      const more = el('a', '打开一屏总览');
      more.href = '/dashboard';
      section.push(el('p').appendChild(more).parentNode);
      node.replaceChildren(...section);
    }).catch((e) => node.replaceChildren(el('h3', '督办：红灯与黄灯'), el('p', '无法读取督办数据：' + e.message)));
  }
};

const instanceTab = {
  id: 'qifu.supervision.instanceTab',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  properties: { label: '督办' },
  render: (node, { api, processInstanceId }) => {
    node.replaceChildren(el('p', '正在读取……'));
    json(api.engineApi + '/process-instance/' + processInstanceId + '/variables/problemId?deserializeValue=false')
      .then((variable) => json('/api/problems/' + variable.value))
      .then((p) => {
        const light = el('strong', LIGHTS[p.light] || p.light, p.light === 'RED' ? 'color:#c0392b' : p.light === 'YELLOW' ? 'color:#b7950b' : 'color:#1e8449');
        const facts = table(['编号', '灯', '状态', '办理期限', '牵头部门', '重办次数'],
          [[p.number, light, p.statusName, when(p.deadline) + (p.deadlineProvisional ? '（暂定）' : ''),
            (p.departments || []).filter((d) => d.role === 'LEAD').map((d) => d.name).join('、') || '—', p.reopenCount]]);
        const timeline = table(['时间', '人员', '动作', '说明'], (p.timeline || []).slice(-10).reverse()
          .map((e) => [when(e.at), e.actor, e.actionName, [e.detail, e.reason].filter(Boolean).join('；')]));
        node.replaceChildren(el('h4', p.title), facts, el('h4', '最近办理记录'), timeline);
      })
      .catch(() => node.replaceChildren(el('p', '该流程实例不是涉企问题，或无权查看。')));
  }
};

export default [dashboard, instanceTab];
