// Material rules: every material the change requires is uploaded (shared/rules/materials.ts decides which), and each
// uploaded photo is legible (decodable, long edge ≥ 1200 px).
import { materialSlotLabel, slotLabel } from '../../labels';
import { requiredMaterials } from '../../materials';
import type { Rule } from '../types';

/** Long edge a document photo needs to be legible (what the upload pipeline delivers for documents). */
export const MIN_DOCUMENT_LONG_EDGE = 1200;

export const MATERIAL_RULES: readonly Rule[] = [
  {
    id: 'materials_provided',
    severity: 'fail',
    group: 'materials_provided',
    scope: 'submission',
    needs: [],
    fields: ['website_principal.id_front', 'website_principal.id_back', 'entity_principal.*', 'website.verification_form', 'website.pre_approval', 'website.change_letter'],
    title: '本次变更需要的资料均已上传',
    why: 'DOMAIN.md "Materials": a changed principal\'s ID photos, the re-signed 核验单, pre-approval documents, province extras; after a rejection the flagged ones again.',
    check(ctx, out) {
      const draft = { base: ctx.base, form: ctx.form, materials: ctx.materials, rejection: ctx.rejection };
      for (const m of requiredMaterials(draft, ctx.today)) {
        if (!m.provided) out.problem(m.slot, `还需上传${materialSlotLabel(m.subject, m.kind)}：${m.reason}`);
      }
    },
  },
  {
    id: 'material_legible',
    severity: 'fail',
    group: 'materials_provided',
    scope: 'submission',
    needs: ['materialImages'],
    fields: ['*'],
    title: '上传的照片清晰完整、尺寸足够',
    why: 'DOMAIN.md "Materials and photos": JPEG, long edge ≥ 1200 px for documents; reviewers refuse what they cannot read.',
    check(ctx, out) {
      for (const slot of Object.keys(ctx.materials)) {
        const image = ctx.facts.materialImages?.[slot];
        if (image === undefined) continue;
        const label = slotLabel(slot);
        if (image === null) out.problem(slot, `${label}图片无法识别，请重新拍摄清晰、完整的彩色照片（JPEG格式）后上传`);
        else if (Math.max(image.width, image.height) < MIN_DOCUMENT_LONG_EDGE) {
          out.problem(slot, `${label}图片过小（${image.width}×${image.height}），长边需不少于${MIN_DOCUMENT_LONG_EDGE}像素，请重新拍摄清晰、四角完整的照片后上传`);
        }
      }
    },
  },
];
