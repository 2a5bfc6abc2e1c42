import { CLIENT_TYPES_FILE, clientTypes } from './client-types';
import { offlineApiDocument } from './document-app';

describe('the dashboard types generated from the OpenAPI document', () => {
  // `npm run -w @hub/web api:generate` runs this test with -u, which rewrites the file.
  it(`are what ${CLIENT_TYPES_FILE} holds`, async () => {
    const types = await clientTypes(await offlineApiDocument());
    expect(types).toContain('Finding: {');
    await expect(types).toMatchFileSnapshot(`../../../../${CLIENT_TYPES_FILE}`);
  });
});
