import { offlineApiDocument } from './document-app';
import { answerCoverage } from './api-document';

describe('API document', () => {
  it('prints', async () => {
    const doc = await offlineApiDocument();
    console.log(JSON.stringify(answerCoverage(doc)));
    console.log(JSON.stringify(doc.paths['/api/alerts'], null, 1));
    console.log(Object.keys(doc.components?.schemas ?? {}));
    expect(doc.openapi).toBe('3.1.0');
  });
});
