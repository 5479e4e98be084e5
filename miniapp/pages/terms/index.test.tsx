// The terms page shows the documents and the one version constant the BFF records with an applicant's agreement.
import { render, screen } from '@testing-library/react';
import { TERMS_DOCUMENTS, TERMS_VERSION } from '../../../shared/data/terms';
import TermsPage from './index';

it('shows every document of the terms and the version the agreement is recorded with', () => {
  render(<TermsPage />);
  for (const doc of TERMS_DOCUMENTS) expect(screen.getByText(doc.title)).toBeTruthy();
  expect(screen.getByText(`版本：${TERMS_VERSION}`)).toBeTruthy();
});
