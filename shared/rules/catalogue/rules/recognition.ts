// Photo ⇄ form rules: what OCR read from the uploaded ID cards and 核验单 (outside facts, keyed by slot) must agree with
// what was typed and filed. The comparison itself is shared/rules/recognition.ts; an unreadable photo claims nothing.
import { ocrDocumentOf } from '../../../domain/recognition';
import { parseMaterialSlot } from '../../../domain/materialSlot';
import { slotLabel } from '../../labels';
import { recognitionMismatches } from '../../recognition';
import type { RecognitionMismatch } from '../../../domain/recognition';
import type { Reporter, Rule, RuleContext } from '../types';

/** Mismatches about a filed value (the entity's name, its certificate) are fixed by another photo, so they sit on the slot. */
const FILED_VALUES = new Set(['entityName', 'certificateNumber']);

const hasReadableMaterial = (ctx: RuleContext) => Object.values(ctx.materials).some((m) => ocrDocumentOf(m.kind) !== null);

/** Every mismatch of `severity` over the read slots, each on its form field (or on the slot for a filed value). */
function reportMismatches(ctx: RuleContext, out: Reporter, severity: RecognitionMismatch['severity']): void {
  for (const [slot, fact] of Object.entries(ctx.facts.recognitions ?? {})) {
    const parsed = parseMaterialSlot(slot);
    if (!parsed || !ctx.materials[slot] || fact.status !== 'done' || !fact.recognition) continue;
    for (const m of recognitionMismatches({ subject: parsed.subject, recognition: fact.recognition, form: ctx.form, base: ctx.base })) {
      if (m.severity === severity) out.problem(FILED_VALUES.has(m.field) ? slot : m.field, m.message);
    }
  }
}

export const RECOGNITION_RULES: readonly Rule[] = [
  {
    id: 'material_matches_form',
    severity: 'fail',
    group: 'materials_match',
    scope: 'submission',
    needs: ['recognitions'],
    fields: ['websitePrincipal.idNumber', 'websitePrincipal.name', 'entityPrincipal.idNumber', 'entityPrincipal.name', 'name', 'website.verification_form'],
    title: '身份证、核验单照片上的信息与填写的一致',
    why: 'Issue 17: an ID photo of someone other than the typed principal, or a 核验单 naming another website or entity, is refused by the reviewer a day later; OCR catches it at upload (docs/ocr.md).',
    appliesTo: hasReadableMaterial,
    check: (ctx, out) => reportMismatches(ctx, out, 'fail'),
  },
  {
    id: 'material_validity_matches',
    severity: 'warn',
    group: 'materials_match',
    scope: 'submission',
    needs: ['recognitions'],
    fields: ['websitePrincipal.idValidUntil', 'entityPrincipal.idValidUntil'],
    title: '证件有效期与身份证背面一致',
    why: 'Issue 17: a validity typed differently from the card is most likely a typo; reviewers compare it with the 国徽面.',
    appliesTo: hasReadableMaterial,
    check: (ctx, out) => reportMismatches(ctx, out, 'warn'),
  },
  {
    id: 'material_text_readable',
    severity: 'warn',
    group: 'materials_match',
    scope: 'submission',
    needs: ['recognitions'],
    fields: ['*.id_front', '*.id_back', 'website.verification_form'],
    title: '证件照片上的文字可以识别',
    why: 'Issue 17: a photo whose text cannot be read is not compared (no mismatch is claimed); a reviewer may not read it either, so a clearer photo is suggested.',
    appliesTo: hasReadableMaterial,
    check(ctx, out) {
      for (const [slot, fact] of Object.entries(ctx.facts.recognitions ?? {})) {
        if (!ctx.materials[slot]) continue;
        const label = slotLabel(slot);
        if (fact.status === 'pending') out.unknown(`${label}正在识别文字，请稍后重新检查`);
        else if (fact.status === 'failed' || fact.recognition?.status !== 'read') {
          out.problem(slot, `${label}上的文字无法识别，未能与填写的信息核对；建议在光线充足处重新拍摄清晰、无反光、四角完整的照片`);
        }
      }
    },
  },
];
