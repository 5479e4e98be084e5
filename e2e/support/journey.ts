// Sets up one journey file: the running product and a phone browser before its tests, both closed after it, and its
// screenshot folder (artifacts/e2e/<name>/, printed at the end).
import { launchPhoneBrowser, Shots, type PhoneBrowser } from './browser';
import { writeDocumentPhotos, type DocumentPhotos } from './photos';
import { startProduct, type Product } from './product';

export interface Journey {
  readonly product: Product;
  readonly phones: PhoneBrowser;
  /** Document photos on disk (only with `{ photos: true }`). */
  readonly photos: DocumentPhotos;
  readonly shots: Shots;
}

export function setUpJourney(name: string, options: { photos?: boolean; env?: Record<string, string> } = {}): Journey {
  const shots = new Shots(name);
  let product: Product | undefined;
  let phones: PhoneBrowser | undefined;
  let photos: DocumentPhotos | undefined;

  beforeAll(async () => {
    [product, phones, photos] = await Promise.all([startProduct(options.env), launchPhoneBrowser(), options.photos ? writeDocumentPhotos() : Promise.resolve(undefined)]);
  }, 120_000);

  afterAll(async () => {
    await phones?.close();
    await product?.close();
    console.log(`screenshots: ${shots.dir}`);
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up (used outside a test, or beforeAll failed)`);
    return value;
  };
  return {
    get product() {
      return ready(product, 'the product');
    },
    get phones() {
      return ready(phones, 'the phone browser');
    },
    get photos() {
      return ready(photos, 'the document photos (setUpJourney(name, { photos: true }))');
    },
    shots,
  };
}
