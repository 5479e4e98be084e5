// The change state machine: every move it allows and refuses, checked over arbitrary event sequences.
import fc from 'fast-check';
import { canTransition, EDITABLE_STATUSES, IllegalTransitionError, IN_REVIEW_STATUSES, STATUS_LABELS, FINAL_STATUSES, transition, type ChangeEvent, type ChangeStatus } from './status';
import { changeEvent, changeStatus } from './statusSchema';

const statuses = changeStatus.options;
const events = changeEvent.options;
const anyStatus = fc.constantFrom(...statuses);
const anyEvent = fc.constantFrom(...events);

/** Apply events from `draft`, skipping illegal ones (as the BFF refuses them), recording every state visited. */
function run(sequence: readonly ChangeEvent[]): ChangeStatus[] {
  const visited: ChangeStatus[] = ['draft'];
  let state: ChangeStatus = 'draft';
  for (const event of sequence) {
    if (canTransition(state, event)) {
      state = transition(state, event);
      visited.push(state);
    }
  }
  return visited;
}

describe('change state machine', () => {
  it('follows the happy path draft → approved', () => {
    const path: ChangeEvent[] = ['submit', 'relayed', 'initial_passed', 'authority_started', 'authority_approved'];
    expect(run(path)).toEqual(['draft', 'submitted', 'initial_review', 'authority_pending', 'authority_review', 'approved']);
  });

  it('a rejected change goes back to draft and is submitted again', () => {
    expect(run(['submit', 'relayed', 'initial_rejected', 'edit', 'submit'])).toEqual(['draft', 'submitted', 'initial_review', 'initial_rejected', 'draft', 'submitted']);
    expect(transition('authority_rejected', 'edit')).toBe('draft');
  });

  it('withdrawal is possible only before initial review finishes', () => {
    const withdrawable = statuses.filter((s) => canTransition(s, 'withdraw'));
    expect(withdrawable.sort()).toEqual(['initial_review', 'submitted']);
  });

  it('nothing can be edited while the authority reviews', () => {
    for (const s of ['authority_pending', 'authority_review'] as const) {
      expect(EDITABLE_STATUSES).not.toContain(s);
      expect(canTransition(s, 'edit')).toBe(false);
      expect(canTransition(s, 'withdraw')).toBe(false);
    }
  });

  it('only an untouched draft or rejection expires', () => {
    expect(statuses.filter((s) => canTransition(s, 'expire')).sort()).toEqual(['authority_rejected', 'draft', 'initial_rejected']);
  });

  it('every status is reachable from draft and has a Chinese label', () => {
    const reached = new Set<ChangeStatus>(['draft']);
    let frontier: ChangeStatus[] = ['draft'];
    while (frontier.length > 0) {
      frontier = frontier.flatMap((s) => events.filter((e) => canTransition(s, e)).map((e) => transition(s, e))).filter((s) => !reached.has(s));
      frontier.forEach((s) => reached.add(s));
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
    for (const s of statuses) expect(STATUS_LABELS[s]).toMatch(/\p{Script=Han}/u);
  });

  it('property: no sequence of events reaches a status outside changeStatus', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (sequence) => {
        for (const s of run(sequence)) expect(changeStatus.safeParse(s).success).toBe(true);
      }),
    );
  });

  it('property: terminal statuses accept no event', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), anyEvent, (s, e) => {
        expect(canTransition(s, e)).toBe(false);
        expect(() => transition(s, e)).toThrow(IllegalTransitionError);
      }),
    );
  });

  it('property: transition throws exactly when canTransition is false', () => {
    fc.assert(
      fc.property(anyStatus, anyEvent, (s, e) => {
        if (canTransition(s, e)) {
          expect(changeStatus.safeParse(transition(s, e)).success).toBe(true);
        } else {
          expect(() => transition(s, e)).toThrow(new IllegalTransitionError(s, e).message);
        }
      }),
    );
  });

  it('property: editing only ever happens from draft, and every way back to editing lands in draft', () => {
    expect(EDITABLE_STATUSES).toEqual(['draft']);
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (sequence) => {
        let state: ChangeStatus = 'draft';
        for (const event of sequence) {
          if (!canTransition(state, event)) continue;
          const next = transition(state, event);
          if (event === 'edit') expect(next).toBe('draft');
          // A change under review is never editable, and leaving review never skips straight to editing.
          if (IN_REVIEW_STATUSES.includes(state)) expect(EDITABLE_STATUSES).not.toContain(next);
          state = next;
        }
      }),
    );
  });
});
