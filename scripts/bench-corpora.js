// broadsheet bench corpora made by code, the same on every run (no randomness): a link-heavy
// 2,000-word Markdown article, and a body written in raw HTML (inline and block tags, the shape a
// CMS export or a pasted newsroom page has). scripts/bench.mjs and bench-page.js both use them.

const WORDS = (
  'the minister said on friday that talks with the neighbouring government would resume after ' +
  'a pause of several weeks while officials reviewed trade figures border checks and energy ' +
  'contracts signed earlier this year by both sides in the capital'
).split(' ');

// Word `i` of an endless text made of WORDS, stepping so that sentences do not repeat exactly.
const word = (i) => WORDS[(i * 7 + (i >> 3)) % WORDS.length];

function sentence(start, length) {
  const words = [];
  for (let i = 0; i < length; ++i) words.push(word(start + i));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

// About 2,000 words in 40 paragraphs under 6 headings, with a link every 12 words or so (inline
// links, a few with titles, autolinks and www links), emphasis, code spans and two lists.
export function linkHeavyMarkdown() {
  const parts = [];
  let w = 0;
  for (let p = 0; p < 40; ++p) {
    if (p % 7 === 0) parts.push(`## ${sentence(w, 5).slice(0, -1)}`);
    const sentences = [];
    for (let s = 0; s < 4; ++s) {
      const words = sentence(w, 12).split(' ');
      w += 12;
      const n = p * 4 + s;
      if (n % 5 === 4) {
        words[6] = `<https://news.example.org/${n}/live>`;
      } else if (n % 7 === 3) {
        words[6] = `www.example.com/archive/${n}`;
      } else {
        const title = n % 3 === 0 ? ` "Read more on ${words[4]}"` : '';
        words[5] = `[${words[5]} ${words[6]}](https://www.example.com/world/2024/${n}-${words[5]}${title})`;
        words[6] = '';
      }
      if (n % 4 === 1) words[2] = `*${words[2]}*`;
      if (n % 9 === 2) words[9] = `\`${words[9]}\``;
      sentences.push(words.filter(Boolean).join(' '));
    }
    parts.push(sentences.join(' '));
    if (p === 12 || p === 30) {
      parts.push(
        [0, 1, 2, 3, 4]
          .map((i) => `- [${word(w + i)} report](https://data.example.net/r/${p}/${i})`)
          .join('\n'),
      );
    }
  }
  return parts.join('\n\n');
}

// About 28 KiB of raw HTML: sections of headings, paragraphs with inline tags and attributes
// (links with rel and title, emphasis, abbreviations, spans with classes and lang), figures with
// images, quotes, lists, a table, and the attributes a sanitizer must drop (style, on*, data-*).
export function rawHtmlBody() {
  const parts = [];
  let w = 0;
  for (let section = 0; section < 12; ++section) {
    parts.push(`<h2 id="s${section}">${sentence(w, 6).slice(0, -1)}</h2>`);
    for (let p = 0; p < 4; ++p) {
      const words = sentence(w, 24).split(' ');
      w += 24;
      words[3] = `<a href="https://www.example.com/${section}/${p}" title="${words[3]}" rel="noopener">${words[3]}</a>`;
      words[8] = `<em>${words[8]}</em>`;
      words[11] = `<strong class="key">${words[11]}</strong>`;
      words[14] = `<span lang="fr" style="color:red">${words[14]}</span>`;
      words[17] = `<abbr title="European Union">EU</abbr>`;
      words[20] = `<code>${words[20]}</code>`;
      parts.push(`<p class="para" data-n="${p}" onclick="track(${p})">${words.join(' ')}</p>`);
    }
    if (section % 3 === 0) {
      parts.push(
        `<figure><img src="https://img.example.com/${section}.jpg" alt="${sentence(w, 4)}" ` +
          `width="800" height="450" loading="lazy"><figcaption>${sentence(w + 4, 8)}</figcaption></figure>`,
      );
    }
    if (section % 3 === 1) {
      parts.push(
        `<blockquote cite="https://www.example.com/q/${section}"><p>${sentence(w, 16)}</p></blockquote>`,
      );
      parts.push(
        `<ul>${[0, 1, 2, 3].map((i) => `<li><a href="/related/${section}-${i}">${sentence(w + i, 6)}</a></li>`).join('')}</ul>`,
      );
    }
    if (section % 3 === 2) {
      const rows = [0, 1, 2, 3]
        .map(
          (r) => `<tr><th scope="row">${word(w + r)}</th><td>${r * 13}</td><td>${r * 7}%</td></tr>`,
        )
        .join('');
      parts.push(`<table><caption>${sentence(w, 5)}</caption><tbody>${rows}</tbody></table>`);
    }
  }
  return parts.join('\n');
}
