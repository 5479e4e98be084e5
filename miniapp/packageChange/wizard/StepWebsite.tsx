// Step 1 修改网站信息: the filed values pre-filled, changed fields marked, live validation, domains removable only,
// 同主体负责人 for organisations, the principal locked on personal filings, SMS verification of new phones.
import { useCallback, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Principal } from '../../../shared/domain/filing';
import type { ChangeDraftHandle } from './useChangeDraft';
import { FormField, fieldAnchorId } from './FormField';
import { usePhotoMismatches } from './photoMismatches';
import { maskMobile } from '../../../shared/validators/contact';
import { PhoneVerification, phonesToVerify } from './PhoneVerification';
import { fieldLabel, ID_TYPE_LABELS, type PrincipalRole } from '../../../shared/rules/labels';
import { PRINCIPAL_KEYS, getField, type FieldPath, type PrincipalKey } from './fields';
import { provinceRules } from '../../../shared/data/provinceRules';
import { MAX_LENGTH } from '../../../shared/domain/limits';
import type { ChangeBase } from '../../../shared/domain/change';
import { rejectionMark } from '../../../shared/rules/rejection';
import { ServiceContentEditor } from './ServiceContentEditor';
import { StepBlockers } from './StepBlockers';
import { filedWebsitePrincipal, isPrincipalLocked, websitePrincipalPath } from '../../../shared/rules/principals';
import { openTargetsOf } from './openTargets';
import { blockingErrors, type ValidationContext } from './validation';
import { Actions, Button, Caption, Checkbox, Field, FieldValue, Link, Notice, Section, Tag } from '../../components/ui';
import './wizard.scss';

export const PERSONAL_PRINCIPAL_LOCKED =
  '个人备案的网站负责人即主体负责人，网站变更不能修改网站负责人。如需更换负责人，请在服务商的备案控制台新建“变更备案”订单（变更主体信息），本小程序不办理该业务。';
export const PERSONAL_FIELD_LOCKED = '个人备案不能在网站变更中修改，请办理变更备案';
export const DOMAINS_REMOVE_ONLY = '网站变更只能删除域名，新增域名请办理新增网站';
export const REJECTION_LOCKED = '本次审核未要求修改此项，保持不变';

export interface StepWebsiteProps {
  changeId: string;
  handle: ChangeDraftHandle;
  /** Field path to focus (deep link from the checklist). */
  focus?: string;
  onNext: () => void;
}

const TEXT_FIELDS: { path: FieldPath; placeholder: string; maxlength?: number; control?: 'textarea' }[] = [
  { path: 'name', placeholder: '至少3个汉字，概括网站内容' },
  { path: 'homepageUrl', placeholder: '例如 https://www.example.com' },
  { path: 'notes', placeholder: '选填，向审核人员说明的内容', maxlength: MAX_LENGTH.notes, control: 'textarea' },
];

/** Phones get the phone keypad; ID numbers WeChat's ID-card keypad (digits and X). */
const INPUT_TYPES: Partial<Record<PrincipalKey, 'tel' | 'idcard'>> = { mobile: 'tel', emergencyPhone: 'tel', officePhone: 'tel', idNumber: 'idcard' };

const PLACEHOLDERS: Partial<Record<string, string>> = {
  emergencyPhone: '手机或带区号的固定电话，不能与手机号码相同',
  officePhone: '带区号的固定电话，例如 010-88886666',
};

/** The principal fields this filing's form has: the province table decides 应急联系电话 and 办公室电话 (never an `if` per province). */
function principalKeysOf(base: ChangeBase, live: Principal): PrincipalKey[] {
  const rules = provinceRules(base.province);
  return PRINCIPAL_KEYS.filter((k) => {
    if (k === 'idType') return false;
    if (k === 'emergencyPhone') return rules.emergencyPhoneRequired || Boolean(live.emergencyPhone?.trim());
    if (k === 'officePhone') return base.entityKind === 'organisation' && rules.officePhoneField !== 'none';
    return true;
  });
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? v.join('、') : '';
}

