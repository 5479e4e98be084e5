// Reads a PDF on stdin and prints {"text", "pages"} as JSON, extracted by pdf.js (pdf-parse). With `--png <file>` it
// also renders page 1 to a PNG. A separate Node process because jest's module sandbox cannot load pdf.js's ES-module worker.
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';

const pdf = readFileSync(0);
const parser = new PDFParse({ data: new Uint8Array(pdf) });
try {
  const result = await parser.getText();
  const png = process.argv.indexOf('--png');
  if (png > 0) {
    const shot = await parser.getScreenshot({ scale: 1.5, partial: [1], imageBuffer: true, imageDataUrl: false });
    writeFileSync(process.argv[png + 1], Buffer.from(shot.pages[0].data));
  }
  process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
} finally {
  await parser.destroy();
}
