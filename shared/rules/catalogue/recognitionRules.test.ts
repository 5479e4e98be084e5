// The photo ⇄ form rules over the `recognitions` facts: a confident read that differs fails (number, name) or warns
// (validity) on its field; an unreadable photo claims nothing but asks for a clearer one; a pending read is undecided;
// without the facts (the sandbox's reviewer) the rules decide nothing.
import type { Recognition } from '../../domain/recognition';
import { buildBase, buildDraft, buildResidentId, editForm, TODAY, uploaded } from '../testFixtures';
import { contextOf, evaluate, type RecognitionFact, type RuleFacts } from './index';

const base = buildBase({ province: '湘' });
const RULES = new Set(['material_matches_form', 'material_validity_matches', 'material_text_readable']);
const OTHER_ID = buildResidentId({ region: '330106', birth: '19900101', sequence: '057' });

const read = (document: Recognition['document'], fields: Recognition['fields']): RecognitionFact => ({
  status: 'done',
  recognition: { document, status: 'read', fields, confidence: Object.fromEntries(Object.keys(fields).map((k) => [k, 0.99])) },
});

function evaluateWith(recognitions: RuleFacts['recognitions']) {
  const form = editForm(base);
  const draft = buildDraft({
    base,
    form,
    materials: { 'website_principal.id_front': uploaded('id_front', 'website_principal'), 'website_principal.id_back': uploaded('id_back', 'website_principal') },
  });
  const evaluation = evaluate(contextOf(draft, TODAY, recognitions ? { recognitions } : {}));
  return {
    form,
    findings: evaluation.findings.filter((f) => RULES.has(f.ruleId)).map((f) => [f.ruleId, f.severity, f.path]),
    unknowns: evaluation.unknowns.filter((u) => RULES.has(u.ruleId)).map((u) => u.message),
  };
}

test('another person’s ID front: fail on the number and the name; the back’s other validity: warn', () => {
  const { findings } = evaluateWith({
    'website_principal.id_front': read('id_front', { name: '王小明', idNumber: OTHER_ID }),
    'website_principal.id_back': read('id_back', { validFrom: '2016-03-07', validUntil: '2036-03-07' }),
  });
  expect(findings).toEqual([
    ['material_matches_form', 'fail', 'websitePrincipal.idNumber'],
    ['material_matches_form', 'fail', 'websitePrincipal.name'],
    ['material_validity_matches', 'warn', 'websitePrincipal.idValidUntil'],
  ]);
});

test('the photo agrees with the form: nothing', () => {
  const { form } = evaluateWith({});
  const p = form.websitePrincipal;
  expect(evaluateWith({ 'website_principal.id_front': read('id_front', { name: p.name, idNumber: p.idNumber }) }).findings).toEqual([]);
});

test('an unreadable photo claims no mismatch, only a warning asking for a clearer photo; a pending one is undecided', () => {
  const unreadable: RecognitionFact = { status: 'failed', recognition: { document: 'id_front', status: 'unreadable', fields: {}, confidence: {} } };
  const { findings, unknowns } = evaluateWith({ 'website_principal.id_front': unreadable, 'website_principal.id_back': { status: 'pending' } });
  expect(findings).toEqual([['material_text_readable', 'warn', 'website_principal.id_front']]);
  expect(unknowns).toEqual(['网站负责人证件反面照片正在识别文字，请稍后重新检查']);
});

test('without recognition facts (the sandbox reviewer) the rules find nothing and only say what to check', () => {
  const { findings, unknowns } = evaluateWith(undefined);
  expect(findings).toEqual([]);
  expect(unknowns.length).toBeGreaterThan(0);
});
