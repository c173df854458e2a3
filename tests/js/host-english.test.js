// The host formatter's English without Intl (web/core.js): a fresh browser page pays 30-100 ms for
// its first Intl.DateTimeFormat or NumberFormat, so English dates in UTC and the core's numbers
// are written by hand. Here, in Node: they equal Node's own Intl over every day of 24 years and
// numbers of every magnitude, other English tags still go to Intl, and an English article renders
// through the public API without ever making a DateTimeFormat or NumberFormat; and it checks the
// table of cases (tests/fixtures/host-english.json) that the native test host
// (src/host_english.cpp) is checked on too.
// tests/browser/language.test.js compares the same with Chromium's Intl.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { localise } from '../../web/core.js';
import { load } from '../../web/index.js';
import {
  DATES,
  INTL_TAGS,
  intlMadeDuring,
  mismatches,
  NUMBERS,
  seedEnglish,
} from '../fixtures/host-english.js';

const seed = readFileSync(
  new URL('../../examples/seed-china-belarus.json', import.meta.url),
  'utf8',
);
const text = (html, cls) => [...html.matchAll(new RegExp(`class="${cls}"[^>]*>([^<]*)<`, 'g'))];

// First in this file: no English formatter made by an earlier test can hide an Intl call.
test('an English article renders without making an Intl.DateTimeFormat or NumberFormat', async () => {
  const bs = await load();
  const [html, made] = await intlMadeDuring(Intl, () => bs.renderToString(seed));
  assert.deepEqual(made, []);
  const want = seedEnglish(Intl);
  const first = (cls) => text(html, cls)[0][1];
  assert.deepEqual(
    {
      topbar: first('bs-topbar-date'),
      published: first('bs-published'),
      cards: text(html, 'bs-card-date').map((m) => m[1]),
      temperature: first('bs-topbar-temperature'),
      readingTime: first('bs-reading-time'),
    },
    want,
  );
});

test(`English without Intl equals Node's Intl: ${DATES.length} dates, both lengths, ${NUMBERS.length} numbers`, () => {
  assert.deepEqual(mismatches(localise, Intl).slice(0, 10), []);
});

test('other English tags (Irish, South African, Indian, other digits or calendars) go to Intl', () => {
  assert.deepEqual(mismatches(localise, Intl, INTL_TAGS).slice(0, 10), []);
  // They do differ from the tags written by hand, so going to Intl is what keeps them right.
  const day = (locale) => localise(['F', locale, '2024-11-08', '']);
  assert.equal(new Set(['en-GB', 'en-IE', 'en-ZA', 'en-u-nu-arab'].map(day)).size, 4);
  assert.notEqual(localise(['N', 'en-IN', '1234567', '']), localise(['N', 'en', '1234567', '']));
});

test('web/core.js writes the table it shares with the native test host, without Intl', async () => {
  // src/host_english.cpp writes the same table (tests/cpp/host_english_test.cpp): the C++ tests
  // and the fuzzers see the English a reader sees.
  const { cases } = JSON.parse(
    readFileSync(new URL('../fixtures/host-english.json', import.meta.url), 'utf8'),
  );
  const [texts, made] = await intlMadeDuring(Intl, () => cases.map((c) => localise(c.request)));
  assert.deepEqual(made, []);
  assert.deepEqual(
    texts,
    cases.map((c) => c.text),
  );
});

test('dates keep the years 0-99 as written, and a 31st past the month end runs into the next', () => {
  assert.equal(localise(['L', 'en', '0050-01-01', '']), 'January 1, 50');
  assert.equal(localise(['L', 'de', '0050-01-01', '']), '1. Januar 50');
  assert.equal(localise(['F', 'en-GB', '2023-02-31', '']), 'Friday, 3 March 2023');
  assert.equal(localise(['L', 'en', '2024-02-31T10:00:00Z', '']), 'March 2, 2024');
});
