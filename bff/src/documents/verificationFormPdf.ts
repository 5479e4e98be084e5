// Lays out the 《网站备案信息真实性核验单》 on A4 with pdfkit: bordered tables, the changes old → new, the declaration,
// the signature (and fingerprint) boxes; the CJK font is embedded (subset), so it prints the same everywhere.
import PDFDocument from 'pdfkit';
import { findCjkFont, type CjkFont } from './cjkFont';
import { verificationFormContent, type VerificationFormContent, type VerificationFormDraft } from './verificationForm';

const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const LABEL_WIDTH = 118;
const PAIR_LABEL_WIDTH = 96;
const PAD = 3.5;
const SIZE = { title: 19, subtitle: 9.5, body: 10, small: 8.5 };
const INK = '#111111';
const RULE = '#333333';
const SHADE = '#ececec';
const GREY = '#555555';

type Doc = PDFKit.PDFDocument;

/** Draws the rows of cells at `y` (one table row), each cell's text wrapped in its width; returns the row's height. */
function tableRow(doc: Doc, y: number, cells: { text: string; width: number; bold?: boolean; shade?: boolean }[]): number {
  const height =
    Math.max(
      ...cells.map((c) =>
        doc
          .font(c.bold ? 'bold' : 'regular')
          .fontSize(SIZE.body)
          .heightOfString(c.text || ' ', { width: c.width - 2 * PAD }),
      ),
    ) +
    2 * PAD;
  let x = PAGE.margin;
  for (const c of cells) {
    if (c.shade) doc.rect(x, y, c.width, height).fill(SHADE);
    doc.rect(x, y, c.width, height).lineWidth(0.6).stroke(RULE);
    doc
      .fillColor(INK)
      .font(c.bold ? 'bold' : 'regular')
      .fontSize(SIZE.body)
      .text(c.text, x + PAD, y + PAD, { width: c.width - 2 * PAD });
    x += c.width;
  }
  return height;
}

/** Starts a new page when `needed` points do not fit below `y`; returns where to continue. */
function ensureSpace(doc: Doc, y: number, needed: number): number {
  if (y + needed <= PAGE.height - PAGE.margin) return y;
  doc.addPage();
  return PAGE.margin;
}

function sectionHeader(doc: Doc, y: number, title: string): number {
  return tableRow(doc, y, [{ text: title, width: CONTENT_WIDTH, bold: true, shade: true }]);
}

function drawSignatureBoxes(doc: Doc, y: number, content: VerificationFormContent): number {
  const height = 88;
  const signWidth = content.needsFingerprint ? CONTENT_WIDTH * 0.62 : CONTENT_WIDTH;
  doc.rect(PAGE.margin, y, signWidth, height).lineWidth(0.8).stroke(RULE);
  doc
    .fillColor(INK)
    .font('bold')
    .fontSize(SIZE.body)
    .text(`网站负责人签字（${content.signer}本人手写）：`, PAGE.margin + PAD + 2, y + PAD + 2);
  if (content.needsFingerprint) {
    const x = PAGE.margin + signWidth;
    const width = CONTENT_WIDTH - signWidth;
    doc.rect(x, y, width, height).lineWidth(0.8).stroke(RULE);
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(SIZE.body)
      .text('网站负责人指纹：', x + PAD + 2, y + PAD + 2);
    doc
      .fillColor(GREY)
      .font('regular')
      .fontSize(SIZE.small)
      .text('（右手食指，按压清晰完整）', x + PAD + 2, y + PAD + 18, { width: width - 2 * PAD });
  }
  doc
    .fillColor(INK)
    .font('regular')
    .fontSize(SIZE.body)
    .text(`日期：${content.date}`, PAGE.margin, y + height + 8, { width: CONTENT_WIDTH, align: 'right' });
  return height + 8 + 16;
}

