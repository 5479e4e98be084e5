// Capture screen of one material: camera with a guide frame (or album), review, then upload with progress and retry.
import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Camera, Image, Progress, Text, View } from '@tarojs/components';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { cameraPermission, choosePhoto, takePhoto } from './camera';
import { ExamplePhoto } from './ExamplePhoto';
import { CAPTURE_GUIDES, guideFrameSize } from './guide';
import { findUpload, forgetUpload, uploadMaterial, type MaterialUpload, type MaterialUploadResult, type UploadOptions, type UploadState } from './upload';
import { RecognitionSuggestion, suggestsFill } from './RecognitionSuggestion';
import { Actions, Button as KitButton, Notice } from '../../components/ui';
import './capture.scss';

export interface CaptureScreenProps {
  kind: MaterialKind;
  subject: MaterialSubject;
  changeId: string;
  onDone(result: MaterialUploadResult): void;
  onCancel(): void;
  /** Retry and watchdog settings of the upload (tests shorten them; the page uses the defaults). */
  uploadOptions?: UploadOptions;
}

type Screen =
  | { name: 'camera' }
  /** H5 (no camera component) or the applicant prefers the album: one button to pick a photo. */
  | { name: 'album' }
  | { name: 'denied' }
  | { name: 'review'; path: string }
  | { name: 'uploading'; upload: MaterialUpload }
  /** `resendable`: the network or the server failed, so the same photo may go through (重新上传这张); else a new one is needed. */
  | { name: 'failed'; path: string; message: string; resendable: boolean }
  /** Uploaded, but the BFF warned (e.g. slightly blurred): the applicant decides to keep it or reshoot. */
  | { name: 'warned'; result: MaterialUploadResult }
  /** An ID photo accepted: what was read from it is offered for 填入 (issue 17). */
  | { name: 'recognised'; result: MaterialUploadResult };

export const CAMERA_DENIED_MESSAGE = '无法使用相机：您可能未允许小程序使用摄像头。请点击“去设置”打开“摄像头”权限，或从相册选择照片。';
export const TAKE_PHOTO_FAILED = '拍照失败，请重试，或从相册选择照片';

const isH5 = () => process.env.TARO_ENV === 'h5';

/** Where the screen starts: a running or finished upload of this slot wins (the page was left and re-entered). */
function initialScreen(existing: MaterialUpload | undefined): Screen {
  if (existing) {
    const { phase } = existing.state;
    if (phase === 'failed' && existing.state.error.code !== 'aborted') {
      return { name: 'failed', path: existing.request.filePath, message: existing.state.error.message, resendable: existing.state.resendable };
    }
    if (phase !== 'failed') return { name: 'uploading', upload: existing };
  }
  return isH5() ? { name: 'album' } : { name: 'camera' };
}

function uploadLabel(state: UploadState): string {
  switch (state.phase) {
    case 'preparing':
      return '正在压缩照片…';
    case 'uploading':
      return state.retry > 0 ? `第${state.retry}次重试：正在上传 ${Math.round(state.progress)}%` : `正在上传 ${Math.round(state.progress)}%`;
    case 'waiting_retry':
      return state.message;
    case 'done':
      return '上传完成';
    case 'failed':
      return state.error.message;
  }
}

