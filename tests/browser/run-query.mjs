// Opens Banana Cake Pop at <server>/graphql in Debian's Chromium, lets it load the schema
// (its two-phase introspection), types a query into its editor, presses Run and waits for the
// answer in its response pane. Prints one JSON line with what it saw and exits 0 when every
// step worked, 1 when one did not. It takes a screenshot either way.
//
//   node run-query.mjs <server URL> <query> <text the answer must show> <screenshot.png>
//
// Lineage.Graph.Server.Tests (Browser/GraphQLIdeBrowserTests.cs) runs it; every wait is bounded.
import { chromium } from 'playwright-core';

const [server, query, expected, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: node run-query.mjs <server URL> <query> <expected text> <screenshot.png>');
  process.exit(2);
}

const stepTimeout = 20_000;
const endpoint = new URL('/graphql', server).href;
const report = { ok: false, step: 'launch', page: null, introspection: [], queryStatus: null, queryBody: null, error: null, screenshot };
const isIntrospection = (request) => /__schema|__type\(/.test(request.postData() ?? '');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  timeout: 30_000,
  // Without the background-networking flags Chromium keeps dialling Google from a machine that cannot reach it.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let page;
try {
  // The IDE's service worker reloads the page once it has cached itself; blocking it keeps the run deterministic.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(stepTimeout);
  page = await context.newPage();
  page.on('response', async (response) => {
    const request = response.request();
    if (request.method() === 'POST' && response.url() === endpoint && isIntrospection(request)) {
      const body = await response.text().catch((e) => `(unreadable: ${e.message})`);
      report.introspection.push({ status: response.status(), phase: /__schema/.test(request.postData()) ? 2 : 1, body: body.slice(0, 300) });
    }
  });

  report.step = 'open /graphql';
  const opened = await page.goto(endpoint, { waitUntil: 'load' });
  report.page = page.url();
  if (!opened?.ok()) throw new Error(`GET ${endpoint} answered ${opened?.status()}`);

  report.step = 'create a document (the IDE introspects the endpoint)';
  const schemaLoaded = page.waitForResponse(
    (r) => r.url() === endpoint && r.request().method() === 'POST' && /__schema/.test(r.request().postData() ?? ''));
  await page.getByRole('button', { name: 'Create Document' }).click();
  const schema = await (await schemaLoaded).json().catch(() => null);
  if (!schema?.data?.__schema || schema.errors) throw new Error(`the schema introspection was answered with ${JSON.stringify(schema?.errors ?? schema).slice(0, 300)}`);

  report.step = "wait for 'Schema available'";
  await page.getByText('Schema available', { exact: true }).waitFor();

  report.step = 'type the query';
  // The IDE copies the editor's text into its document after a short debounce and then marks the
  // document tab as changed; Run sends the document, so the tab's change is the signal to wait for.
  const tab = page.locator('div[draggable="true"].active');
  const unchanged = await tab.getAttribute('class');
  const editor = page.locator('.monaco-editor[data-uri^="file:///operations/"]');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(query);
  await page.waitForFunction(([element, before]) => element.className !== before, [await tab.elementHandle(), unchanged],
    { timeout: stepTimeout });

  report.step = 'press Run';
  let answer;
  for (let attempt = 1; attempt <= 3 && !answer; attempt++) {
    const answered = page.waitForResponse(
      (r) => r.url() === endpoint && r.request().method() === 'POST' && !isIntrospection(r.request()));
    await page.getByRole('button', { name: /^Run Operation/ }).click();
    const response = await answered;
    // Should the debounce still have been pending, the IDE sent an empty document: press Run again.
    if (JSON.parse(response.request().postData() ?? '{}').query === query) answer = response;
  }
  if (!answer) throw new Error('the IDE never sent the typed query');
  report.queryStatus = answer.status();
  report.queryBody = (await answer.text()).slice(0, 500);

  report.step = 'read the response pane';
  // The response pane is the Monaco editor that holds no file of the document (operations, variables).
  await page.locator('.monaco-editor[data-uri^="inmemory://"]').filter({ hasText: expected }).waitFor();
  report.ok = true;
} catch (error) {
  report.error = error.message.split('\n').slice(0, 6).join('\n');
} finally {
  await page?.screenshot({ path: screenshot, timeout: 10_000 }).catch((e) => { report.screenshot = `(none: ${e.message})`; });
  await browser.close();
}

console.log(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
