// The terms page shows the documents and the one version constant the BFF records with an applicant's agreement; a
// link naming one document shows that one, and every document the agreement line names exists.
import { render, screen } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { AGREEMENT_TEXT, TERMS_DOCUMENTS, TERMS_VERSION, termsDocumentNamed } from '../../../shared/data/terms';
import { PRIVACY_COLLECTIONS } from '../../../shared/data/privacy';
import TermsPage from './index';

it('shows every document of the terms and the version the agreement is recorded with', () => {
  render(<TermsPage />);
  for (const doc of TERMS_DOCUMENTS) expect(screen.getByText(doc.title)).toBeTruthy();
  expect(screen.getByText(`版本：${TERMS_VERSION}`)).toBeTruthy();
});

it('every 《document》 of the agreement line is a document of the terms page', () => {
  const named = AGREEMENT_TEXT.match(/《[^》]+》/g) ?? [];
  expect(named).toEqual(['《相关条款》', '《腾讯云隐私声明》', '《互联网信息服务备案承诺书》']);
  for (const name of named) expect(termsDocumentNamed(name)).toBeDefined();
});

it.each(TERMS_DOCUMENTS.map((doc) => [doc.id, doc] as const))('?doc=%s shows that document alone, named in the title bar', (_id, doc) => {
  taroMock.setRouterParams({ doc: doc.id });
  render(<TermsPage />);
  expect(screen.getByText(doc.title)).toBeTruthy();
  for (const other of TERMS_DOCUMENTS.filter((d) => d.id !== doc.id)) expect(screen.queryByText(other.title)).toBeNull();
  expect(screen.getByText(`版本：${TERMS_VERSION}`)).toBeTruthy();
  expect(taroMock.calls('setNavigationBarTitle')).toEqual([expect.objectContaining({ title: doc.name })]);
});

it('the privacy guideline names everything the app collects and why', () => {
  taroMock.setRouterParams({ doc: 'privacy-guide' });
  render(<TermsPage />);
  for (const c of PRIVACY_COLLECTIONS) expect(screen.getByText(`${c.item}：${c.source}，用于${c.purpose}。`)).toBeTruthy();
});
