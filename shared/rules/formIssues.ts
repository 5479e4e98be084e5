// Field checks the rule catalogue builds on (shared/rules/catalogue/): the homepage on the website's own domains, the
// principals' formats and distinct contacts, each `{ path, message }` naming the field in Chinese.
import type { FieldError } from '../contracts/fieldError';
import { MAX_LENGTH, tooLongMessage } from '../domain/limits';
import type { WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { isEmailAddress, mainlandMobile } from '../validators/contact';
import { isHostOnDomain } from '../validators/domain';
import { RESIDENT_ID_MESSAGES, residentIdProblem } from '../validators/identity';
import { canonicalDomain, canonicalEmail, canonicalIdNumber, canonicalMobile, uniqueDomains } from './canonical';
import { ID_TYPE_LABELS, type PrincipalRole } from './labels';
import { formPrincipals } from './principals';

export type { FieldError };

export interface FormIssues {
  errors: FieldError[];
  warnings: FieldError[];
}

function issues(): FormIssues {
  return { errors: [], warnings: [] };
}

const HTTP_URL = /^(https?):\/\/([^/?#:@\s]+)(:\d{1,5})?([/?#]\S*)?$/i;

/** The homepage must be an http(s) URL on one of the website's remaining domains. */
export function homepageIssues(form: WebsiteForm): FormIssues {
  const out = issues();
  if (form.homepageUrl.length > MAX_LENGTH.url) {
    out.errors.push({ path: 'homepageUrl', message: tooLongMessage('网站首页地址', MAX_LENGTH.url, form.homepageUrl.length) });
    return out;
  }
  const url = form.homepageUrl.trim();
  if (url === '') {
    out.errors.push({ path: 'homepageUrl', message: '请填写网站首页地址，例如 https://www.example.com' });
    return out;
  }
  const match = HTTP_URL.exec(url);
  if (!match) {
    out.errors.push({ path: 'homepageUrl', message: '网站首页地址需以 http:// 或 https:// 开头，例如 https://www.example.com' });
    return out;
  }
  const host = match[2];
  const domains = uniqueDomains(form.domains);
  if (!domains.some((d) => isHostOnDomain(host, d))) {
    out.errors.push({
      path: 'homepageUrl',
      message: `网站首页地址的域名“${canonicalDomain(host)}”不是本网站的域名（${domains.join('、') || '无'}），请使用本网站的域名`,
    });
  }
  return out;
}

const OTHER_ID_NUMBER = /^[A-Za-z0-9()（）-]{5,30}$/;

/** Format of one principal's name, ID number, mobile and email. `who` names the role in messages. */
function principalFormatIssues(role: PrincipalRole, p: Principal, today: Date, who: string): FieldError[] {
  const errors: FieldError[] = [];
  if (p.name.trim() === '') errors.push({ path: `${role}.name`, message: `请填写${who}姓名` });
  const id = canonicalIdNumber(p.idNumber);
  if (id === '') {
    errors.push({ path: `${role}.idNumber`, message: `请填写${who}证件号码` });
  } else if (p.idType === 'resident_id') {
    const problem = residentIdProblem(id, today);
    if (problem) errors.push({ path: `${role}.idNumber`, message: `${who}${RESIDENT_ID_MESSAGES[problem]}` });
  } else if (!OTHER_ID_NUMBER.test(id)) {
    errors.push({ path: `${role}.idNumber`, message: `${who}${ID_TYPE_LABELS[p.idType]}号码格式不正确，只能包含字母和数字` });
  }
  if (p.mobile.trim() === '') errors.push({ path: `${role}.mobile`, message: `请填写${who}手机号码` });
  else if (mainlandMobile(p.mobile) === null) errors.push({ path: `${role}.mobile`, message: `${who}手机号码格式不正确，请填写11位中国大陆手机号` });
  if (p.email.trim() === '') errors.push({ path: `${role}.email`, message: `请填写${who}电子邮箱` });
  else if (!isEmailAddress(p.email)) errors.push({ path: `${role}.email`, message: `${who}电子邮箱格式不正确，例如 name@example.com` });
  return errors;
}

export function principalIssues(form: WebsiteForm, today: Date): FormIssues {
  const out = issues();
  for (const { role, principal, who } of formPrincipals(form)) out.errors.push(...principalFormatIssues(role, principal, today, who));
  return out;
}

/** Two different people (website principal ≠ entity principal) must not share a phone or an email (docs/domain-rules.md "Checks"). */
export function distinctContactIssues(form: WebsiteForm): FormIssues {
  const out = issues();
  if (form.principalSameAsEntity) return out;
  const w = form.websitePrincipal;
  const e = form.entityPrincipal;
  if (canonicalIdNumber(w.idNumber) === canonicalIdNumber(e.idNumber)) return out; // same person listed twice
  if (w.mobile.trim() !== '' && canonicalMobile(w.mobile) === canonicalMobile(e.mobile)) {
    out.errors.push({ path: 'websitePrincipal.mobile', message: '网站负责人与主体负责人不是同一人，手机号码不能相同；请填写网站负责人本人的手机号码' });
  }
  if (w.email.trim() !== '' && canonicalEmail(w.email) === canonicalEmail(e.email)) {
    out.errors.push({ path: 'websitePrincipal.email', message: '网站负责人与主体负责人不是同一人，电子邮箱不能相同；请填写网站负责人本人的电子邮箱' });
  }
  return out;
}
