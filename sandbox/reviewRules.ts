// The automatic initial reviewer's rules: what a real reviewer catches, each finding tied to a field path or material slot.
import type { ReviewReason } from '../shared/domain/change';
import type { DomainFacts } from '../shared/contracts/reviewSystem';
import type { Filing, FiledWebsite } from '../shared/domain/filing';
import { footerProblem } from '../shared/rules/footer';
import { MATERIAL_KIND_LABELS } from '../shared/rules/labels';
import { checkFileableDomain, toUnicodeDomain } from '../shared/validators/domain';
import { checkWebsiteName } from '../shared/validators/websiteName';
import { renderHomepage } from './homepage';
import { slotLabel } from '../shared/rules/labels';
import type { SiteRecord, StoredMaterial, StoredSubmission } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Domains and ID documents must stay valid for more than this (docs/domain-rules.md, 3 months). */
const MIN_VALIDITY_DAYS = 90;
/** Long edge a document photo needs to be legible. */
export const MIN_DOCUMENT_LONG_EDGE = 1200;

/** The reviewer applies the same published rules as the applicant's phone (shared/): a fileable top-level domain. */
export function isFileableDomain(domain: string): boolean {
  return 'domain' in checkFileableDomain(domain);
}

/**
 * Problems a reviewer sees in a website name, in Chinese; empty when fine. The reviewer is stricter than the phone:
 * what the shared rules only warn about (e.g. a 中国 prefix for an organisation that is no state body — all seeded
 * organisations are companies) it refuses.
 */
export function websiteNameProblems(name: string, domains: string[], personal: boolean): string[] {
  const check = checkWebsiteName(name, { entityKind: personal ? 'personal' : 'organisation', domains });
  return [...check.errors, ...check.warnings];
}

export interface ReviewContext {
  filing: Filing;
  website: FiledWebsite;
  domains: Record<string, DomainFacts>;
  sites: Record<string, SiteRecord>;
  now: Date;
}

function materialLabel(m: Pick<StoredMaterial, 'kind' | 'subject'>): string {
  return slotLabel(`${m.subject}.${m.kind}`);
}

function field(path: string, message: string): ReviewReason {
  return { target: { type: 'field', path }, message };
}

function daysUntil(iso: string, now: Date): number {
  return (new Date(iso).getTime() - now.getTime()) / DAY_MS;
}