function draw(doc: Doc, content: VerificationFormContent): void {
  let y = PAGE.margin;
  doc.fillColor(INK).font('bold').fontSize(SIZE.title).text(content.title, PAGE.margin, y, { width: CONTENT_WIDTH, align: 'center' });
  y += 27;
  doc.fillColor(GREY).font('regular').fontSize(SIZE.subtitle).text(content.subtitle, PAGE.margin, y, { width: CONTENT_WIDTH, align: 'center' });
  y += 17;

  for (const section of content.sections) {
    y = ensureSpace(doc, y, 60);
    y += sectionHeader(doc, y, section.title);
    // Short values two per line (label, value, label, value); long ones across the table.
    const pairWidth = (CONTENT_WIDTH - 2 * PAIR_LABEL_WIDTH) / 2;
    for (let i = 0; i < section.rows.length;) {
      const row = section.rows[i];
      const next = section.rows[i + 1];
      y = ensureSpace(doc, y, 24);
      if (row.wide || !next || next.wide) {
        y += tableRow(doc, y, [
          { text: row.label, width: PAIR_LABEL_WIDTH, shade: true },
          { text: row.value, width: CONTENT_WIDTH - PAIR_LABEL_WIDTH },
        ]);
        i += 1;
      } else {
        y += tableRow(doc, y, [
          { text: row.label, width: PAIR_LABEL_WIDTH, shade: true },
          { text: row.value, width: pairWidth },
          { text: next.label, width: PAIR_LABEL_WIDTH, shade: true },
          { text: next.value, width: pairWidth },
        ]);
        i += 2;
      }
    }
    y += 5;
  }

  y = ensureSpace(doc, y, 60);
  y += sectionHeader(doc, y, '本次变更内容');
  const changeWidths = [LABEL_WIDTH, (CONTENT_WIDTH - LABEL_WIDTH) / 2, (CONTENT_WIDTH - LABEL_WIDTH) / 2];
  y += tableRow(
    doc,
    y,
    ['变更项', '变更前', '变更后'].map((text, i) => ({ text, width: changeWidths[i], bold: true, shade: true })),
  );
  const changes = content.changes.length ? content.changes : [{ label: '—', before: '（无信息变更，仅更新材料）', after: '' }];
  for (const change of changes) {
    y = ensureSpace(doc, y, 24);
    y += tableRow(
      doc,
      y,
      [change.label, change.before || '—', change.after || '—'].map((text, i) => ({ text, width: changeWidths[i], shade: i === 0 })),
    );
  }
  y += 10;

  const declarationHeight = doc.font('regular').fontSize(SIZE.body).heightOfString(content.declaration, { width: CONTENT_WIDTH });
  // The declaration, the boxes and the date stay on one page: a signature must sit under what it signs.
  y = ensureSpace(doc, y, declarationHeight + 12 + 88 + 24);
  doc.fillColor(INK).font('regular').fontSize(SIZE.body).text(content.declaration, PAGE.margin, y, { width: CONTENT_WIDTH, lineGap: 2 });
  y += declarationHeight + 12;
  y += drawSignatureBoxes(doc, y, content);

  const lines = content.instructions.map((line, i) => `${i + 1}. ${line}`);
  doc.font('regular').fontSize(SIZE.small);
  const instructionsHeight = 12 + lines.reduce((sum, line) => sum + doc.heightOfString(line, { width: CONTENT_WIDTH }) + 2, 0);
  y = ensureSpace(doc, y + 2, instructionsHeight);
  doc.fillColor(GREY).font('bold').fontSize(SIZE.small).text('填写说明', PAGE.margin, y);
  y += 12;
  for (const line of lines) {
    doc.fillColor(GREY).font('regular').fontSize(SIZE.small).text(line, PAGE.margin, y, { width: CONTENT_WIDTH });
    y += doc.heightOfString(line, { width: CONTENT_WIDTH }) + 2;
  }
}

/** The PDF of already-built content, with `font` embedded as a subset. */
export function renderVerificationFormPdf(content: VerificationFormContent, font: CjkFont): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      info: { Title: content.title, Subject: content.subtitle, Creator: '备案变更助手' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.registerFont('regular', font.regular.path, font.regular.postscriptName || undefined);
      doc.registerFont('bold', font.bold.path, font.bold.postscriptName || undefined);
      draw(doc, content);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export interface VerificationFormRenderer {
  /** The form for `draft` dated `date` (YYYY-MM-DD, Beijing calendar day), as PDF bytes. */
  render(draft: VerificationFormDraft, date: string): Promise<Buffer>;
}

/**
 * Finds the font now (throws CJK_FONT_MISSING when there is none — create the renderer at start-up so a server
 * without the font does not start), then renders forms with it.
 */
export function createVerificationFormRenderer(options: { fontPath?: string; postscriptName?: string } = {}): VerificationFormRenderer {
  const font = findCjkFont(options);
  return { render: (draft, date) => renderVerificationFormPdf(verificationFormContent(draft, date), font) };
}
