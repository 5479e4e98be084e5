// 备案信息: one filed website and its entity as the review system holds them, read-only, with personal data masked
// (names, ID and certificate numbers, mobiles), the website's latest change, and the same 变更网站 action as the
// overview's card (components/website/websiteAction.tsx).
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { FiledWebsite, Principal } from '../../../../shared/domain/filing';
import { beijingDate } from '../../../../shared/rules/dates';
import { CERTIFICATE_TYPE_LABELS, ENTITY_KIND_LABELS, ID_TYPE_LABELS } from '../../../../shared/rules/labels';
import { provinceName } from '../../../../shared/rules/provinces';
// maskMobile lives beside the zod mobile schema: fine here, the subpackage carries zod anyway.
import { maskMobile } from '../../../../shared/validators/contact';
import { maskName, maskResidentId } from '../../../../shared/validators/masking';
import { BackButton } from '../../../components/ui/BackButton';
import { Card, InfoRow } from '../../../components/ui/Card';
import { ErrorState, Loading } from '../../../components/ui/States';
import { StatusChip } from '../../../components/ui/Tag';
import { useStartChange, websiteAction, WebsiteActionButton } from '../../../components/website/websiteAction';
import { api, type ChangeSummary, type Filing } from '../../../services/api';
import { userMessage } from '../../../services/errors';
import { progressUrl, wizardUrl } from '../../../pageUrls';
import './record.scss';

type LoadState = { kind: 'loading' } | { kind: 'error'; title: string; message: string; retry: boolean } | { kind: 'ready'; filing: Filing; website: FiledWebsite; changes: ChangeSummary[] };

/** A principal's rows: masked name, then the ID document with its masked number and the masked mobile (short labels
 * that fit one line: they follow the row naming whose they are). */
function PrincipalRows({ role, principal }: { role: string; principal: Principal }) {
  return (
    <>
      <InfoRow label={role}>
        <Text>{maskName(principal.name)}</Text>
      </InfoRow>
      <InfoRow label="负责人证件">
        <Text>{`${ID_TYPE_LABELS[principal.idType]} ${maskResidentId(principal.idNumber)}`}</Text>
      </InfoRow>
      <InfoRow label="负责人手机">
        <Text>{maskMobile(principal.mobile)}</Text>
      </InfoRow>
    </>
  );
}

function Lines({ items, empty = '无' }: { items: string[]; empty?: string }) {
  if (items.length === 0) return <Text>{empty}</Text>;
  return (
    <>
      {items.map((item) => (
        <Text key={item} className="record-line">
          {item}
        </Text>
      ))}
    </>
  );
}

function EntityCard({ filing }: { filing: Filing }) {
  const { entity } = filing;
  return (
    <Card title="主办者信息" extra={<StatusChip label={`${ENTITY_KIND_LABELS[entity.kind]}备案`} tone="neutral" />}>
      <InfoRow label="主办者名称">
        <Text>{entity.kind === 'personal' ? maskName(entity.name) : entity.name}</Text>
      </InfoRow>
      <InfoRow label="证件类型">
        <Text>{CERTIFICATE_TYPE_LABELS[entity.certificateType]}</Text>
      </InfoRow>
      <InfoRow label="证件号码">
        <Text>{maskResidentId(entity.certificateNumber)}</Text>
      </InfoRow>
      <InfoRow label="主体备案号">
        <Text>{entity.entityFilingNumber}</Text>
      </InfoRow>
      <InfoRow label="所在省份">
        <Text>{provinceName(entity.province)}</Text>
      </InfoRow>
      <InfoRow label="通信地址">
        <Text>{entity.address}</Text>
      </InfoRow>
      <PrincipalRows role="主体负责人" principal={entity.principal} />
    </Card>
  );
}

