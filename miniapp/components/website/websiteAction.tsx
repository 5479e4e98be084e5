// What a filed website offers (变更网站, 继续填写, 查看进度 or nothing while another change is in review) and the button
// that does it: one place for the overview's website card and the read-only record page (备案信息).
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { FiledWebsite } from '../../../shared/domain/filing';
import { FINAL_STATUSES, IN_REVIEW_STATUSES } from '../../../shared/domain/status';
import { Button } from '../ui/Button';
import { api, ApiRequestError, type ChangeSummary, type Filing } from '../../services/api';
import { userMessage } from '../../services/errors';
import { progressUrl, wizardUrl } from '../../pageUrls';

/** What a website card offers, decided from the website and the applicant's changes. */
export type WebsiteAction =
  { kind: 'create'; blockedReason: string | null } | { kind: 'continue'; change: ChangeSummary } | { kind: 'progress'; change: ChangeSummary } | { kind: 'in_review_elsewhere' };

/** The change still open for a website (newest first), ignoring finished ones. */
function openChangeOf(changes: ChangeSummary[], filingId: string, websiteId: string): ChangeSummary | undefined {
  return changes.filter((c) => c.filingId === filingId && c.websiteId === websiteId && !FINAL_STATUSES.includes(c.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

export function websiteAction(filing: Filing, website: FiledWebsite, changes: ChangeSummary[]): WebsiteAction {
  const open = openChangeOf(changes, filing.id, website.id);
  if (open?.status === 'draft') return { kind: 'continue', change: open };
  if (open) return { kind: 'progress', change: open };
  if (website.status === 'change_in_review') return { kind: 'in_review_elsewhere' };
  // One entity, one change in review at a time (the review system refuses a second one).
  const busy = changes.find((c) => c.filingId === filing.id && c.websiteId !== website.id && IN_REVIEW_STATUSES.includes(c.status));
  return { kind: 'create', blockedReason: busy ? `“${busy.websiteName}”的变更正在审核中，审核结束后才能变更其他网站` : null };
}

/**
 * Starts (or reopens: the BFF answers the open draft) a change of the website and opens the wizard, at `focus` when
 * given. A refusal is explained; a 409 means the list is out of date, so `onStale` refreshes it.
 */
export function useStartChange(filing: Filing, website: FiledWebsite, onStale: () => void) {
  const [creating, setCreating] = useState(false);
  // A promise chain, not an async function: this module is in the main package, where each async function compiles to
  // a state machine of about half a kilobyte (the budget is 400 KB).
  const startChange = (focus?: string): Promise<void> => {
    setCreating(true);
    return api
      .createChange({ filingId: filing.id, websiteId: website.id })
      .then(({ draft }) => Taro.navigateTo({ url: focus ? wizardUrl(draft.id, { step: 'website', focus }) : wizardUrl(draft.id, { step: draft.step }) }))
      .then(
        () => undefined,
        (err: unknown) => {
          if (!(err instanceof ApiRequestError)) return void Taro.showToast({ title: userMessage(err), icon: 'none' });
          return Taro.showModal({ title: '暂时不能变更', content: err.message, showCancel: false, confirmText: '知道了' }).then(() => {
            // The refusal usually means the list is out of date (another device started a change): refresh it.
            if (err.status === 409) onStale();
          });
        },
      )
      .finally(() => setCreating(false));
  };
  return { creating, startChange };
}

/** The card's main action for its website: 继续填写, 查看进度 or 变更网站 (disabled with a reason shown by the caller). */
export function WebsiteActionButton({ action, creating, onStart }: { action: WebsiteAction; creating: boolean; onStart: () => void }) {
  switch (action.kind) {
    case 'continue':
      return (
        <Button block onClick={() => void Taro.navigateTo({ url: wizardUrl(action.change.id) })}>
          继续填写
        </Button>
      );
    case 'progress':
      return (
        <Button block variant="secondary" onClick={() => void Taro.navigateTo({ url: progressUrl(action.change.id) })}>
          查看进度
        </Button>
      );
    case 'in_review_elsewhere':
      return null;
    case 'create':
      return (
        <Button block variant="secondary" disabled={!!action.blockedReason} loading={creating} onClick={onStart}>
          变更网站
        </Button>
      );
  }
}
