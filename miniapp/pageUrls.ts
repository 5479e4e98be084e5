// Every page of the mini-program and where it lives (main package or the change subpackage), with one URL builder per
// page: app.config.ts lists the pages from here and navigation code never spells a page path itself.
import type { WizardStep } from '../shared/domain/change';
import type { MaterialKind, MaterialSubject } from '../shared/domain/filing';
import type { TermsDocumentId } from '../shared/data/terms';

/** Pages of the main package: what the first screen and a returning applicant need. */
export const MAIN_PAGES = {
  login: 'pages/login/index',
  overview: 'pages/overview/index',
  progress: 'pages/progress/index',
  terms: 'pages/terms/index',
} as const;

/**
 * The change subpackage: the wizard, the capture screen, the read-only filed record and the notification settings,
 * downloaded when first opened (preloaded from the overview), so the main package stays small. Its pages' paths are
 * relative to its root.
 */
export const CHANGE_PACKAGE = {
  root: 'packageChange',
  pages: {
    wizard: 'pages/wizard/index',
    capture: 'pages/capture/index',
    record: 'pages/record/index',
    notifications: 'pages/notifications/index',
  },
} as const;

type Query = Record<string, string | undefined>;

/** `/path?key=value&…` with the values URI-encoded, in the order given; undefined values are left out. */
function pageUrl(path: string, query: Query = {}): string {
  const search = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return search ? `/${path}?${search}` : `/${path}`;
}

const inChangePackage = (page: keyof typeof CHANGE_PACKAGE.pages) => `${CHANGE_PACKAGE.root}/${CHANGE_PACKAGE.pages[page]}`;

export const loginUrl = (): string => pageUrl(MAIN_PAGES.login);
export const overviewUrl = (): string => pageUrl(MAIN_PAGES.overview);
/** The terms page; with a document, only that one (the agreement's links, the privacy sheet's guideline on H5). */
export const termsUrl = (doc?: TermsDocumentId): string => pageUrl(MAIN_PAGES.terms, { doc });
export const progressUrl = (changeId: string): string => pageUrl(MAIN_PAGES.progress, { changeId });

/** The wizard of a change; without a step it resumes where the applicant left off, `focus` scrolls to a field or material. */
export function wizardUrl(changeId: string, at: { step?: WizardStep; focus?: string } = {}): string {
  return pageUrl(inChangePackage('wizard'), { changeId, step: at.step, focus: at.focus });
}

/** The capture screen for one material slot of a change. */
export function captureUrl(changeId: string, slot: { kind: MaterialKind; subject: MaterialSubject }): string {
  return pageUrl(inChangePackage('capture'), { changeId, kind: slot.kind, subject: slot.subject });
}

/** 备案信息: one filed website and its entity, read-only. */
export const recordUrl = (filingId: string, websiteId: string): string => pageUrl(inChangePackage('record'), { filingId, websiteId });
/** 通知设置. */
export const notificationSettingsUrl = (): string => pageUrl(inChangePackage('notifications'));
