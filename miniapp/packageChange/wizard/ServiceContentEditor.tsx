// Step 1's 网站服务内容: the categories as chips; choosing one that needs a 前置审批 (新闻、出版、教育 …) asks for the
// approval's number here and its photo on the materials step.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PreApproval } from '../../../shared/domain/filing';
import { preApprovalOf, SERVICE_CONTENT_CATEGORIES } from '../../../shared/data/serviceContent';
import type { WebsiteForm } from '../../../shared/domain/change';
import type { FormEdits } from './fields';
import { Caption, Field, Notice, Section, Tag, TextInput } from '../../components/ui';
import { validateField, type ValidationContext } from './validation';
import './serviceContent.scss';
import { Phrased } from './Phrased';

export interface ServiceContentEditorProps {
  form: WebsiteForm;
  /** The filed contents (a filed value outside the category list is kept and offered too). */
  filed: readonly string[];
  context: ValidationContext;
  editMany: (edits: FormEdits) => void;
  lockedReason?: string;
  reviewerReason?: string;
  /** What the server reported for the saved values. */
  serverProblems: Record<string, string>;
}

export function ServiceContentEditor({ form, filed, context, editMany, lockedReason, reviewerReason, serverProblems }: ServiceContentEditorProps) {
  const selected = form.serviceContent;
  const approvals = form.preApprovals ?? [];
  // Numbers as typed, so an input keeps its text while the list is rebuilt around it.
  const [numbers, setNumbers] = useState<Record<string, string>>(() => Object.fromEntries(approvals.map((a) => [a.content, a.number])));
  const names = [...new Set([...SERVICE_CONTENT_CATEGORIES.map((c) => c.name), ...filed, ...selected])];
  const needing = selected.filter((c) => preApprovalOf(c) !== null);

  const approvalsFor = (contents: string[], typed: Record<string, string>): PreApproval[] =>
    contents.filter((c) => preApprovalOf(c) !== null).map((content) => ({ content, number: typed[content] ?? '' }));

  const toggle = (name: string) => {
    if (lockedReason) return;
    const next = selected.includes(name) ? selected.filter((c) => c !== name) : [...selected, name];
    editMany({ serviceContent: next, preApprovals: approvalsFor(next, numbers) });
  };

  const setNumber = (content: string, number: string) => {
    const typed = { ...numbers, [content]: number };
    setNumbers(typed);
    editMany({ preApprovals: approvalsFor(selected, typed) });
  };

  const contentVerdict = validateField('serviceContent', form, context);
  const approvalVerdict = validateField('preApprovals', form, context);

  return (
    <Section title="网站服务内容" id="wz-serviceContent">
      {reviewerReason ? (
        <Notice tone="warning" compact>
          审核意见：{reviewerReason}
        </Notice>
      ) : null}
      <View className="wz-content" role="group" aria-label="网站服务内容">
        {names.map((name) => {
          const on = selected.includes(name);
          const approval = preApprovalOf(name);
          return (
            <View
              key={name}
              className={`wz-content__chip${on ? ' wz-content__chip--on' : ''}${lockedReason ? ' wz-content__chip--locked' : ''}`}
              role="checkbox"
              aria-checked={on}
              aria-label={approval ? `${name}（需前置审批）` : name}
              onClick={() => toggle(name)}
            >
              <Phrased text={name} />
              {approval ? <Text className="wz-content__mark">需审批</Text> : null}
            </View>
          );
        })}
      </View>
      {lockedReason ? <Caption>{lockedReason}</Caption> : <Caption>选择网站提供的内容；标有“需审批”的内容须先取得主管部门的前置审批。</Caption>}
      {(contentVerdict.error ?? serverProblems.serviceContent) ? (
        <Caption tone="danger" role="alert">
          {contentVerdict.error ?? serverProblems.serviceContent}
        </Caption>
      ) : null}
      {needing.map((content) => {
        const approval = preApprovalOf(content);
        const label = `“${content}”前置审批文号`;
        return (
          <Field
            key={content}
            id={`wz-preApproval-${content}`}
            label={label}
            extra={
              <Tag tone="warning" small>
                前置审批
              </Tag>
            }
            hint={`${approval?.authority ?? '主管部门'}核发的《${approval?.document ?? '审批文件'}》上的文号；其照片在下一步“上传资料”中上传`}
          >
            <TextInput
              label={label}
              value={numbers[content] ?? ''}
              placeholder="例如 浙新网备〔2026〕12号"
              maxlength={64}
              disabled={Boolean(lockedReason)}
              onInput={(v) => setNumber(content, v)}
            />
          </Field>
        );
      })}
      {needing.length > 0 && (approvalVerdict.error ?? serverProblems.preApprovals) ? (
        <Caption tone="danger" role="alert">
          {approvalVerdict.error ?? serverProblems.preApprovals}
        </Caption>
      ) : null}
    </Section>
  );
}
