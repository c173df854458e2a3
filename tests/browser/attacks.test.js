// The XSS corpus (tests/fixtures/attacks.json) in real browsers, Chromium and Firefox. For every vector the test page
// (tests/browser/pages/attacks.html) renders the article twice: render() into one container, and
// renderToString() assigned through innerHTML into another (a page parsing server-rendered HTML).
// After images settle and two animation frames pass, it checks both trees against the policy
// (element and attribute names from web/policy.js, user-content tags from
// include/broadsheet/policy.h), the README's hard rules, URL schemes, rel on off-site links,
// mustShowText, and that the two trees are equal. No alert/confirm/prompt may run and no page
// error may occur. One subtest per vector class; a failure names every failing vector.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { BASE, vectors, withPayload } from '../fixtures/attacks.js';
import { ENGINES, useEngine } from './browsers.js';
import { root, serveRoot } from './chromium.js';

// Tags flagged kTagUserContent in the one policy file: the only ones allowed inside the body.
function userContentTags() {
  const header = readFileSync(join(root, 'include/broadsheet/policy.h'), 'utf8');
  const block = /#define BROADSHEET_TAGS\(X\)([\s\S]*?)\n\n/.exec(header)[1];
  const tags = [...block.matchAll(/X\(\w+,\s*"([a-z0-9]+)",\s*([^)]*)\)/g)];
  assert.ok(tags.length > 50, 'parsed the tag table of policy.h');
  return tags.filter(([, , flags]) => flags.includes('kTagUserContent')).map(([, name]) => name);
}

const classes = new Map();
for (const vector of vectors) {
  const article = withPayload(vector.target, vector.payload);
  if (vector.trust) article.trust = vector.trust;
  if (!classes.has(vector.class)) classes.set(vector.class, []);
  classes.get(vector.class).push({ ...vector, article });
}

for (const engine of ENGINES) {
  describe(engine.name, () => {
    const session = useEngine(engine, () => serveRoot());
    defineTests(session, engine.name);
  });
}

function defineTests(session, browserName) {
  let page;
  let events;
  // Dialogs and page errors are reported from where the last report stopped, so one that arrives
  // after its batch is reported with the next (or by the last test), never lost.
  const seen = { dialogs: 0, errors: 0 };
  function unreported() {
    const out = {
      dialogs: events.dialogs.slice(seen.dialogs),
      errors: events.errors.slice(seen.errors),
    };
    seen.dialogs = events.dialogs.length;
    seen.errors = events.errors.length;
    return out;
  }
  // Vectors whose results came back from the page, counted by the class tests.
  let ran = 0;

  before(async () => {
    ({ page, events } = await session.openPage());
    // Only the test server answers; every other request (img.example, evil.example, …) fails at
    // once, so image error handlers fire quickly and nothing leaves the machine.
    await page.route(
      (url) => !url.href.startsWith(session.server.url),
      (route) => route.abort(),
    );
    await page.goto(`${session.server.url}/tests/browser/pages/attacks.html`);
    await page.waitForFunction(() => window.__ready === true);
    const policy = await page.evaluate((config) => window.__configure(config), {
      userContent: userContentTags(),
      base: BASE,
    });
    assert.ok(policy.tags.includes('p') && policy.attrs.includes('href'));
  });

  // Runs vectors in the page; returns problems per title, with probe calls and script errors
  // attributed to vectors (a batch that trips the probe is re-run one vector at a time).
  async function run(batch) {
    const out = await page.evaluate((vs) => window.__runBatch(vs), batch);
    const { dialogs, errors: pageErrors } = unreported();
    const problems = new Map(out.results.map((r) => [r.title, r.problems]));
    problems.count = out.results.length;
    problems.rejected = out.results.filter((r) => r.rejected).length;
    problems.splitText = out.results.filter((r) => r.splitText).length;
    const executed = [
      ...out.calls.map((c) => `probe called: ${c}`),
      ...dialogs.map((d) => `dialog opened: ${d}`),
      ...out.errors.map((e) => `script error: ${e}`),
      ...pageErrors.map((e) => `page error: ${e}`),
    ];
    if (executed.length > 0) {
      if (batch.length === 1) {
        problems.get(batch[0].title).push(...executed);
      } else {
        let attributed = false;
        for (const vector of batch) {
          const single = await run([vector]);
          const found = single.get(vector.title);
          problems
            .get(vector.title)
            .push(
              ...found.filter((p) =>
                /^(probe called|dialog opened|script error|page error)/.test(p),
              ),
            );
          attributed ||= found.length > 0;
        }
        if (!attributed) problems.get(batch[0].title).push(`(batch) ${executed.join('; ')}`);
      }
    }
    return problems;
  }

  test('harness self-test: hostile markup trips the probe and the checks', async () => {
    const r = await page.evaluate(() => window.__selfTest());
    assert.ok(
      r.calls.some((c) => c.includes('canary')),
      `lazy image onerror ran: ${JSON.stringify(r.calls)}`,
    );
    // Handlers that wait for a reader run too: the page acts as one (hover, focus, click, paste).
    for (const canary of ['hover', 'focus', 'click', 'paste']) {
      assert.ok(
        r.calls.some((c) => c.includes(`'${canary}'`) || c.includes(`(${canary})`)),
        `the ${canary} handler ran: ${JSON.stringify(r.calls)}`,
      );
    }
    assert.ok(r.stillHere, 'the dispatched click did not navigate away');
    unreported(); // the self-test's own canaries are not a vector's
    const all = r.problems.join('\n');
    for (const expected of [
      'event handler',
      'unsafe URL',
      'off-site link without rel',
      'in namespace http://www.w3.org/2000/svg',
      '<div>[style=',
      "id neither user-content- nor one of the layout's own",
    ]) {
      assert.ok(all.includes(expected), `self-test flags "${expected}":\n${all}`);
    }
    assert.ok(r.splitEqual, 'split text nodes compare equal');
    assert.match(String(r.changeSeen), /text: "ab" vs "ac"/);
    assert.ok(r.textSeen, 'mustShowText lookup');
  });

  for (const [name, batch] of classes) {
    test(`attack vectors in ${browserName}: ${name} (${batch.length})`, async (t) => {
      const problems = await run(batch);
      ran += problems.count;
      t.diagnostic(
        `${problems.rejected} rejected with a BroadsheetError; ` +
          `${problems.splitText} rendered with adjacent text nodes (merged before comparing)`,
      );
      const failures = [...problems].filter(([, list]) => list.length > 0);
      if (failures.length > 0) {
        assert.fail(
          `${failures.length} of ${batch.length} ${name} vectors failed:\n` +
            failures.map(([title, list]) => `- ${title}\n    ${list.join('\n    ')}`).join('\n'),
        );
      }
    });
  }

  test(`nothing ran in ${browserName} after its batch was checked`, async () => {
    const late = await page.evaluate(() => window.__late(2000));
    const { dialogs, errors } = unreported();
    assert.deepEqual(
      [...late.calls, ...late.errors, ...dialogs, ...errors],
      [],
      'probe calls, script errors, dialogs or page errors after the last check',
    );
  });

  test('every vector was run, each under a title of its own', () => {
    assert.equal(new Set(vectors.map((v) => v.title)).size, vectors.length, 'unique titles');
    assert.equal(ran, vectors.length, 'results returned by the page');
    assert.ok(vectors.length >= 500);
  });
}
