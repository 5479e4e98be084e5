// Approval at the end of authority review: the filing takes the submission's values, its revision goes up by one, and
// the website is filed again (with the new materials on file).
import { domainToUnicode } from 'node:url';
import type { MaterialOnFile } from '../../shared/domain/filing';
import type { StoredSubmission } from '../store';
import type { StageDesk } from './stage';

/** Call inside `desk.update`. */
export function approve(desk: StageDesk, submission: StoredSubmission): void {
  desk.emit(submission, 'authority_approved', {});
  submission.miitCheck = null;
  const { filing, website } = desk.websiteOf(submission);
  const { form } = submission;
  const personal = filing.entity.kind === 'personal';
  const entityPrincipal = personal || form.principalSameAsEntity ? form.websitePrincipal : form.entityPrincipal;
  website.name = form.name;
  // filings keep domains in Unicode form, whichever form the submission used
  website.domains = form.domains.map((d) => domainToUnicode(d.toLowerCase()) || d.toLowerCase());
  website.homepageUrl = form.homepageUrl;
  website.serviceContent = form.serviceContent;
  website.notes = form.notes;
  website.principalSameAsEntity = personal || form.principalSameAsEntity;
  website.principal = form.websitePrincipal;
  filing.entity.principal = entityPrincipal;
  // websites that share the entity principal follow it
  for (const other of filing.websites) if (other.principalSameAsEntity) other.principal = entityPrincipal;
  const uploadedAt = desk.now().toISOString();
  for (const material of submission.materials) {
    const replacement: MaterialOnFile = {
      id: `mat-${material.imageId}`,
      kind: material.kind as MaterialOnFile['kind'],
      subject: material.subject as MaterialOnFile['subject'],
      imageUrl: `/files/${material.imageId}.jpg`,
      uploadedAt,
    };
    const index = website.materials.findIndex((m) => m.kind === replacement.kind && m.subject === replacement.subject);
    if (index >= 0) website.materials[index] = replacement;
    else website.materials.push(replacement);
  }
  website.status = 'filed';
  filing.revision += 1;
}
