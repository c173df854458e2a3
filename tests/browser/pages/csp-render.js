// Test harness for the CSP page: load() + render() of the seed into #host, relative dates on.
import { load } from '/dist/broadsheet.js';

const host = document.getElementById('host');
try {
  const bs = await load();
  const article = await (await fetch('/test/seed.json')).text();
  bs.render(article, host, { dates: 'relative' });
  window.__rendered = true;
} catch (error) {
  window.__failure = String(error?.message ?? error);
}
