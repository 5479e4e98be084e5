// The documents behind the agreement (and the privacy guideline): one of them when the link named it (`?doc=`), else
// all of them, always with the one version the BFF records with an applicant's agreement.
import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { TERMS_DOCUMENTS, TERMS_VERSION, termsDocument, type TermsDocument } from '../../../shared/data/terms';
import './index.scss';
import { BackButton } from '../../components/ui/BackButton';

function DocumentText({ doc }: { doc: TermsDocument }) {
  return (
    <View className="terms-doc">
      <Text className="terms-doc__title">{doc.title}</Text>
      {doc.sections.map((section) => (
        <View key={section.title} className="terms-section">
          <Text className="terms-section__title">{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph.slice(0, 16)} className="terms-section__text">
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export default function TermsPage() {
  const { params } = useRouter();
  const only = termsDocument(params.doc);

  useEffect(() => {
    if (only) void Taro.setNavigationBarTitle({ title: only.name }).catch(() => undefined);
  }, [only]);

  return (
    <View className="page terms">
      <BackButton />
      {(only ? [only] : TERMS_DOCUMENTS).map((doc) => (
        <DocumentText key={doc.id} doc={doc} />
      ))}
      <Text className="terms-version">版本：{TERMS_VERSION}</Text>
    </View>
  );
}