function WebsiteCard({ website }: { website: FiledWebsite }) {
  const approvals = new Map((website.preApprovals ?? []).map((a) => [a.content, a.number]));
  const { access } = website;
  return (
    <Card
      title="网站信息"
      extra={<StatusChip label={website.status === 'change_in_review' ? '变更审核中' : '已备案'} tone={website.status === 'change_in_review' ? 'primary' : 'success'} />}
    >
      <InfoRow label="网站名称">
        <Text>{website.name}</Text>
      </InfoRow>
      <InfoRow label="网站备案号">
        <Text>{website.websiteFilingNumber}</Text>
      </InfoRow>
      <InfoRow label="网站域名">
        <Lines items={website.domains} />
      </InfoRow>
      <InfoRow label="首页地址">
        <Text className="record-wrap">{website.homepageUrl}</Text>
      </InfoRow>
      <InfoRow label="服务内容">
        <Lines items={website.serviceContent.map((c) => (approvals.has(c) ? `${c}（前置审批：${approvals.get(c)}）` : c))} />
      </InfoRow>
      {website.principalSameAsEntity ? (
        <InfoRow label="网站负责人">
          <Text>{`${maskName(website.principal.name)}（同主体负责人）`}</Text>
        </InfoRow>
      ) : (
        <PrincipalRows role="网站负责人" principal={website.principal} />
      )}
      {access.provider && (
        <InfoRow label="接入服务商">
          <Text>{access.region ? `${access.provider}（${access.region}）` : access.provider}</Text>
        </InfoRow>
      )}
      {access.ips.length > 0 && (
        <InfoRow label="网站 IP">
          <Lines items={access.ips} />
        </InfoRow>
      )}
      <InfoRow label="备注">
        <Text>{website.notes.trim() || '无'}</Text>
      </InfoRow>
    </Card>
  );
}

/** 最近一次变更: the website's newest change (open or finished); tapping it opens where it can be read or continued. */
function LatestChange({ change }: { change: ChangeSummary | undefined }) {
  if (!change) return null;
  const url = change.status === 'draft' ? wizardUrl(change.id) : progressUrl(change.id);
  return (
    <Card title="最近一次变更">
      <View className="record-latest" role="button" onClick={() => void Taro.navigateTo({ url })}>
        <Text className="record-latest__date">{beijingDate(change.updatedAt)}</Text>
        <StatusChip status={change.status} />
        <Text className="record-latest__open">{change.status === 'draft' ? '继续填写' : '查看'}</Text>
      </View>
    </Card>
  );
}

function RecordActions({ filing, website, changes, onStale }: { filing: Filing; website: FiledWebsite; changes: ChangeSummary[]; onStale: () => void }) {
  const action = websiteAction(filing, website, changes);
  const { creating, startChange } = useStartChange(filing, website, onStale);
  return (
    <View className="record-actions">
      <WebsiteActionButton action={action} creating={creating} onStart={() => void startChange()} />
      {action.kind === 'create' && action.blockedReason && <Text className="record-note record-note--warn">{action.blockedReason}</Text>}
      {action.kind === 'in_review_elsewhere' && <Text className="record-note">该网站有一项变更正在审核中，审核结束后才能再次变更。</Text>}
    </View>
  );
}

export default function RecordPage() {
  const { params } = useRouter();
  const filingId = params.filingId ?? '';
  const websiteId = params.websiteId ?? '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      const [filings, changes] = await Promise.all([api.listFilings(), api.listChanges()]);
      const filing = filings.find((f) => f.id === filingId);
      const website = filing?.websites.find((w) => w.id === websiteId);
      if (!filing || !website) {
        setState({ kind: 'error', title: '找不到该网站的备案信息', message: '该网站可能已注销备案或不属于当前账号，请返回总览重新选择。', retry: false });
        return;
      }
      setState({ kind: 'ready', filing, website, changes });
    } catch (err) {
      setState({ kind: 'error', title: '备案信息加载失败', message: userMessage(err), retry: true });
    }
  }, [filingId, websiteId]);

  // Also on returning from the wizard or the progress page: the latest change may have moved.
  useDidShow(() => {
    void load();
  });

  const latest =
    state.kind === 'ready' ? state.changes.filter((c) => c.filingId === filingId && c.websiteId === websiteId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] : undefined;

  return (
    <View className="page record">
      <BackButton />
      <Text className="page-title">备案信息</Text>
      <Text className="page-subtitle">以下为管局已备案的信息，仅供查看；如需修改请点击“变更网站”。证件号码、手机号码已部分隐藏。</Text>
      {state.kind === 'loading' && <Loading cards={2} label="正在加载备案信息" />}
      {state.kind === 'error' && <ErrorState title={state.title} message={state.message} onRetry={state.retry ? () => void load() : undefined} />}
      {state.kind === 'ready' && (
        <>
          <EntityCard filing={state.filing} />
          <WebsiteCard website={state.website} />
          <LatestChange change={latest} />
          <RecordActions filing={state.filing} website={state.website} changes={state.changes} onStale={() => void load()} />
        </>
      )}
    </View>
  );
}