/** Everything the initial reviewer would reject the submission for; empty = pass. */
export function initialReviewFindings(submission: StoredSubmission, ctx: ReviewContext): ReviewReason[] {
  const { form } = submission;
  const { filing, website, now } = ctx;
  const reasons: ReviewReason[] = [];
  const personal = filing.entity.kind === 'personal';

  for (const message of websiteNameProblems(form.name, form.domains, personal)) reasons.push(field('name', message));

  const filed = new Set(website.domains.map((d) => d.toLowerCase()));
  for (const domain of form.domains) {
    const unicode = toUnicodeDomain(domain);
    if (!filed.has(unicode)) {
      reasons.push(field('domains', `网站变更只能删除域名，不能新增“${unicode}”；新域名请通过新增网站办理`));
      continue;
    }
    if (!isFileableDomain(unicode)) {
      reasons.push(field('domains', `域名“${unicode}”的后缀不在可备案的顶级域名范围内，请删除该域名或更换为可备案后缀的域名`));
      continue;
    }
    const facts = ctx.domains[unicode];
    if (!facts) continue;
    if (!facts.registrarDomestic) reasons.push(field('domains', `域名“${unicode}”的注册商（${facts.registrar}）不是境内注册商，请转入境内注册商后重新提交`));
    if (!facts.realNameVerified) reasons.push(field('domains', `域名“${unicode}”未完成实名认证，请在注册商处完成实名认证后重新提交`));
    if (daysUntil(facts.expiresAt, now) <= MIN_VALIDITY_DAYS) {
      reasons.push(field('domains', `域名“${unicode}”将于${facts.expiresAt.slice(0, 10)}到期，有效期不足3个月，请续费后重新提交`));
    }
  }
  if (form.domains.length === 0) reasons.push(field('domains', '网站至少需要保留一个已备案的域名'));

  let homepageHost: string | null = null;
  try {
    homepageHost = new URL(form.homepageUrl).hostname.toLowerCase();
  } catch {
    reasons.push(field('homepageUrl', `网站首页地址“${form.homepageUrl}”不是有效的网址，请填写以 http:// 或 https:// 开头的地址`));
  }
  if (homepageHost) {
    const site = ctx.sites[homepageHost];
    if (!site) {
      reasons.push(field('homepageUrl', `审核员无法访问网站首页 ${form.homepageUrl}，请确认网站可以正常访问后重新提交`));
    } else if (site.websiteId === website.id) {
      const html = renderHomepage(filing.entity, website, site.footerShowsFilingNumber);
      const problem = footerProblem(html, { province: filing.entity.province, entityFilingNumber: filing.entity.entityFilingNumber, website });
      if (problem) reasons.push(field('homepageUrl', `${problem}后重新提交`));
    } else {
      reasons.push(field('homepageUrl', `首页地址 ${form.homepageUrl} 属于另一个已备案网站，请填写本网站的首页地址`));
    }
  }

  const principals =
    form.principalSameAsEntity || personal
      ? [['websitePrincipal', form.websitePrincipal] as const]
      : ([
          ['websitePrincipal', form.websitePrincipal],
          ['entityPrincipal', form.entityPrincipal],
        ] as const);
  for (const [path, p] of principals) {
    const who = path === 'websitePrincipal' ? '网站负责人' : '主体负责人';
    if (p.idValidUntil && daysUntil(`${p.idValidUntil}T23:59:59Z`, now) <= MIN_VALIDITY_DAYS) {
      reasons.push(field(`${path}.idValidUntil`, `${who}证件将于${p.idValidUntil}到期，有效期不足3个月，请换领新证后上传新证件照片并更新有效期`));
    }
  }
  if (!form.principalSameAsEntity && !personal) {
    if (form.websitePrincipal.idNumber !== form.entityPrincipal.idNumber) {
      if (form.websitePrincipal.mobile === form.entityPrincipal.mobile) {
        reasons.push(field('websitePrincipal.mobile', '网站负责人与主体负责人不是同一人时，两人的手机号码不能相同，请填写网站负责人本人的手机号码'));
      }
      if (form.websitePrincipal.email.toLowerCase() === form.entityPrincipal.email.toLowerCase()) {
        reasons.push(field('websitePrincipal.email', '网站负责人与主体负责人不是同一人时，两人的电子邮箱不能相同，请填写网站负责人本人的邮箱'));
      }
    }
  }
  if (personal && (form.websitePrincipal.idNumber !== filing.entity.principal.idNumber || form.websitePrincipal.name !== filing.entity.principal.name)) {
    reasons.push(field('websitePrincipal.name', '个人备案的网站负责人必须是备案主体本人，网站变更不能更换负责人；如需更换，请办理变更备案'));
  }

  const samePerson = (a: { idNumber: string; name: string }, b: { idNumber: string; name: string }) => a.idNumber === b.idNumber && a.name === b.name;
  const newPrincipals: ['website_principal' | 'entity_principal', string][] = [];
  if (!samePerson(form.websitePrincipal, website.principal)) newPrincipals.push(['website_principal', '网站负责人']);
  if (!personal && !form.principalSameAsEntity && !samePerson(form.entityPrincipal, filing.entity.principal)) newPrincipals.push(['entity_principal', '主体负责人']);
  for (const [subject, who] of newPrincipals) {
    for (const kind of ['id_front', 'id_back'] as const) {
      if (!submission.materials.some((m) => m.subject === subject && m.kind === kind)) {
        reasons.push({ target: { type: 'material', path: `${subject}.${kind}` }, message: `${who}已更换，请上传新${who}的${MATERIAL_KIND_LABELS[kind]}` });
      }
    }
  }

  for (const material of submission.materials) {
    const label = materialLabel(material);
    const target = { type: 'material' as const, path: material.slot };
    if (material.width === null || material.height === null) {
      reasons.push({ target, message: `${label}图片无法识别，请重新拍摄清晰、完整的彩色照片（JPEG格式）后上传` });
    } else if (Math.max(material.width, material.height) < MIN_DOCUMENT_LONG_EDGE) {
      reasons.push({
        target,
        message: `${label}图片过小（${material.width}×${material.height}），长边需不少于${MIN_DOCUMENT_LONG_EDGE}像素，请重新拍摄清晰、四角完整的照片后上传`,
      });
    }
  }
  return reasons;
}
