// The agreement text behind the confirm step's checkbox and the login page's link (wording from services/config).
import { Text, View } from '@tarojs/components';
import { TERMS_DOCUMENTS, TERMS_VERSION } from '../../../shared/data/terms';
import './index.scss';

export default function TermsPage() {
  return (
    <View className="page terms">
      {TERMS_DOCUMENTS.map((doc) => (
        <View key={doc.title} className="terms-doc">
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
      ))}
      <Text className="terms-version">版本：{TERMS_VERSION}</Text>
    </View>
  );
}
