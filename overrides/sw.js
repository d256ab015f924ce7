/*
 * The handbook's service worker (issue 20): offline reading after one visit, language by language.
 *
 * `handbook build` (handbook.site.offline) writes each language's precache list to
 * hb-offline/<lang>-<version>.json ({"files": {url: revision}}, revisions are content hashes) and
 * fills OFFLINE below (each language's version and the default language), so every build that changes a file gives browsers a new sw.js.
 *
 * - A page asks the worker to save its language ({type: "save"}); the worker copies the list's files
 *   into the cache "hb-offline-<lang>-<version>" and stores the list there last (the mark that the
 *   language is complete), then tells the page ({type: "saved"}).
 * - A new worker (a new build) fills the new version's cache of every saved language while it
 *   installs: a file whose revision did not change is copied from the old cache; only the others
 *   are fetched. It then waits until the page's "reload" button asks it to take over.
 * - Requests for saved files are answered from the cache (the address's query is ignored:
 *   Pagefind adds one); anything else goes to the network. A page that is neither saved nor
 *   reachable gets the offline page of the reader's language (that of the page the reader came
 *   from, else the address's, else any saved one).
 * - While no language is saved (a first visit) requests are not intercepted at all: a first search's
 *   files go straight to the network (issue 22: first result within 0.35 s), with no cache lookup
 *   in between.
 */
"use strict";

const OFFLINE = { versions: {}, default: "en" }; // filled in by handbook build (handbook.site.offline)
const VERSIONS = OFFLINE.versions;
const DEFAULT = OFFLINE.default;
const PREFIX = "hb-offline-";
const LIST_KEY = "hb-offline-list"; // where a complete cache keeps its list (a relative key)
const PARALLEL = 6;
const scope = self.registration.scope;

function cacheName(lang) {
  return PREFIX + lang + "-" + VERSIONS[lang];
}

function listKey() {
  return new URL(LIST_KEY, scope).href;
}

/* The complete cache of `lang` other than the current one (the previous build's), if any. */
async function previousCache(lang) {
  const names = await caches.keys();
  for (const name of names) {
    if (!name.startsWith(PREFIX + lang + "-") || name === cacheName(lang)) continue;
    const cache = await caches.open(name);
    const list = await cache.match(listKey());
    if (list) return { cache: cache, files: (await list.json()).files };
  }
  return null;
}

async function isSaved(lang) {
  if (!VERSIONS[lang] || !(await caches.has(cacheName(lang)))) return false;
  return Boolean(await (await caches.open(cacheName(lang))).match(listKey()));
}

/* The languages saved in their current caches; null until the worker has looked (it starts with that). */
let saved = null;
const looked = (async () => {
  const found = new Set();
  for (const lang of Object.keys(VERSIONS)) if (await isSaved(lang)) found.add(lang);
  saved = found;
})();

/* Copies `lang`'s files into its current cache: unchanged ones from `previous`, the rest fetched. */
async function save(lang, previous) {
  if (await isSaved(lang)) return;
  const response = await fetch(new URL("hb-offline/" + lang + "-" + VERSIONS[lang] + ".json", scope), {
    cache: "no-cache",
  });
  if (!response.ok) throw new Error("no precache list for " + lang);
  const list = await response.clone().json();
  const cache = await caches.open(cacheName(lang));
  const urls = Object.keys(list.files);
  let next = 0;
  async function worker() {
    while (next < urls.length) {
      const url = urls[next++];
      const address = new URL(url, scope).href;
      if (previous && previous.files[url] === list.files[url]) {
        const kept = await previous.cache.match(address);
        if (kept) {
          await cache.put(address, kept);
          continue;
        }
      }
      if (await cache.match(address)) continue; // fetched by an earlier, interrupted save
      const fetched = await fetch(address, { cache: "no-cache" });
      if (!fetched.ok) throw new Error(address + ": " + fetched.status);
      await cache.put(address, fetched);
    }
  }
  const workers = [];
  for (let i = 0; i < PARALLEL; i++) workers.push(worker());
  await Promise.all(workers);
  await cache.put(listKey(), response);
  await looked;
  saved.add(lang);
}

self.addEventListener("install", (event) => {
  // A new build: bring every saved language up to date before this worker may take over.
  event.waitUntil(
    (async () => {
      for (const lang of Object.keys(VERSIONS)) {
        const previous = await previousCache(lang);
        if (previous) await save(lang, previous);
      }
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const current = Object.keys(VERSIONS).map(cacheName);
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !current.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "save" && VERSIONS[data.lang]) {
    const source = event.source;
    event.waitUntil(
      save(data.lang, null).then(
        () => source && source.postMessage({ type: "saved", lang: data.lang }),
        () => undefined // offline or a file missing: the next page load tries again
      )
    );
  }
});

/* The language of a site address: its first folder when that is a language, else the default. */
function languageOf(address) {
  if (!address || !address.startsWith(scope)) return null;
  const first = address.slice(scope.length).split("/")[0];
  if (first && VERSIONS[first] && first !== DEFAULT) return first;
  return DEFAULT;
}

async function fromCaches(request) {
  for (const lang of saved || Object.keys(VERSIONS)) {
    const found = await caches.match(request, { cacheName: cacheName(lang), ignoreSearch: true });
    if (found) return found;
  }
  return null;
}

async function offlinePage(request) {
  const choices = [languageOf(request.referrer), languageOf(request.url)].concat(Object.keys(VERSIONS));
  for (const lang of choices) {
    if (!lang || !(await isSaved(lang))) continue;
    const page = await caches.match(new URL("hb-offline/" + lang + ".html", scope).href, {
      cacheName: cacheName(lang),
    });
    if (!page) continue;
    const text = (await page.text()).split("%HB_SCOPE%").join(scope);
    return new Response(text, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
  return Response.error();
}

async function respond(request) {
  const cached = await fromCaches(request);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") return offlinePage(request);
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!Object.keys(VERSIONS).length || request.method !== "GET" || !request.url.startsWith(scope)) return;
  if (saved && !saved.size) return; // nothing saved yet: the network answers, without this worker
  event.respondWith(respond(request));
});
