// Step 1's blockers: what the checks already know blocks this change (an expiring domain, a non-fileable one, the
// footer, an expiring ID), up front with their actions, before the applicant edits anything.
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Blocker } from '../../../shared/contracts/api';
import { api } from '../../services/api';
import { BlockerList } from '../../components/blockers/BlockerList';
import { fieldAnchorId } from './FormField';

export interface StepBlockersProps {
  changeId: string;
  /** Changes when what the blockers depend on was saved (domains, homepage, ID validity): check again. */
  factsKey: string;
}

/** The anchor to scroll to for a field a blocker is solved in (a domain line lives in the domains section). */
function anchorOf(field: string): string {
  return field.startsWith('domains') ? 'wz-domains' : fieldAnchorId(field);
}

export function StepBlockers({ changeId, factsKey }: StepBlockersProps) {
  const [blockers, setBlockers] = useState<Blocker[]>([]);
  const [rechecking, setRechecking] = useState(false);

  const load = useCallback(async () => {
    try {
      setBlockers((await api.getChecks(changeId)).blockers);
    } catch {
      // The checklist on the confirm step says it again; a failed early look is not worth an error here.
    }
  }, [changeId]);

  useEffect(() => {
    void load();
  }, [load, factsKey]);

  const recheck = async () => {
    setRechecking(true);
    await load();
    setRechecking(false);
  };

  const goTo = (field: string) => {
    void Taro.pageScrollTo({ selector: `#${anchorOf(field)}`, duration: 200 })?.catch?.(() => undefined);
  };

  return <BlockerList blockers={blockers} rechecking={rechecking} onRecheck={() => void recheck()} onGoTo={goTo} />;
}
