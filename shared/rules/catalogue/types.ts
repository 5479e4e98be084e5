// The rule catalogue's vocabulary: a rule (one id, one severity, the fields it concerns, why it exists), the context it
// is evaluated over (the change, today, and facts from outside when they are known) and what it finds.
import type { BlockerKindValue } from '../../contracts/api';
import type { DomainFacts } from '../../contracts/reviewSystem';
import type { VerificationRole } from '../../contracts/verification';
import type { VerificationFact } from '../verification';
import type { ChangeBase, ChangeDraft, WebsiteForm } from '../../domain/change';
import type { MaterialKind, MaterialSubject } from '../../domain/filing';
import type { Recognition } from '../../domain/recognition';

/** `fail`: a reviewer rejects it. `warn`: the product cannot know whether a reviewer will (the message says what to check). */
export type Severity = 'fail' | 'warn';

/** `submission`: what a reviewer sees and judges. `applicant`: what only the applicant's side can check before submit. */
export type RuleScope = 'submission' | 'applicant';

/** Facts only the outside world knows: the registrar's data, the live homepage, the uploaded photos' pixels. */
export type FactKind = 'domains' | 'homepage' | 'materialImages' | 'verifications' | 'recognitions';

/** One line of the checklist: every rule belongs to one, and the line lists every problem its rules found. */
export type CheckGroupId =
  | 'has_changes'
  | 'rejection_scope'
  | 'locked_rules'
  | 'website_name'
  | 'domain_fileable'
  | 'domain_registration'
  | 'homepage_reachable'
  | 'footer_filing_number'
  | 'service_content'
  | 'form_valid'
  | 'id_validity'
  | 'principal_age'
  | 'distinct_contacts'
  | 'phones_verified'
  | 'website_principal_verified'
  | 'entity_principal_verified'
  | 'materials_provided'
  | 'materials_match'
  | 'agreement';

/** What the applicant can do about a problem that editing the form alone does not solve (shown up front as a blocker). */
export type BlockerKind = BlockerKindValue;

/** The registrar's answer for one domain: its facts, "no such registration", or no answer (upstream down). */
export type DomainLookup = { status: 'found'; facts: DomainFacts } | { status: 'not_found' } | { status: 'unavailable' };

/** The live homepage as fetched: an answer with its HTML, or not reachable (the reason is for logs; the rule says 无法访问). */
/**
 * `offDomain`: nothing was fetched from a host off the website's domains — the URL's host as a browser reads it
 * (`url`: WHATWG parsing can end the host earlier than the text suggests, e.g. at a backslash) or a redirect's target.
 */
export type HomepageFacts = { reachable: true; status: number; html: string } | { reachable: false; offDomain?: 'url' | 'redirect' };

/** Pixel size of an uploaded photo; null when it could not be decoded. */
export type MaterialImage = { width: number; height: number } | null;

/**
 * What OCR made of the photo in a slot: still reading, read (`recognition.status` `read`), or nothing usable (a
 * failure, a timeout, or `unreadable`): a failed reading never yields a mismatch.
 */
export type RecognitionFact =
  { status: 'pending' } | { status: 'done' | 'failed'; recognition: Pick<Recognition, 'document' | 'status' | 'fields' | 'confidence'> } | { status: 'failed'; recognition?: undefined };

/** Facts from outside; a kind left out is unknown, and the rules that need it say so instead of guessing. */
export interface RuleFacts {
  /** Keyed by canonical (Unicode, lowercase) domain. */
  domains?: Readonly<Record<string, DomainLookup>>;
  homepage?: HomepageFacts;
  /** Keyed by material slot. */
  materialImages?: Readonly<Record<string, MaterialImage>>;
  /** Each principal's identity verification (电子化核验) by role, as far as it is known; a role left out has none. */
  verifications?: Readonly<Partial<Record<VerificationRole, VerificationFact>>>;
  /** Recognitions (OCR) of the uploaded document photos, keyed by material slot; a slot left out was not read. */
  recognitions?: Readonly<Record<string, RecognitionFact>>;
}

/** A material uploaded for this change. */
export interface UploadedMaterial {
  kind: MaterialKind;
  subject: MaterialSubject;
  /** When it was uploaded (ISO); a flagged material counts as replaced when uploaded after the rejection. */
  uploadedAt?: string;
}

/** Everything a rule may look at. */
export interface RuleContext {
  base: ChangeBase;
  form: WebsiteForm;
  /** Materials uploaded for this change, by slot (`website_principal.id_front`). */
  materials: Readonly<Record<string, UploadedMaterial>>;
  verifiedPhones: readonly string[];
  agreed: boolean;
  rejection: ChangeDraft['rejection'];
  today: Date;
  facts: RuleFacts;
}

/** A one-tap fix the mini-program can offer: set `path` to `value`; `label` is the button's text. */
export interface Fix {
  path: string;
  value: string;
  label: string;
}

/** What a rule found: the field path or material slot it is about (null: the change as a whole) and the message. */
export interface Problem {
  path: string | null;
  message: string;
  fix?: Fix;
}

export interface Finding extends Problem {
  ruleId: string;
  severity: Severity;
  group: CheckGroupId;
  blocker?: BlockerKind;
}

/** A rule that could not decide because a fact it needs is unknown; `message` says what to check. */
export interface Unknown {
  ruleId: string;
  group: CheckGroupId;
  message: string;
}

/** How a rule reports: its problems, and what it could not decide. */
export interface Reporter {
  problem(path: string | null, message: string, fix?: Fix): void;
  unknown(message: string): void;
}

export interface Rule {
  /** Stable id (snake_case); the docs, the tests and the mini-program key on it. */
  id: string;
  severity: Severity;
  group: CheckGroupId;
  scope: RuleScope;
  /** Facts from outside the rule needs; none = decidable offline (autosave, the phone). */
  needs: readonly FactKind[];
  /** The field paths or material slots it concerns (for docs; findings carry the exact path). */
  fields: readonly string[];
  /** Chinese, what the rule asks for. */
  title: string;
  /** The reviewer's rule it mirrors, or the reason it exists (docs/domain-rules.md). */
  why: string;
  /** Set when the problem is known before editing and the form alone cannot solve it. */
  blocker?: BlockerKind;
  /** False when the rule has nothing to say about this change (e.g. rejection rules before any rejection). */
  appliesTo?(ctx: RuleContext): boolean;
  check(ctx: RuleContext, out: Reporter): void;
}
