// Phones a change must verify by SMS code.
import { phonesNeedingVerification, unverifiedPhones } from './phones';
import { buildBase, buildDraft, editForm } from './testFixtures';
import { filedForm, syncSamePrincipal } from './principals';

const base = buildBase();

describe('phones needing SMS verification', () => {
  it('none when the phones are unchanged', () => {
    expect(phonesNeedingVerification(base, filedForm(base))).toEqual([]);
  });

  it('a new or changed phone, as 11 digits', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '+86 137-0013-7000' } });
    expect(phonesNeedingVerification(base, form)).toEqual(['13700137000']);
  });

  it('a phone already on file needs no new code, and a malformed one is left to the form errors', () => {
    const moved = syncSamePrincipal(editForm(base, { principalSameAsEntity: true }));
    expect(phonesNeedingVerification(base, moved)).toEqual([]);
    expect(phonesNeedingVerification(base, editForm(base, { websitePrincipal: { mobile: '1370013' } }))).toEqual([]);
  });

  it('unverifiedPhones drops those verified for this change', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '13700137000' } });
    expect(unverifiedPhones(buildDraft({ base, form }))).toEqual(['13700137000']);
    expect(unverifiedPhones(buildDraft({ base, form, verifiedPhones: ['13700137000'] }))).toEqual([]);
  });
});
