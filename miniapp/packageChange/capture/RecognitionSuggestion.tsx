// After an ID photo is accepted: "识别到：王小明 · 3301…0573 · 有效期至 2036-03-07" with 填入, while the photo is read
// on the BFF. Nothing is filled without the tap; leaving is always possible (the checklist compares the photo anyway).
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { Actions, Button as KitButton, Notice } from '../../components/ui';
import { fillFromPhoto, useRecognitionSuggestion } from './recognition';

/** Only a principal's ID card yields values for the form (a 核验单 is compared, never copied into it). */
export function suggestsFill(kind: MaterialKind, subject: MaterialSubject): boolean {
  return (kind === 'id_front' || kind === 'id_back') && (subject === 'website_principal' || subject === 'entity_principal');
}

export interface RecognitionSuggestionProps {
  changeId: string;
  kind: MaterialKind;
  subject: MaterialSubject;
  onDone(): void;
}

export function RecognitionSuggestion({ changeId, kind, subject, onDone }: RecognitionSuggestionProps) {
  const state = useRecognitionSuggestion(changeId, kind, subject, true);
  // Nothing read to offer (unreadable, OCR off): back to the wizard at once, as for any other material.
  const nothing = state.phase === 'none' && !state.slow;
  useEffect(() => {
    if (nothing) onDone();
    // onDone is the page's callback; only the outcome matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nothing]);
  return (
    <View className="capture capture--light">
      <Text className="capture__title">照片已上传</Text>
      {state.phase === 'reading' ? (
        <View className="capture__status" role="status">
          <Text>正在识别证件上的信息…</Text>
        </View>
      ) : null}
      {state.phase === 'ready' ? (
        <Notice tone={state.mismatches.length ? 'warning' : 'info'} role="status">
          <Text className="capture__suggestion">{state.text}</Text>
          {state.mismatches.map((m) => (
            <Text key={m.field}>{m.message}</Text>
          ))}
        </Notice>
      ) : null}
      {state.phase === 'none' && state.slow ? <Text className="capture__tip">识别用时较长，可以先返回；提交前的检查会再次核对照片与填写的信息</Text> : null}
      <Actions spacing="s">
        {state.phase === 'ready' ? (
          <KitButton
            block
            onClick={() => {
              fillFromPhoto(changeId, state.edits);
              onDone();
            }}
          >
            填入
          </KitButton>
        ) : null}
        <KitButton block variant={state.phase === 'ready' ? 'plain' : 'primary'} onClick={onDone}>
          {state.phase === 'ready' ? '不填入，返回' : '完成'}
        </KitButton>
      </Actions>
    </View>
  );
}
