// The sandbox's first state: three applicants (one personal, two organisations in different provinces), their websites, domains and materials.
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { DomainFacts, ReviewApplicant } from '../shared/contracts/reviewSystem';
import type { FiledWebsite, Filing, MaterialOnFile, Principal } from '../shared/domain/filing';
import { creditCodeCheckChar, residentIdCheckChar } from '../shared/validators/identity';
import { STATE_VERSION, type ImageSpec, type SandboxState, type SiteRecord } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A valid resident ID from region, birth date (YYYYMMDD) and sequence: the check character is computed. */
export function makeResidentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

/** A valid unified social credit code from its first 17 characters. */
export function makeCreditCode(first17: string): string {
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** The openid an applicant logs in as (stable, looks like WeChat's 28-character openids). */
export function openidFor(applicantId: string): string {
  return `o${createHash('sha256').update(`sandbox-openid:${applicantId}`).digest('base64url').slice(0, 27)}`;
}

/** Host names (ASCII, lower-case) a website answers on: each domain, its www., and the homepage host. */
export function hostsOf(website: Pick<FiledWebsite, 'domains' | 'homepageUrl'>): string[] {
  const hosts = new Set<string>();
  for (const domain of website.domains) {
    const ascii = domainToASCII(domain);
    if (!ascii) continue;
    hosts.add(ascii);
    hosts.add(`www.${ascii}`);
  }
  try {
    hosts.add(new URL(website.homepageUrl).hostname.toLowerCase());
  } catch {
    // a homepage URL that does not parse has no host to serve
  }
  return [...hosts];
}

interface WebsiteSeed {
  id: string;
  suffix: number;
  name: string;
  domains: string[];
  homepageUrl: string;
  serviceContent: string[];
  notes: string;
  /** null = the entity principal (同主体负责人). */
  principal: Principal | null;
  footerShowsFilingNumber: boolean;
  ips: string[];
  region: string;
}

interface ApplicantSeed {
  applicantId: string;
  filingId: string;
  kind: 'personal' | 'organisation';
  entityName: string;
  certificateType: Filing['entity']['certificateType'];
  certificateNumber: string;
  province: Filing['entity']['province'];
  address: string;
  entityFilingNumber: string;
  principal: Principal;
  websites: WebsiteSeed[];
}

function isoDateFromNow(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function applicantSeeds(now: Date): ApplicantSeed[] {
  const zhangWei: Principal = {
    name: '张伟',
    idType: 'resident_id',
    idNumber: makeResidentId('440305', '19880612', '031'),
    idValidUntil: '2034-08-15',
    mobile: '13826541234',
    email: 'zhangwei.photo@example.com',
  };
  const liNa: Principal = {
    name: '李娜',
    idType: 'resident_id',
    idNumber: makeResidentId('330106', '19850321', '042'),
    idValidUntil: '2038-03-21',
    mobile: '13957123456',
    email: 'lina@yunqi-tech.cn',
    // 浙江 asks for an emergency number (shared/data/provinceRules.ts); the office line is optional there.
    emergencyPhone: '0571-86701234',
    officePhone: '0571-86705678',
  };
  const wangLei: Principal = {
    name: '王磊',
    idType: 'resident_id',
    idNumber: makeResidentId('330108', '19920907', '015'),
    idValidUntil: '2031-09-07',
    mobile: '15867002345',
    email: 'wanglei@yunqidev.net',
    emergencyPhone: '13588120456',
  };
  const chenJing: Principal = {
    name: '陈静',
    idType: 'resident_id',
    idNumber: makeResidentId('110108', '19790214', '026'),
    idValidUntil: null,
    mobile: '13601234567',
    email: 'chenjing@mingde-edu.com.cn',
    // 北京 organisations give an office line.
    officePhone: '010-62561234',
  };
  const zhaoMin: Principal = {
    name: '赵敏',
    idType: 'resident_id',
    idNumber: makeResidentId('110105', '19950530', '048'),
    // expires within 3 months: the pre-check and the reviewer both flag it
    idValidUntil: isoDateFromNow(now, 60),
    mobile: '18612345678',
    email: 'zhaomin@mingde-edu.com.cn',
    officePhone: '010-62561288',
  };
  return [
    {
      applicantId: 'zhang-wei',
      filingId: 'filing-yue-zhangwei',
      kind: 'personal',
      entityName: '张伟',
      certificateType: 'resident_id',
      certificateNumber: zhangWei.idNumber,
      province: '粤',
      address: '广东省深圳市南山区科技园南区高新南七道18号',
      entityFilingNumber: '粤ICP备18023456号',
      principal: zhangWei,
      websites: [
        {
          id: 'site-zw-photo',
          suffix: 1,
          name: '张伟摄影作品集',
          domains: ['zhangwei-photo.cn', 'zwphoto.com.cn'],
          homepageUrl: 'https://www.zhangwei-photo.cn/',
          serviceContent: ['个人作品展示'],
          notes: '',
          principal: null,
          footerShowsFilingNumber: true,
          ips: ['119.29.10.23'],
          region: '华南地区（广州）',
        },
        {
          id: 'site-zw-notes',
          suffix: 2,
          name: '张伟读书笔记',
          // .io is not on the fileable list: the pre-check and the reviewer both flag it
          domains: ['zwnotes.io'],
          homepageUrl: 'https://www.zwnotes.io/',
          serviceContent: ['个人文章分享'],
          notes: '',
          principal: null,
          footerShowsFilingNumber: true,
          ips: ['119.29.10.24'],
          region: '华南地区（广州）',
        },
      ],
    },
    {
      applicantId: 'hangzhou-yunqi',
      filingId: 'filing-zhe-yunqi',
      kind: 'organisation',
      entityName: '杭州云栖网络科技有限公司',
      certificateType: 'business_licence',
      certificateNumber: makeCreditCode('91330106MA2H7K4P1'),
      province: '浙',
      address: '浙江省杭州市西湖区文三路398号东信大厦12层',
      entityFilingNumber: '浙ICP备2023045678号',
      principal: liNa,
      websites: [
        {
          id: 'site-yq-main',
          suffix: 1,
          name: '云栖科技官网',
          domains: ['yunqi-tech.cn'],
          homepageUrl: 'https://www.yunqi-tech.cn/',
          serviceContent: ['企业官网', '产品介绍'],
          notes: '',
          principal: null,
          footerShowsFilingNumber: true,
          ips: ['47.96.120.8'],
          region: '华东1（杭州）',
        },
        {
          id: 'site-yq-docs',
          suffix: 2,
          name: '云栖开发者文档中心',
          // its registration expires within 3 months (see domain facts)
          domains: ['yunqidev.net'],
          homepageUrl: 'https://www.yunqidev.net/',
          serviceContent: ['技术文档', '开发者支持'],
          notes: '面向客户的产品文档，不含用户交互功能',
          principal: wangLei,
          footerShowsFilingNumber: true,
          ips: ['47.96.120.9'],
          region: '华东1（杭州）',
        },
      ],
    },
    {
      applicantId: 'beijing-mingde',
      filingId: 'filing-jing-mingde',
      kind: 'organisation',
      entityName: '北京明德教育咨询有限公司',
      certificateType: 'business_licence',
      certificateNumber: makeCreditCode('91110108MA01R8QX3'),
      province: '京',
      address: '北京市海淀区中关村大街27号中关村大厦8层',
      entityFilingNumber: '京ICP备16012345号',
      principal: chenJing,
      websites: [
        {
          id: 'site-md-main',
          suffix: 1,
          name: '明德教育咨询',
          domains: ['mingde-edu.com.cn'],
          homepageUrl: 'https://www.mingde-edu.com.cn/',
          serviceContent: ['企业官网', '教育咨询服务介绍'],
          notes: '',
          principal: null,
          // the broken one: the homepage footer lacks the filing number
          footerShowsFilingNumber: false,
          ips: ['123.57.88.12'],
          region: '华北2（北京）',
        },
        {
          id: 'site-md-class',
          suffix: 2,
          name: '明德在线课堂',
          domains: ['mingde-ke.cn', '明德课堂.中国'],
          homepageUrl: 'https://www.mingde-ke.cn/',
          serviceContent: ['课程介绍', '在线报名'],
          notes: '',
          principal: zhaoMin,
          footerShowsFilingNumber: true,
          ips: ['123.57.88.13'],
          region: '华北2（北京）',
        },
      ],
    },
  ];
}

function domainFactsFor(seed: ApplicantSeed, domain: string, now: Date): DomainFacts {
  const inDays = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  switch (domain) {
    case 'zwnotes.io':
      return { domain, registrar: 'NameCheap, Inc.', registrarDomestic: false, expiresAt: inDays(300), realNameVerified: false, registrantName: 'Zhang Wei' };
    case 'yunqidev.net':
      return { domain, registrar: '厦门易名科技股份有限公司', registrarDomestic: true, expiresAt: inDays(50), realNameVerified: true, registrantName: seed.entityName };
    case '明德课堂.中国':
      return { domain, registrar: '北京新网数码信息技术有限公司', registrarDomestic: true, expiresAt: inDays(700), realNameVerified: true, registrantName: seed.entityName };
    default:
      return { domain, registrar: '阿里云计算有限公司（万网）', registrarDomestic: true, expiresAt: inDays(420), realNameVerified: true, registrantName: seed.entityName };
  }
}

/** A fresh state: applicants, filings, domain facts, served sites and image specs; nothing submitted. */
export function buildSeed(now: Date = new Date()): SandboxState {
  const applicants: ReviewApplicant[] = [];
  const filings: Filing[] = [];
  const domains: Record<string, DomainFacts> = {};
  const sites: Record<string, SiteRecord> = {};
  const images: Record<string, ImageSpec> = {};
  const uploadedAt = '2024-05-10T02:30:00.000Z';

  for (const seed of applicantSeeds(now)) {
    applicants.push({ applicantId: seed.applicantId, name: seed.entityName, kind: seed.kind, openid: openidFor(seed.applicantId) });
    const websites: FiledWebsite[] = seed.websites.map((site) => {
      const websitePrincipal = site.principal ?? seed.principal;
      const materials: MaterialOnFile[] = [];
      const addImage = (subject: MaterialOnFile['subject'], kind: ImageSpec['kind'], spec: ImageSpec) => {
        const imageId = `img-${site.id}-${subject}-${kind}`.replace(/_/g, '-');
        images[imageId] = spec;
        materials.push({ id: `mat-${site.id}-${subject}-${kind}`, kind, subject, imageUrl: `/files/${imageId}.jpg`, uploadedAt });
      };
      const idSpec = (p: Principal, kind: 'id_front' | 'id_back'): ImageSpec => ({ kind, name: p.name, idNumber: p.idNumber, idValidUntil: p.idValidUntil });
      addImage('website_principal', 'id_front', idSpec(websitePrincipal, 'id_front'));
      addImage('website_principal', 'id_back', idSpec(websitePrincipal, 'id_back'));
      if (seed.kind === 'organisation' && site.principal) {
        addImage('entity_principal', 'id_front', idSpec(seed.principal, 'id_front'));
        addImage('entity_principal', 'id_back', idSpec(seed.principal, 'id_back'));
      }
      addImage('website', 'verification_form', {
        kind: 'verification_form',
        name: websitePrincipal.name,
        idNumber: websitePrincipal.idNumber,
        idValidUntil: websitePrincipal.idValidUntil,
        websiteName: site.name,
        domains: site.domains,
        entityName: seed.entityName,
      });
      const website: FiledWebsite = {
        id: site.id,
        websiteFilingNumber: `${seed.entityFilingNumber}-${site.suffix}`,
        name: site.name,
        domains: site.domains,
        homepageUrl: site.homepageUrl,
        serviceContent: site.serviceContent,
        preApprovalItems: [],
        notes: site.notes,
        principalSameAsEntity: site.principal === null,
        principal: websitePrincipal,
        access: { provider: '腾讯云', region: site.region, ips: site.ips },
        status: 'filed',
        materials,
      };
      for (const domain of site.domains) domains[domain] = domainFactsFor(seed, domain, now);
      for (const host of hostsOf(website)) sites[host] = { filingId: seed.filingId, websiteId: site.id, footerShowsFilingNumber: site.footerShowsFilingNumber };
      return website;
    });
    filings.push({
      id: seed.filingId,
      applicantId: seed.applicantId,
      revision: 1,
      entity: {
        kind: seed.kind,
        name: seed.entityName,
        certificateType: seed.certificateType,
        certificateNumber: seed.certificateNumber,
        province: seed.province,
        address: seed.address,
        entityFilingNumber: seed.entityFilingNumber,
        principal: seed.principal,
      },
      websites,
    });
  }

  return {
    version: STATE_VERSION,
    seededAt: now.toISOString(),
    applicants,
    filings,
    domains,
    sites,
    images,
    submissions: [],
    idempotency: {},
    deliveries: [],
    verificationTasks: [],
    outbox: { sms: [], mail: [], wechat: [] },
    wechat: { usedCodes: [], tokens: [], refusals: [] },
  };
}
