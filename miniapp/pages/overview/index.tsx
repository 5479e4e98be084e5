// 备案信息总览: the applicant's filed entity and websites, with the entry into a website change or its progress.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FiledWebsite } from '../../../shared/domain/filing';
import { FINAL_STATUSES } from '../../../shared/domain/status';
import { beijingDate } from '../../../shared/rules/dates';
// Main-package pages import the kit per component: the barrel would pull the wizard's components into the main package.
import { Button } from '../../components/ui/Button';
import { Card, InfoRow } from '../../components/ui/Card';
import { EmptyState, ErrorState, Loading } from '../../components/ui/States';
import { StatusChip } from '../../components/ui/Tag';
import { api, type Blocker, type ChangeSummary, type Filing } from '../../services/api';
import { useStartChange, websiteAction, WebsiteActionButton } from '../../components/website/websiteAction';
import { BlockerList } from '../../components/blockers/BlockerList';
import { userMessage } from '../../services/errors';
import { ENTITY_KIND_LABELS } from '../../../shared/rules/labels';
import { provinceName } from '../../../shared/rules/provinces';
import { maskName } from '../../../shared/validators/masking';
import './index.scss';
import { loginUrl, notificationSettingsUrl, progressUrl, recordUrl, wizardUrl } from '../../pageUrls';

export { websiteAction, type WebsiteAction } from '../../components/website/websiteAction';

type LoadState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; filings: Filing[]; changes: ChangeSummary[] };

