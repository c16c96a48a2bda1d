// Hostile links: whatever a link holds, the lesson shows a note that says what was wrong and
// what is allowed, and a working map (the defaults, or the link's own map where only a part was
// bad); never a freeze, a console error or script from the link running.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, closeBrowser } from './harness.mjs';

after(closeBrowser);

const HOSTILE = [
  ['rows=1e9', /rows must be/],
  ['rows=0&cols=3', /rows must be/],
  ['t=1000000000000', /t must be a whole number from 0 to/],
  ['rows=200&cols=200&t=5000000', /too many steps to replay on a 200×200 map/],
  ['csv=http://evil.example/x.csv', /csv must be a path on this site/],
  ['csv=//evil.example/x.csv', /csv must be a path on this site/],
  ['csvz=%%%not-base64', /csvz is not/],
  ['csvz=AAAA', /csvz is not a packed CSV|csv|line/i],
  ['stop=999', /stop must be/],
  ['tug=-1', /tug must be a whole number/],
  ['node=1000000000', /node must be from 0 to/],
  ['phase=bmu', /phase and pull need t/],
  ['t=10&pull=garbled', /pull must look like/],
  ['sigma=Infinity', /sigma must be/],
  ['sigma=1e-30', /sigma must be a number from 0.01/],
  ['neighborhood=<script>window.pwned=1</script>', /neighborhood must be one of/],
  [`rows=3&junk=${'x'.repeat(1_000_000)}`, /junk/],
];

for (const [hash, note] of HOSTILE) {
  test(`#${hash.length > 60 ? `${hash.slice(0, 60)}… (${hash.length} characters)` : hash}: a note, a working map, no error`, async () => {
    const app = await openApp({ query: `#${hash}`, timeout: 30_000 });
    try {
      const seen = await app.page.evaluate(async () => {
        const el = document.querySelector('som-playground');
        const t0 = el.t;
        await el.step(); // the map still works
        return { error: el.shadowRoot.getElementById('error').textContent, stepped: el.t - t0, rows: el.state.shape.rows, pwned: window.pwned ?? null };
      });
      assert.match(seen.error, note, `the note names what was wrong: "${seen.error.slice(0, 200)}"`);
      assert.ok(seen.stepped >= 0 && seen.rows >= 1, 'the lesson still steps');
      assert.equal(seen.pwned, null, 'nothing from the link ran as script');
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  });
}

test('csv=../x (a missing file on the site): a note naming the file, the defaults', async () => {
  const app = await openApp({ query: '#csv=../missing.csv' });
  try {
    const error = await app.page.evaluate(() => document.querySelector('som-playground').shadowRoot.getElementById('error').textContent);
    assert.match(error, /could not load '\.\.\/missing\.csv': HTTP 404/);
    // The one expected error is the browser's own report of the 404.
    assert.ok(app.errors.every((e) => /404/.test(e)), app.errors.join('\n'));
  } finally {
    await app.close();
  }
});
