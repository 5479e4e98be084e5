// The reviewer's control panel: one plain HTML page (no build step) over the /control JSON endpoints.

export const PANEL_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>审核员控制台 · 备案审核沙箱</title>
<style>
  :root { --blue:#1d4ed8; --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --red:#b42318; --green:#067647; --amber:#b54708; }
  * { box-sizing: border-box; }
  body { margin:0; font-family: system-ui, -apple-system, "Noto Sans CJK SC", "PingFang SC", sans-serif; color:var(--ink); background:var(--bg); font-size:14px; line-height:1.5; }
  header { background:#fff; border-bottom:1px solid var(--line); padding:12px 20px; display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; position:sticky; top:0; z-index:2; }
  header h1 { font-size:17px; margin:0; }
  header .meta { color:var(--muted); font-size:13px; }
  header nav { margin-left:auto; display:flex; flex-wrap:wrap; gap:8px; }
  a { color:var(--blue); text-decoration:none; }
  main { max-width:1080px; margin:0 auto; padding:16px 20px 40px; }
  details.info { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 14px; margin-bottom:16px; }
  details.info summary { cursor:pointer; font-weight:600; }
  details.info code { background:var(--bg); padding:1px 4px; border-radius:4px; word-break:break-all; }
  .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px; margin-bottom:16px; }
  .card-head { display:flex; flex-wrap:wrap; align-items:center; gap:6px 10px; }
  .card-head h2 { font-size:16px; margin:0; }
  .chip { display:inline-block; padding:1px 10px; border-radius:999px; font-size:12px; font-weight:600; background:#eef2ff; color:var(--blue); }
  .chip.received { background:#fffaeb; color:var(--amber); }
  .chip.rejected { background:#fef3f2; color:var(--red); }
  .chip.approved { background:#ecfdf3; color:var(--green); }
  .chip.withdrawn { background:#f2f4f7; color:var(--muted); }
  .sub { color:var(--muted); font-size:12px; margin-top:4px; word-break:break-all; }
  h3 { font-size:13px; color:var(--muted); margin:16px 0 6px; font-weight:600; }
  table { width:100%; border-collapse:collapse; }
  th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
  th { color:var(--muted); font-weight:500; font-size:12px; }
  td.before { color:var(--muted); text-decoration:line-through; text-decoration-color:#c4c9d0; }
  td.after { color:var(--ink); font-weight:600; }
  .thumbs { display:flex; flex-wrap:wrap; gap:10px; }
  .thumb { width:150px; }
  .thumb img { width:150px; height:100px; object-fit:cover; border-radius:6px; border:1px solid var(--line); background:var(--bg); display:block; }
  .thumb .cap { font-size:12px; margin-top:3px; }
  .warn { color:var(--red); }
  ul.reasons { margin:0; padding-left:18px; }
  ul.reasons li { margin:2px 0; }
  .tag { font-size:11px; color:var(--muted); background:var(--bg); border-radius:4px; padding:0 5px; margin-right:4px; }
  .ok { color:var(--green); }
  .actions { display:flex; flex-wrap:wrap; gap:8px; margin-top:16px; }
  button { font:inherit; border-radius:6px; border:1px solid var(--line); background:#fff; padding:6px 14px; cursor:pointer; }
  button.primary { background:var(--blue); border-color:var(--blue); color:#fff; }
  button.danger { color:var(--red); border-color:#fecdca; }
  button:disabled { opacity:.5; cursor:default; }
  .reject-form { margin-top:12px; border:1px dashed #fecdca; border-radius:8px; padding:10px; background:#fffbfa; }
  .reason-row { display:flex; flex-wrap:wrap; gap:6px; margin-bottom:6px; }
  .reason-row select { flex:0 0 200px; max-width:100%; }
  .reason-row textarea { flex:1 1 260px; min-width:0; resize:vertical; }
  select, textarea { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
  .empty { text-align:center; color:var(--muted); padding:48px 16px; background:#fff; border:1px dashed var(--line); border-radius:10px; }
  .error { color:var(--red); margin-top:8px; }
  .dl { font-size:12px; }
  @media (max-width: 640px) {
    header { padding:10px 14px; }
    header nav { margin-left:0; }
    main { padding:12px; }
    .card { padding:12px; }
    .thumb, .thumb img { width:calc(50vw - 36px); }
    .reason-row select { flex:1 1 100%; }
    .reason-row textarea { min-height:5.5em; }
    .reason-row { padding-bottom:8px; border-bottom:1px solid #fde2df; }
    th.hide-sm, td.hide-sm { display:none; }
    table.diff thead { display:none; }
    table.diff tr { display:block; border-bottom:1px solid var(--line); padding:6px 0; }
    table.diff td { display:block; border:none; padding:1px 0; }
    table.diff td:first-child { color:var(--muted); font-size:12px; }
    table.diff td.before::before, table.diff td.after::before { display:inline-block; width:3em; color:var(--muted); font-weight:400; font-size:12px; }
    table.diff td.before::before { content:'原值'; }
    table.diff td.after::before { content:'新值'; }
  }
</style>
</head>
<body>
<header>
  <h1>审核员控制台</h1>
  <span class="meta" id="meta">备案审核沙箱</span>
  <nav>
    <a href="/outbox/sms" target="_blank">短信发件箱</a>
    <a href="/outbox/mail" target="_blank">邮件收件箱</a>
    <a href="/outbox/wechat" target="_blank">微信订阅消息</a>
    <a href="#" id="reset">重置演示数据</a>
  </nav>
</header>
<main>
  <details class="info" id="info"><summary>演示账号与连接信息</summary><div id="info-body">加载中…</div></details>
  <div id="list"><div class="empty">加载中…</div></div>
</main>
<script>
(function () {
  var targets = { fields: [], materials: [] };
  var openForms = {};
  var busy = false;

  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function maskId(s) { return s.length >= 8 ? s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4) : s; }
  function show(v, path) {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (Array.isArray(v)) return v.length ? v.map(function (x) { return show(x); }).join('、') : '（无）';
    if (typeof v === 'object') return Object.keys(v).map(function (k) { return k + '：' + show(v[k], k); }).join('；');
    if (path && /idNumber$/.test(path)) return maskId(String(v));
    return String(v);
  }
  function time(iso) {
    if (!iso) return '—';
    var d = new Date(iso);
    return d.toLocaleString('zh-CN', { hour12: false });
  }
  function chipClass(status) {
    if (status === 'received') return 'received';
    if (/rejected$/.test(status)) return 'rejected';
    if (status === 'authority_approved') return 'approved';
    if (status === 'withdrawn') return 'withdrawn';
    return '';
  }
  function targetLabel(t) {
    if (t.type === 'general') return '整体';
    var all = targets.fields.concat(targets.materials);
    for (var i = 0; i < all.length; i++) if (all[i].path === t.path) return all[i].label;
    return t.path;
  }
  function reasonsList(reasons) {
    return '<ul class="reasons">' + reasons.map(function (r) {
      return '<li><span class="tag">' + esc(targetLabel(r.target)) + '</span>' + esc(r.message) + '</li>';
    }).join('') + '</ul>';
  }
  function targetOptions(selected) {
    var html = '<optgroup label="字段">' + targets.fields.map(function (f) {
      var v = 'field:' + f.path;
      return '<option value="' + esc(v) + '"' + (v === selected ? ' selected' : '') + '>' + esc(f.label) + '</option>';
    }).join('') + '</optgroup><optgroup label="材料">' + targets.materials.map(function (m) {
      var v = 'material:' + m.path;
      return '<option value="' + esc(v) + '"' + (v === selected ? ' selected' : '') + '>' + esc(m.label) + '</option>';
    }).join('') + '</optgroup><option value="general:general"' + (selected === 'general:general' ? ' selected' : '') + '>整体（其他原因）</option>';
    return html;
  }
  function reasonRow(r) {
    var sel = r ? r.target.type + ':' + r.target.path : 'field:name';
    return '<div class="reason-row"><select>' + targetOptions(sel) + '</select><textarea rows="2" placeholder="驳回原因：写明问题和修改方法">' + esc(r ? r.message : '') + '</textarea><button type="button" data-remove>删除</button></div>';
  }
  function rejectForm(s, stage) {
    var seed = stage === 'initial' && s.findings.length ? s.findings : [null];
    return '<form class="reject-form" data-id="' + esc(s.submissionId) + '" data-stage="' + stage + '">' +
      '<div class="rows">' + seed.map(reasonRow).join('') + '</div>' +
      '<div class="actions" style="margin-top:8px"><button type="button" data-add>添加一条原因</button>' +
      '<button type="submit" class="primary">确认驳回</button><button type="button" data-cancel>取消</button></div>' +
      '<div class="error" hidden></div></form>';
  }
  function card(s) {
    var h = '<section class="card" id="s-' + esc(s.submissionId) + '">';
    h += '<div class="card-head"><h2>' + esc(s.websiteName) + '</h2><span class="chip ' + chipClass(s.status) + '">' + esc(s.statusLabel) + '</span></div>';
    h += '<div class="sub">' + esc(s.websiteFilingNumber) + ' · ' + esc(s.applicantName) + '（' + (s.entityKind === 'personal' ? '个人' : '单位') + '）· 收到于 ' + esc(time(s.receivedAt)) +
      ' · 提交编号 ' + esc(s.submissionId) + '</div>';
    if (s.autoStepAt) h += '<div class="sub">自动审核将于 ' + esc(time(s.autoStepAt)) + ' 处理下一步</div>';
    if (s.miitCheck) h += '<div class="sub">工信部短信核验截止：' + esc(time(s.miitCheck.deadline)) + '</div>';
    h += '<h3>变更内容</h3>';
    if (s.diff.length) {
      h += '<table class="diff"><thead><tr><th>字段</th><th>原值</th><th>新值</th></tr></thead><tbody>' + s.diff.map(function (d) {
        return '<tr><td>' + esc(d.label) + '</td><td class="before">' + esc(show(d.before, d.path)) + '</td><td class="after">' + esc(show(d.after, d.path)) + '</td></tr>';
      }).join('') + '</tbody></table>';
    } else {
      h += '<div class="sub">未修改表单字段（仅更换材料）</div>';
    }
    h += '<h3>提交的材料</h3>';
    if (s.materials.length) {
      h += '<div class="thumbs">' + s.materials.map(function (m) {
        var size = m.width ? m.width + '×' + m.height : '无法识别';
        var small = !m.width || Math.max(m.width, m.height) < 1200;
        return '<a class="thumb" href="' + esc(m.imageUrl) + '" target="_blank"><img src="' + esc(m.imageUrl) + '" alt="' + esc(m.label) + '" loading="lazy"><div class="cap">' + esc(m.label) +
          '<br><span class="' + (small ? 'warn' : 'sub') + '">' + esc(size) + ' · ' + Math.round(m.bytes / 1024) + ' KB</span></div></a>';
      }).join('') + '</div>';
    } else {
      h += '<div class="sub">未上传新材料（沿用已备案材料）</div>';
    }
    if (s.stage === 'initial') {
      h += '<h3>自动检查</h3>' + (s.findings.length ? reasonsList(s.findings) : '<div class="ok">未发现问题，可以通过初审</div>');
    }
    if (s.reasons.length) h += '<h3>驳回原因</h3>' + reasonsList(s.reasons);
    if (s.deliveries.length) {
      h += '<h3>进度回调</h3><table class="dl"><thead><tr><th>#</th><th>事件</th><th>投递</th><th class="hide-sm">地址</th></tr></thead><tbody>' + s.deliveries.map(function (d) {
        var state = d.deliveredAt ? '<span class="ok">已送达</span>（第 ' + d.attempts + ' 次投递成功）'
          : d.queued ? '排队中（等待前一事件送达）'
          : '<span class="warn">待重试</span>（已试 ' + d.attempts + ' 次' + (d.lastError ? '：' + esc(d.lastError) : '') + '）';
        return '<tr><td>' + d.sequence + '</td><td>' + esc(d.eventLabel) + '</td><td>' + state + '</td><td class="hide-sm">' + esc(d.url) + '</td></tr>';
      }).join('') + '</tbody></table>';
    }
    var a = '';
    if (s.stage === 'initial') {
      a += '<button class="primary" data-act="initial:pass">通过初审</button>';
      a += '<button data-act="initial:auto">按自动检查结果处理</button>';
      a += '<button class="danger" data-reject="initial">驳回初审…</button>';
    } else if (s.stage === 'authority') {
      if (s.status === 'initial_passed') a += '<button class="primary" data-act="authority:start">开始管局审核（发送短信核验）</button>';
      a += '<button' + (s.status === 'initial_passed' ? '' : ' class="primary"') + ' data-act="authority:pass">管局审核通过</button>';
      a += '<button class="danger" data-reject="authority">管局驳回…</button>';
    }
    if (a) h += '<div class="actions" data-id="' + esc(s.submissionId) + '">' + a + '</div>';
    if (openForms[s.submissionId]) h += rejectForm(s, openForms[s.submissionId]);
    h += '<div class="error" id="err-' + esc(s.submissionId) + '" hidden></div>';
    return h + '</section>';
  }

  var last = [];
  function render(list) {
    last = list;
    var el = document.getElementById('list');
    if (!list.length) {
      el.innerHTML = '<div class="empty">暂无提交。申请人在小程序中提交网站变更后，会出现在这里等待审核。</div>';
      return;
    }
    el.innerHTML = list.map(card).join('');
  }
  function editing() {
    // an open rejection form would be re-drawn from scratch by a refresh, losing what the reviewer typed
    return Object.keys(openForms).length > 0;
  }
  function load() {
    if (busy || editing()) return;
    fetch('/control/submissions').then(function (r) { return r.json(); }).then(function (b) { render(b.submissions); });
  }
  function post(url, body) {
    busy = true;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || ('HTTP ' + r.status)); return j; }); })
      .finally(function () { busy = false; });
  }
  function fail(id, e) {
    var box = document.getElementById('err-' + id);
    if (box) { box.hidden = false; box.textContent = e.message; }
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof HTMLElement)) return;
    var act = t.getAttribute('data-act');
    if (act) {
      var id = t.closest('.actions').getAttribute('data-id');
      var parts = act.split(':');
      t.disabled = true;
      post('/control/submissions/' + encodeURIComponent(id) + '/decide', { stage: parts[0], decision: parts[1], reasons: [] })
        .then(load, function (e) { t.disabled = false; fail(id, e); });
      return;
    }
    var stage = t.getAttribute('data-reject');
    if (stage) {
      openForms[t.closest('.actions').getAttribute('data-id')] = stage;
      render(last);
      return;
    }
    var form = t.closest('.reject-form');
    if (!form) return;
    if (t.hasAttribute('data-add')) form.querySelector('.rows').insertAdjacentHTML('beforeend', reasonRow(null));
    if (t.hasAttribute('data-remove')) t.closest('.reason-row').remove();
    if (t.hasAttribute('data-cancel')) { delete openForms[form.getAttribute('data-id')]; render(last); load(); }
  });

  document.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var form = ev.target;
    var id = form.getAttribute('data-id');
    var reasons = Array.prototype.map.call(form.querySelectorAll('.reason-row'), function (row) {
      var parts = row.querySelector('select').value.split(':');
      return { target: { type: parts[0], path: parts.slice(1).join(':') }, message: row.querySelector('textarea').value.trim() };
    }).filter(function (r) { return r.message; });
    var err = form.querySelector('.error');
    if (!reasons.length) { err.hidden = false; err.textContent = '请至少填写一条驳回原因，并选择对应的字段或材料'; return; }
    post('/control/submissions/' + encodeURIComponent(id) + '/decide', { stage: form.getAttribute('data-stage'), decision: 'reject', reasons: reasons })
      .then(function () { delete openForms[id]; document.activeElement && document.activeElement.blur(); load(); },
        function (e) { err.hidden = false; err.textContent = e.message; });
  });

  document.getElementById('reset').addEventListener('click', function (ev) {
    ev.preventDefault();
    if (!confirm('重置会清空全部提交、发件箱，并恢复初始备案数据。确定重置吗？')) return;
    post('/control/reset').then(load);
  });

  Promise.all([
    fetch('/control/targets').then(function (r) { return r.json(); }),
    fetch('/control/info').then(function (r) { return r.json(); }),
  ]).then(function (res) {
    targets = res[0];
    var info = res[1];
    document.getElementById('meta').textContent = (info.mode === 'realistic' ? '真实节奏' : '演示节奏') + ' · 自动审核' + (info.autoReview === 'on' ? '已开启' : '已关闭');
    document.getElementById('info-body').innerHTML =
      '<p>小程序登录码：' + info.applicants.map(function (a) { return esc(a.name) + ' <code>' + esc(a.demoCode) + '</code>'; }).join('；') + '</p>' +
      '<p>BFF 配置：<code>HOMEPAGE_HOST_MAP=' + esc(info.homepageHostMap) + '</code></p>' +
      '<p>回调地址：' + (info.callbackUrl ? '<code>' + esc(info.callbackUrl) + '</code>' : '未配置（以提交中的 callbackUrl 为准）') + ' · SMTP 端口 <code>' + esc(info.smtpPort) + '</code></p>';
    load();
  });
  setInterval(load, 3000);
})();
</script>
</body>
</html>`;
