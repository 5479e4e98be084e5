// A label that, when it has to wrap (large text, narrow screen), breaks between words only: 网站负责人 / 证件正面照片,
// never 证件正面照 / 片. Each word is an unbreakable inline block; without Intl.Segmenter the text is left as it is.
import { Text } from '@tarojs/components';

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

export function Phrased({ text, className }: { text: string; className?: string }) {
  if (!segmenter) return <Text className={className}>{text}</Text>;
  const words = Array.from(segmenter.segment(text), (s) => s.segment);
  return (
    <Text className={className}>
      {words.map((word, i) => (
        <Text key={i} className="wz-word">
          {word}
        </Text>
      ))}
    </Text>
  );
}