export function StepWebsite({ changeId, handle, focus, onNext }: StepWebsiteProps) {
  const { draft, formRevision, problems, getForm, edit, editMany, setSameAsEntity, flush, adoptVerifiedPhones } = handle;
  // Fields mount from the engine's live form (saved draft + unsaved edits), so coming back to this step shows what
  // was typed; `handle.form` alone is the form as of the last replacement and misses keystrokes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const form = useMemo(() => getForm() ?? handle.form, [getForm, handle.form, formRevision]);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  // Where an uploaded ID photo or 核验单 disagrees with the saved form: shown on the field (issue 17).
  const photoMismatches = usePhotoMismatches(changeId, draft);
  const [saving, setSaving] = useState(false);
  const targets = useMemo(() => openTargetsOf(draft), [draft]);
  const base = draft?.base;
  // Stable per change, so memoised fields do not re-render when the page does.
  const context = useMemo<ValidationContext | null>(() => (base ? { base } : null), [base]);

  const onEdit = useCallback(
    (path: FieldPath, value: string) => {
      // 证件有效期: “长期” means no end date.
      edit(path, path.endsWith('.idValidUntil') && value.trim() === '长期' ? null : value);
    },
    [edit],
  );

  // A verification bumps the draft's version on the server: pick up the new ETag now rather than by a 412 later.
  const onPhoneVerified = (verifiedPhones: string[]) => {
    adoptVerifiedPhones(verifiedPhones);
    // The “尚未验证” message (or any leave error) is out of date once a phone is verified; 下一步 checks again.
    setLeaveError(null);
    void handle.refresh();
  };

  if (!draft || !form || !base || !context) return null;
  const personal = isPrincipalLocked(base);
  // With 同主体负责人 ticked the entity principal is authoritative and the website principal mirrors it.
  const principalRole: PrincipalRole = websitePrincipalPath(form);
  const filed = { name: base.website.name, domains: base.website.domains, homepageUrl: base.website.homepageUrl, notes: base.website.notes };

  const lockFor = (path: string): string | undefined => {
    if (targets.restricted && !targets.isOpen(path)) return REJECTION_LOCKED;
    // The full reason is in the notice above the fields; each field only says it is fixed.
    if (personal && path.startsWith('websitePrincipal')) return PERSONAL_FIELD_LOCKED;
    return undefined;
  };

  const filedPrincipal = (role: PrincipalRole): Principal => (role === 'websitePrincipal' ? filedWebsitePrincipal(base) : base.entityPrincipal);

  const removeDomain = async (domain: string) => {
    const res = await Taro.showModal({
      title: '删除域名',
      content: `确定从本网站删除域名 ${domain}？删除后如需再次使用，需办理新增网站。`,
      confirmText: '删除',
      confirmColor: '#B8362E',
    });
    if (!res.confirm) return;
    const current = getForm();
    if (!current) return;
    editMany({ domains: current.domains.filter((d) => d !== domain) });
  };

  const renderPrincipal = (role: PrincipalRole) => {
    const filedValues = filedPrincipal(role);
    const live = form[role];
    const locked = lockFor(role);
    return (
      <View key={`${role}-${formRevision}`}>
        <Field label={fieldLabel(`${role}.idType`)}>
          <FieldValue>{ID_TYPE_LABELS[live.idType]}</FieldValue>
        </Field>
        {principalKeysOf(base, live).map((k) => {
          const path = `${role}.${k}` as FieldPath;
          const lockedReason = lockFor(path) ?? locked;
          const original = asText(filedValues[k]);
          return (
            <FormField
              key={`${path}-${formRevision}`}
              path={path}
              initial={k === 'idValidUntil' && live[k] === null ? '长期' : asText(live[k])}
              original={k === 'idValidUntil' && filedValues[k] === null ? '长期' : original}
              getForm={getForm}
              onEdit={onEdit}
              context={context}
              lockedReason={lockedReason}
              reviewerReason={targets.reasonFor(path)}
              rejectionMark={rejectionMark(draft, path)}
              serverProblem={problems[path] ?? photoMismatches[path]}
              focus={focus === path}
              masked={k === 'idNumber'}
              type={INPUT_TYPES[k] ?? 'text'}
              control={k === 'idValidUntil' ? 'validity' : undefined}
              placeholder={PLACEHOLDERS[k]}
              renderExtra={
                k === 'mobile'
                  ? (value) => (
                      <PhoneVerification
                        changeId={changeId}
                        phone={value}
                        base={base}
                        getForm={getForm}
                        verifiedPhones={draft.verifiedPhones}
                        onVerified={onPhoneVerified}
                        saveForm={() => flush()}
                      />
                    )
                  : undefined
              }
            />
          );
        })}
      </View>
    );
  };

  const next = async () => {
    setLeaveError(null);
    const current = getForm();
    if (!current) return;
    const editable = (path: string) => {
      if (lockFor(path)) return false;
      if (path.startsWith('websitePrincipal') || path.startsWith('entityPrincipal')) return !personal && path.startsWith(principalRole);
      return true;
    };
    const firstError = blockingErrors(current, context, editable)[0];
    if (firstError) {
      setLeaveError(`${firstError.message}（请修改后再继续）`);
      return;
    }
    const unverified = phonesToVerify(base, current, draft.verifiedPhones);
    if (unverified.length) {
      setLeaveError(`手机号码 ${unverified.map(maskMobile).join('、')} 尚未验证，请先获取并填写短信验证码`);
      return;
    }
    setSaving(true);
    const saved = await flush({ step: 'materials' });
    setSaving(false);
    if (!saved) {
      setLeaveError(
        handle.currentSaveState() === 'conflict'
          ? '本机修改与已保存的版本不一致，请先在上方选择保留哪一份'
          : '修改尚未保存到服务器（已暂存本机），联网后会自动同步，同步成功后即可进入下一步',
      );
      return;
    }
    onNext();
  };

  const domainsReviewerReason = targets.reasonFor('domains');
  // What the blockers depend on, as saved: a change there is worth checking again.
  const saved = draft.form;
  const factsKey = [saved.domains.join(','), saved.homepageUrl, saved.websitePrincipal.idValidUntil, saved.entityPrincipal.idValidUntil].join('|');

  return (
    <View className="wz-step">
      {targets.restricted ? (
        <Notice tone="warning">
          <Text>审核未通过：只需修改下方标注了审核意见的项，其余内容已锁定。</Text>
          {(draft.rejection?.reasons ?? [])
            .filter((r) => r.target.type === 'field')
            .map((r) => (
              <Link key={r.target.path} onClick={() => void Taro.pageScrollTo({ selector: `#${fieldAnchorId(r.target.path)}`, duration: 200 })?.catch?.(() => undefined)}>
                {fieldLabel(r.target.path)}：{r.message}
              </Link>
            ))}
          {targets.general.map((g) => (
            <Text key={g}>{g}</Text>
          ))}
        </Notice>
      ) : null}

      <StepBlockers changeId={changeId} factsKey={factsKey} />

      <Section title="网站信息">
        <Caption>网站备案号 {base.website.websiteFilingNumber}</Caption>
        {TEXT_FIELDS.map(({ path, placeholder, maxlength, control }) => (
          <FormField
            key={`${path}-${formRevision}`}
            path={path}
            initial={asText(getField(form, path))}
            original={asText(filed[path as keyof typeof filed])}
            getForm={getForm}
            onEdit={onEdit}
            context={context}
            placeholder={placeholder}
            maxlength={maxlength}
            control={control}
            lockedReason={lockFor(path)}
            reviewerReason={targets.reasonFor(path)}
            rejectionMark={rejectionMark(draft, path)}
            serverProblem={problems[path] ?? photoMismatches[path]}
            focus={focus === path}
          />
        ))}
      </Section>

      <Section
        title="网站域名"
        id="wz-domains"
        extra={
          form.domains.length !== filed.domains.length ? (
            <Tag tone="primary" small>
              已修改
            </Tag>
          ) : null
        }
      >
        {domainsReviewerReason ? (
          <Notice tone="warning" compact>
            审核意见：{domainsReviewerReason}
          </Notice>
        ) : null}
        {form.domains.map((domain) => (
          <View key={domain} className="wz-domain">
            <Text className="wz-domain__name">{domain}</Text>
            {lockFor('domains') ? null : (
              <Button variant="danger-text" accessibleName={`删除域名 ${domain}`} disabled={form.domains.length <= 1} onClick={() => void removeDomain(domain)}>
                删除
              </Button>
            )}
          </View>
        ))}
        {filed.domains
          .filter((d) => !form.domains.includes(d))
          .map((d) => (
            <Text key={d} className="wz-domain__removed">
              {d}（将删除）
            </Text>
          ))}
        <Caption>
          {DOMAINS_REMOVE_ONLY}
          {form.domains.length <= 1 ? '；网站至少保留一个域名' : ''}
        </Caption>
        {problems.domains ? <Caption tone="danger">{problems.domains}</Caption> : null}
      </Section>

      <ServiceContentEditor
        key={`content-${formRevision}`}
        form={form}
        filed={base.website.serviceContent}
        context={context}
        editMany={editMany}
        lockedReason={lockFor('serviceContent') && lockFor('preApprovals')}
        reviewerReason={targets.reasonFor('serviceContent') ?? targets.reasonFor('preApprovals')}
        serverProblems={problems}
      />

      <Section title="网站负责人">
        {personal ? (
          <Notice>
            <Text>{PERSONAL_PRINCIPAL_LOCKED}</Text>
          </Notice>
        ) : (
          <View>
            <Checkbox checked={form.principalSameAsEntity} label="同主体负责人" disabled={Boolean(lockFor('principalSameAsEntity'))} onChange={setSameAsEntity} />
            <Caption>
              {form.principalSameAsEntity ? '已勾选：网站负责人即主体负责人，修改下方信息会同时修改主体负责人信息。' : '未勾选：下方只修改本网站的负责人，主体负责人信息不变。'}
            </Caption>
          </View>
        )}
        {renderPrincipal(personal ? 'websitePrincipal' : principalRole)}
      </Section>

      {leaveError ? (
        <Caption tone="danger" role="alert" className="wz-step__error">
          {leaveError}
        </Caption>
      ) : null}
      <Actions>
        <Button block loading={saving} disabled={saving} onClick={() => void next()}>
          保存并下一步，上传资料
        </Button>
      </Actions>
    </View>
  );
}
