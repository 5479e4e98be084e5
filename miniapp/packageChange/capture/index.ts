// Public surface of the capture component: the screen, the upload helper and its registry, the per-kind guides.
export { CaptureScreen, CAMERA_DENIED_MESSAGE, TAKE_PHOTO_FAILED, type CaptureScreenProps } from './CaptureScreen';
export { uploadMaterial, findUpload, forgetUpload, uploadKey, compressForUpload, type MaterialUpload, type MaterialUploadResult, type UploadRequest, type UploadState } from './upload';
export { CAPTURE_GUIDES, guideFrameSize, type CaptureGuide } from './guide';