export function CaptureScreen({ kind, subject, changeId, onDone, onCancel, uploadOptions }: CaptureScreenProps) {
  const guide = CAPTURE_GUIDES[kind];
  const [screen, setScreen] = useState<Screen>(() => initialScreen(findUpload(changeId, subject, kind)));
  const [flash, setFlash] = useState<'off' | 'on'>('off');
  const [shooting, setShooting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [uploadState, setUploadState] = useState<UploadState | null>(null);
  // An accepted ID photo goes on to its suggestion; any other material is done.
  const accepted = (result: MaterialUploadResult) => (suggestsFill(kind, subject) ? setScreen({ name: 'recognised', result }) : onDone(result));
  const onDoneRef = useRef(accepted);
  onDoneRef.current = accepted;

  // A refusal remembered by WeChat: say so before showing a black camera.
  useEffect(() => {
    if (screen.name !== 'camera') return;
    let live = true;
    void cameraPermission().then((granted) => {
      if (live && granted === false) setScreen({ name: 'denied' });
    });
    return () => {
      live = false;
    };
    // Only on entering the camera screen.
  }, [screen.name]);

  // Follow the upload; leaving the page only unsubscribes, the upload itself goes on in the registry.
  useEffect(() => {
    if (screen.name !== 'uploading') return;
    const { upload } = screen;
    return upload.subscribe((state) => {
      setUploadState(state);
      if (state.phase === 'done') {
        forgetUpload(upload);
        if (state.result.warnings.length) setScreen({ name: 'warned', result: state.result });
        else onDoneRef.current(state.result);
      } else if (state.phase === 'failed') {
        if (state.error.code === 'aborted') setScreen({ name: 'review', path: upload.request.filePath });
        else setScreen({ name: 'failed', path: upload.request.filePath, message: state.error.message, resendable: state.resendable });
        forgetUpload(upload);
      }
    });
  }, [screen]);

  const startScreen: Screen = isH5() ? { name: 'album' } : { name: 'camera' };

  const shoot = async () => {
    if (shooting) return;
    setShooting(true);
    setNotice(null);
    try {
      setScreen({ name: 'review', path: await takePhoto() });
    } catch {
      setNotice(TAKE_PHOTO_FAILED);
    } finally {
      setShooting(false);
    }
  };

  const pickFromAlbum = async () => {
    setNotice(null);
    try {
      const res = await choosePhoto({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      const path = res?.tempFiles?.[0]?.tempFilePath;
      if (path) setScreen({ name: 'review', path });
    } catch (err) {
      // Closing the picker is not an error.
      if (!/cancel/i.test((err as { errMsg?: string })?.errMsg ?? '')) setNotice('无法打开相册，请重试');
    }
  };

  const openSettings = async () => {
    try {
      const res = await Taro.openSetting();
      if (res.authSetting?.['scope.camera']) setScreen({ name: 'camera' });
    } catch {
      setNotice('无法打开设置，请在微信“设置 › 隐私”中允许使用摄像头');
    }
  };

  const startUpload = (path: string) => {
    setUploadState(null);
    setScreen({ name: 'uploading', upload: uploadMaterial({ changeId, kind, subject, filePath: path }, uploadOptions) });
  };

  // The camera preview is 75% of the window's height (capture.scss); the frame must fit inside it.
  const frame = useMemo(() => {
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return guideFrameSize(guide.aspect, info.windowWidth, info.windowHeight * 0.75);
  }, [guide.aspect]);

  const noticeLine = notice ? (
    <Notice tone="danger" role="alert">
      <Text>{notice}</Text>
    </Notice>
  ) : null;

  switch (screen.name) {
    case 'camera':
      return (
        <View className="capture">
          <Camera className="capture__camera" devicePosition="back" flash={flash} onError={() => setScreen({ name: 'denied' })}>
            <View className="capture__mask">
              <View
                className={`capture__frame capture__frame--${guide.orientation}`}
                style={{ width: `${frame.width}px`, height: `${frame.height}px` }}
                aria-label={`${guide.title}取景框`}
              />
            </View>
          </Camera>
          <View className="capture__bar">
            <Text className="capture__title">{guide.title}</Text>
            <View className="capture__tip-row">
              <ExamplePhoto kind={kind} size="small" />
              <Text className="capture__tip">{guide.tip}</Text>
            </View>
            {noticeLine}
            <View className="capture__actions">
              <Button className="capture__side" onClick={onCancel}>
                取消
              </Button>
              <Button className="capture__shutter" aria-label="拍照" disabled={shooting} onClick={() => void shoot()}>
                拍照
              </Button>
              <Button className="capture__side" onClick={() => void pickFromAlbum()}>
                相册
              </Button>
            </View>
            <Button className="capture__flash" aria-pressed={flash === 'on'} onClick={() => setFlash((f) => (f === 'on' ? 'off' : 'on'))}>
              {flash === 'on' ? '闪光灯：开' : '闪光灯：关'}
            </Button>
          </View>
        </View>
      );

    case 'album':
      return (
        <View className="capture capture--light">
          <Text className="capture__title">{guide.title}</Text>
          <ExamplePhoto kind={kind} size="large" />
          <Text className="capture__tip">{guide.tip}</Text>
          {noticeLine}
          <Actions spacing="s">
            <KitButton block onClick={() => void pickFromAlbum()}>
              拍照或从相册选择
            </KitButton>
            <KitButton block variant="plain" onClick={onCancel}>
              取消
            </KitButton>
          </Actions>
        </View>
      );

    case 'denied':
      return (
        <View className="capture capture--light">
          <Text className="capture__title">需要使用摄像头</Text>
          <Notice tone="danger" role="alert">
            <Text>{CAMERA_DENIED_MESSAGE}</Text>
          </Notice>
          {noticeLine}
          <Actions spacing="s">
            <KitButton block onClick={() => void openSettings()}>
              去设置
            </KitButton>
            <KitButton block variant="plain" onClick={() => void pickFromAlbum()}>
              从相册选择
            </KitButton>
            <KitButton block variant="plain" onClick={onCancel}>
              取消
            </KitButton>
          </Actions>
        </View>
      );

    case 'review':
      return (
        <View className="capture capture--dark">
          <Image className="capture__review" src={screen.path} mode="aspectFit" aria-label="待上传的照片" nativeProps={{ alt: '待上传的照片' }} />
          <Text className="capture__tip">请确认四角完整、文字清晰、没有反光</Text>
          <Actions layout="halves">
            <KitButton variant="plain" onClick={() => setScreen(startScreen)}>
              重拍
            </KitButton>
            <KitButton onClick={() => startUpload(screen.path)}>使用这张</KitButton>
          </Actions>
        </View>
      );

    case 'uploading': {
      const state = uploadState ?? screen.upload.state;
      const percent = state.phase === 'uploading' ? state.progress : state.phase === 'done' ? 100 : 0;
      return (
        <View className="capture capture--light">
          <Text className="capture__title">{guide.title}</Text>
          <Progress className="capture__progress" percent={percent} strokeWidth={6} activeColor="#0052d9" />
          <View className="capture__status" role="status">
            <Text>{uploadLabel(state)}</Text>
          </View>
          <Text className="capture__tip">离开本页不会中断上传</Text>
          <Actions spacing="s">
            <KitButton block variant="plain" onClick={() => screen.upload.abort()}>
              取消上传
            </KitButton>
          </Actions>
        </View>
      );
    }

    case 'warned':
      return (
        <View className="capture capture--light">
          <Text className="capture__title">照片已上传</Text>
          <Notice tone="warning" role="alert">
            {screen.result.warnings.map((warning) => (
              <Text key={warning}>{warning}</Text>
            ))}
          </Notice>
          <Actions spacing="s">
            <KitButton block onClick={() => accepted(screen.result)}>
              就用这张
            </KitButton>
            <KitButton block variant="plain" onClick={() => setScreen(startScreen)}>
              重拍
            </KitButton>
          </Actions>
        </View>
      );

    case 'recognised':
      return <RecognitionSuggestion changeId={changeId} kind={kind} subject={subject} onDone={() => onDone(screen.result)} />;

    case 'failed':
      // Sending the same photo again helps only when the network or the server failed; a refused photo needs a new one.
      return (
        <View className="capture capture--light">
          <Text className="capture__title">{screen.resendable ? '上传未成功' : '这张照片不能使用'}</Text>
          <Notice tone="danger" role="alert">
            <Text>{screen.message}</Text>
          </Notice>
          {screen.resendable ? null : <ExamplePhoto kind={kind} size="large" />}
          <Actions spacing="s">
            {screen.resendable ? (
              <KitButton block onClick={() => startUpload(screen.path)}>
                重新上传这张
              </KitButton>
            ) : null}
            <KitButton block variant={screen.resendable ? 'plain' : 'primary'} onClick={() => setScreen(startScreen)}>
              重新拍摄
            </KitButton>
            <KitButton block variant="plain" onClick={onCancel}>
              取消
            </KitButton>
          </Actions>
        </View>
      );
  }
}

export default CaptureScreen;