/** The website's finished changes (approved, withdrawn, expired), newest first: its change history. */
export function pastChangesOf(changes: ChangeSummary[], filingId: string, websiteId: string): ChangeSummary[] {
  return changes.filter((c) => c.filingId === filingId && c.websiteId === websiteId && FINAL_STATUSES.includes(c.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** 变更记录: each finished change opens read-only on the progress page with its timeline. */
function ChangeHistory({ past }: { past: ChangeSummary[] }) {
  if (past.length === 0) return null;
  return (
    <View className="overview-history">
      <Text className="overview-history__title">变更记录（{past.length}）</Text>
      {past.map((c) => (
        <View
          key={c.id}
          className="overview-history__row"
          // Named by what it shows (date, status, 查看): a separate label would differ from the visible text.
          role="button"
          onClick={() => void Taro.navigateTo({ url: progressUrl(c.id) })}
        >
          <Text className="overview-history__date">{beijingDate(c.updatedAt)}</Text>
          <StatusChip status={c.status} />
          <Text className="overview-history__open">查看</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * What already blocks a change of this website, asked after the card is on screen (the facts come from the registrar
 * and the live homepage, so they are slower than the filing). A failed look shows nothing: the checklist says it again.
 */
function useWebsiteBlockers(filingId: string, websiteId: string, enabled: boolean) {
  const [blockers, setBlockers] = useState<Blocker[]>([]);
  const [checking, setChecking] = useState(false);
  const check = useCallback(async () => {
    setChecking(true);
    try {
      setBlockers(await api.websiteBlockers(filingId, websiteId));
    } catch {
      setBlockers([]);
    } finally {
      setChecking(false);
    }
  }, [filingId, websiteId]);
  useEffect(() => {
    if (enabled) void check();
  }, [check, enabled]);
  return { blockers: enabled ? blockers : [], checking, check };
}

function WebsiteCard({ filing, website, changes, onChanged }: { filing: Filing; website: FiledWebsite; changes: ChangeSummary[]; onChanged: () => void }) {
  const action = websiteAction(filing, website, changes);
  const { creating, startChange } = useStartChange(filing, website, onChanged);
  // Blockers matter where a change can be started or continued.
  const blockers = useWebsiteBlockers(filing.id, website.id, action.kind === 'create' || action.kind === 'continue');

  const chip = (() => {
    switch (action.kind) {
      case 'continue':
      case 'progress':
        return <StatusChip status={action.change.status} />;
      case 'in_review_elsewhere':
        return <StatusChip label="变更审核中" tone="primary" />;
      case 'create':
        return <StatusChip label="已备案" tone="success" />;
    }
  })();

  const footer = (
    <>
      <WebsiteActionButton action={action} creating={creating} onStart={() => void startChange()} />
      {/* In the card titled with the website's name, like the card's other actions. */}
      <Button block variant="text" onClick={() => void Taro.navigateTo({ url: recordUrl(filing.id, website.id) })}>
        查看备案信息
      </Button>
    </>
  );

  return (
    <Card title={website.name} extra={chip} footer={footer}>
      <InfoRow label="网站备案号">
        <Text>{website.websiteFilingNumber}</Text>
      </InfoRow>
      <InfoRow label="网站域名">
        {website.domains.map((domain) => (
          <Text key={domain} className="overview-domain">
            {domain}
          </Text>
        ))}
      </InfoRow>
      <InfoRow label="网站负责人">
        <Text>{maskName(website.principal.name)}</Text>
      </InfoRow>
      <BlockerList
        blockers={blockers.blockers}
        heading="变更前需先处理"
        rechecking={blockers.checking}
        onRecheck={() => void blockers.check()}
        // The form's own fix (remove the domain, the new ID's validity) is made in the change: open it there.
        onGoTo={(field) => (action.kind === 'continue' ? void Taro.navigateTo({ url: wizardUrl(action.change.id, { step: 'website', focus: field }) }) : void startChange(field))}
      />
      <ChangeHistory past={pastChangesOf(changes, filing.id, website.id)} />
      {action.kind === 'continue' && <Text className="overview-note">草稿已自动保存，可在任意设备继续填写。</Text>}
      {action.kind === 'create' && action.blockedReason && <Text className="overview-note overview-note--warn">{action.blockedReason}</Text>}
      {action.kind === 'in_review_elsewhere' && <Text className="overview-note">该网站有一项变更正在审核中，审核结束后才能再次变更。</Text>}
    </Card>
  );
}

function FilingSection({ filing, changes, onChanged }: { filing: Filing; changes: ChangeSummary[]; onChanged: () => void }) {
  const { entity } = filing;
  return (
    <View className="overview-filing">
      <Card className="overview-entity" title={entity.name} extra={<StatusChip label={`${ENTITY_KIND_LABELS[entity.kind]}备案`} tone="neutral" />}>
        <InfoRow label="主体备案号">
          <Text>{entity.entityFilingNumber}</Text>
        </InfoRow>
        <InfoRow label="所在省份">
          <Text>{provinceName(entity.province)}</Text>
        </InfoRow>
        <InfoRow label="主体负责人">
          <Text>{maskName(entity.principal.name)}</Text>
        </InfoRow>
      </Card>
      <Text className="section-title">已备案网站（{filing.websites.length}）</Text>
      {filing.websites.map((website) => (
        <WebsiteCard key={website.id} filing={filing} website={website} changes={changes} onChanged={onChanged} />
      ))}
    </View>
  );
}

export default function OverviewPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [retrying, setRetrying] = useState(false);
  const hasData = useRef(false);

  /** Filings and changes in parallel: the first screen needs both and nothing else. */
  const load = useCallback(async () => {
    if (!hasData.current) setState({ kind: 'loading' });
    try {
      const [filings, changes] = await Promise.all([api.listFilings(), api.listChanges()]);
      hasData.current = true;
      setState({ kind: 'ready', filings, changes });
    } catch (err) {
      if (hasData.current) {
        // Keep what is on screen; say why it could not be refreshed.
        void Taro.showToast({ title: userMessage(err), icon: 'none', duration: 3000 });
      } else {
        setState({ kind: 'error', message: userMessage(err) });
      }
    }
  }, []);

  // Also on returning from the wizard or the progress page: statuses may have moved.
  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => void Taro.stopPullDownRefresh());
  });

  const retry = async () => {
    setRetrying(true);
    await load();
    setRetrying(false);
  };

  const [loggingOut, setLoggingOut] = useState(false);
  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后，本设备需重新登录才能查看备案信息；已保存的草稿不受影响。', confirmText: '退出登录', cancelText: '取消' });
    if (!confirm) return;
    setLoggingOut(true);
    await api.logout();
    await Taro.reLaunch({ url: loginUrl() });
  };

  return (
    <View className="page overview">
      <Text className="page-title">备案信息总览</Text>
      <Text className="page-subtitle">选择要变更的网站，点击“变更网站”开始办理</Text>
      {state.kind === 'loading' && <Loading cards={3} label="正在加载备案信息" />}
      {state.kind === 'error' && <ErrorState title="备案信息加载失败" message={state.message} retrying={retrying} onRetry={() => void retry()} />}
      {state.kind === 'ready' && state.filings.length === 0 && (
        <EmptyState title="暂无已备案的网站" description="网站变更仅适用于已完成备案的网站。如需首次备案或新增网站，请使用腾讯云网站备案小程序办理。" />
      )}
      {state.kind === 'ready' && state.filings.map((filing) => <FilingSection key={filing.id} filing={filing} changes={state.changes} onChanged={() => void load()} />)}
      <View className="overview-logout">
        <Button variant="text" small onClick={() => void Taro.navigateTo({ url: notificationSettingsUrl() })}>
          通知设置
        </Button>
        <Button variant="text" small loading={loggingOut} onClick={() => void logout()}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
