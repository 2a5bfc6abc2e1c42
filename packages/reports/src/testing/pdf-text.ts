/**
 * The text of every page of a PDF as pdf.js extracts it (what a reader's search and copy see):
 * lines separated by newlines, pages by a form feed.
 */
export async function extractPdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js detaches the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
      );
    }
    return { pages: document.numPages, text: pages.join('\f') };
  } finally {
    await task.destroy();
  }
}
