import { expect } from 'chai';
import { loadPageAssets } from '../../../src/inspector/http/page-assets.js';

describe('loadPageAssets()', () => {
  it('serves the page, its script, styles and icon with their content types', async () => {
    const assets = await loadPageAssets();
    expect([...assets.keys()]).to.have.members(['index.html', 'app.js', 'styles.css', 'favicon.svg']);
    expect(assets.get('index.html')?.contentType).to.equal('text/html; charset=utf-8');
    expect(assets.get('index.html')?.body.toString('utf8')).to.contain('<html');
  });

  it('reads the files once per process, however many inspectors start', async () => {
    const [first, second] = await Promise.all([loadPageAssets(), loadPageAssets()]);
    expect(second).to.equal(first);
    expect(await loadPageAssets()).to.equal(first);
  });
});
