// The verification page (what the verification mini-program shows): hold the ID card, then a simulated liveness check
// whose result the person (or the demo's presenter) picks — pass, or a failure the real service reports.
import { VERIFICATION_FAILURE_REASONS } from '../shared/contracts/verification';
import { maskName, maskResidentId } from '../shared/validators/identity';
import type { StoredVerificationTask } from './store';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STATUS_TEXT = {
  passed: ['核验通过', '身份核验已通过，请返回备案变更助手继续提交。'],
  failed: ['核验未通过', ''],
  expired: ['核验任务已失效', '任务超过24小时未完成，请在备案变更助手中点“重新核验”。'],
} as const;

export function verificationPage(task: StoredVerificationTask): string {
  const who = `${task.role === 'websitePrincipal' ? '网站负责人' : '主体负责人'} ${maskName(task.name)}`;
  const options = [['pass', '核验通过'], ...Object.entries(VERIFICATION_FAILURE_REASONS).map(([id, text]) => [id, `失败：${text.split('：')[0]}`])]
    .map(([id, label], i) => `<label class="opt"><input type="radio" name="outcome" value="${id}"${i === 0 ? ' checked' : ''}> ${escape(label)}</label>`)
    .join('');
  const done =
    task.status === 'pending'
      ? ''
      : `<section class="result ${task.status}" role="status"><h2>${STATUS_TEXT[task.status][0]}</h2><p>${escape(
          task.status === 'failed' && task.reason ? VERIFICATION_FAILURE_REASONS[task.reason] : STATUS_TEXT[task.status][1],
        )}</p>${task.status === 'failed' ? '<p>本次核验已结束：请回到备案变更助手点“重新核验”，使用新的核验链接。</p>' : ''}</section>`;
  const steps =
    task.status !== 'pending'
      ? ''
      : `<section id="hold"><div class="card" aria-hidden="true"><div class="photo"></div><div class="lines"><i></i><i></i><i></i></div></div>
<p>请本人将<b>身份证人像面</b>置于胸前，正对镜头，保持光线充足。</p>
<button id="start" type="button">我已手持身份证，开始核验</button></section>
<section id="live" hidden><div class="face" aria-hidden="true"></div><p>请正对屏幕，缓慢眨眼（沙箱模拟活体检测，请选择结果）</p>
<fieldset><legend>模拟核验结果</legend>${options}</fieldset>
<button id="finish" type="button">完成人脸核验</button><p id="error" class="error" role="alert"></p></section>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>电子化核验</title><style>
body{margin:0;font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f3f5f8;color:#1f2329}
header{background:#0052d9;color:#fff;padding:20px 16px}header h1{margin:0;font-size:20px}header p{margin:6px 0 0;opacity:.85;font-size:14px}
main{padding:16px}section{background:#fff;border-radius:12px;padding:16px;margin-bottom:12px}
.card{display:flex;gap:12px;border:2px dashed #0052d9;border-radius:10px;padding:14px;margin:4px auto 12px;max-width:260px}
.photo{width:64px;height:80px;background:#d6e4ff;border-radius:6px}.lines{flex:1;display:flex;flex-direction:column;gap:10px;padding-top:8px}.lines i{height:10px;background:#e5e6eb;border-radius:5px}
.face{width:160px;height:160px;margin:8px auto 12px;border-radius:50%;border:4px solid #0052d9;background:radial-gradient(circle at 50% 40%,#ffe7d1 0 45%,#d6e4ff 46%)}
button{width:100%;min-height:48px;border:0;border-radius:8px;background:#0052d9;color:#fff;font-size:17px}
fieldset{border:1px solid #e5e6eb;border-radius:8px;margin:0 0 12px}.opt{display:block;padding:10px 4px;font-size:16px}
.result.passed h2{color:#2ba471}.result.failed h2,.result.expired h2,.error{color:#d54941}p{line-height:1.6}
</style></head><body><header><h1>电子化核验</h1><p>${escape(who)} · 证件号 ${escape(maskResidentId(task.idNumber))}</p></header><main>${done}${steps}</main>
<script>
const token=${JSON.stringify(task.token)};
const $=(id)=>document.getElementById(id);
$('start')?.addEventListener('click',()=>{$('hold').hidden=true;$('live').hidden=false;});
$('finish')?.addEventListener('click',async()=>{
  const outcome=document.querySelector('input[name=outcome]:checked').value;
  const res=await fetch('/v/'+encodeURIComponent(token)+'/complete',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({outcome})});
  if(res.ok){location.reload();return;}
  const body=await res.json().catch(()=>({}));$('error').textContent=body.message||'提交失败，请重试';
});
</script></body></html>`;
}
