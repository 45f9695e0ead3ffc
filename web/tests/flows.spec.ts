// The flows of issue 10 on the demo: picking a place, moving the date,
// figures equal to the API's answers, the path to power, a funder who sees
// no person, an analyst who cannot leave their place, the key kept in
// sessionStorage only, and the keyboard.
import type { Page } from '@playwright/test';
import { KEYED, KEYS, OPEN, expect, gqlAt, loginWith, settled, shot, test } from './fixtures';

const RIVERSIDE = 'millbrook-riverside';

async function hasField(page: Page, base: string, field: RegExp): Promise<boolean> {
  return field.test(await (await page.request.get(`${base}/schema.graphql`)).text());
}

/** graphqlErrors collects the error codes of every /graphql answer the page receives. */
function graphqlErrors(page: Page): string[] {
  const codes: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/graphql')) return;
    try {
      const body = await res.json();
      for (const e of body.errors ?? []) codes.push(e.extensions?.code ?? 'NONE');
    } catch {
      codes.push(`HTTP ${res.status()}`);
    }
  });
  return codes;
}

function asOfShown(page: Page) {
  return page.getByTestId('asof');
}

test('open / with no login on loopback; pick Riverside; figures equal the API', async ({ page }) => {
  await page.goto(OPEN() + '/');
  await expect(page.getByTestId('role')).toContainText('Admin');
  await page.getByLabel('Place').selectOption({ label: '\u00a0\u00a0Riverside Estate' });
  await expect(page).toHaveURL(/place=millbrook-riverside/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside Estate');
  await settled(page);
  const asOf = new URL(page.url()).searchParams.get('asOf') ?? new Date().toISOString().slice(0, 10);
  const api = await gqlAt<{ networkSummary: { actors: number; ties: number; components: number }; powerTrend: { unheardVoices: number; communitySeatShare: number }[] }>(
    page,
    OPEN(),
    `query($p: ID, $d: Date!) { networkSummary(placeId: $p, asOf: $d) { actors ties components } powerTrend(placeId: $p, from: $d, to: $d, step: MONTH) { unheardVoices communitySeatShare } }`,
    { p: RIVERSIDE, d: asOf },
  );
  await expect(page.getByTestId('stat-actors').locator('.stat-value')).toHaveText(String(api.networkSummary.actors));
  await expect(page.getByTestId('stat-ties').locator('.stat-value')).toHaveText(String(api.networkSummary.ties));
  await expect(page.getByTestId('stat-components').locator('.stat-value')).toHaveText(String(api.networkSummary.components));
  await expect(page.getByTestId('stat-unheard').locator('.stat-value')).toHaveText(String(api.powerTrend[0].unheardVoices));
  await expect(page.getByTestId('stat-community-seats').locator('.stat-value')).toHaveAttribute('data-value', String(api.powerTrend[0].communitySeatShare));
  await shot(page, 'flow-riverside');
  // Reloading keeps the view: the state is in the URL.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside Estate');
});

test('move the slider to 2020 and back', async ({ page }) => {
  await page.goto(OPEN() + `/?place=${RIVERSIDE}`);
  await settled(page);
  const slider = page.getByLabel('As of');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/asOf=2020-01-01/);
  await expect(asOfShown(page)).toHaveText('1 Jan 2020');
  await settled(page);
  const then = await gqlAt<{ networkSummary: { ties: number } }>(page, OPEN(), `{ networkSummary(placeId: "${RIVERSIDE}", asOf: "2020-01-01") { ties } }`);
  await expect(page.getByTestId('stat-ties').locator('.stat-value')).toHaveText(String(then.networkSummary.ties));
  await shot(page, 'flow-slider-2020');
  await page.keyboard.press('End');
  await expect(page).not.toHaveURL(/asOf=/);
  await settled(page);
  const today = new Date().toISOString().slice(0, 10);
  const now = await gqlAt<{ networkSummary: { ties: number } }>(page, OPEN(), `{ networkSummary(placeId: "${RIVERSIDE}", asOf: "${today}") { ties } }`);
  await expect(page.getByTestId('stat-ties').locator('.stat-value')).toHaveText(String(now.networkSummary.ties));
});

test("the map's picture is asked once a date", async ({ page }) => {
  test.fixme(!(await hasField(page, OPEN(), /\bnetworkLayout\s*\(/)), 'pending: the server has no networkLayout field yet');
  // Every NetworkPicture request, by its asOf. The dashboard starts the
  // picture while the map's code and WebGL set up, and the view takes that
  // answer instead of asking again; once the map is on screen, it asks itself.
  const asked: string[] = [];
  page.on('request', (r) => {
    const body = r.postData() ?? '';
    if (r.url().endsWith('/graphql') && body.includes('query NetworkPicture')) asked.push(JSON.parse(body).variables.asOf);
  });
  await page.goto(OPEN() + '/network?place=millbrook&asOf=2024-01-01');
  await settled(page);
  expect(asked).toEqual(['2024-01-01']);
  // Away and back: the page holds the picture.
  await page.getByRole('link', { name: 'Overview' }).click();
  await settled(page);
  await page.getByRole('link', { name: 'Network' }).click();
  await settled(page);
  expect(asked).toEqual(['2024-01-01']);
  // A step of the slider asks for that date once.
  const slider = page.getByLabel('As of');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/asOf=2024-02-01/);
  await settled(page);
  expect(asked).toEqual(['2024-01-01', '2024-02-01']);
});

test('the unheard list and the seat shares on screen equal the API', async ({ page }) => {
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(OPEN() + '/voices?place=millbrook');
  await settled(page);
  const api = await gqlAt<{ unheardVoices: { person: { name: string } }[] }>(page, OPEN(), `{ unheardVoices(placeId: "millbrook", asOf: "${today}", first: 500) { person { name } } }`);
  const names = await page.getByTestId('unheard-table').locator('tbody tr td:first-child').allTextContents();
  expect(names).toEqual(api.unheardVoices.map((v) => v.person.name));
  await page.getByRole('link', { name: 'Power', exact: true }).click();
  await settled(page);
  const p = await gqlAt<{ powerConcentration: { seats: { communityShare: number; professionalShare: number; organisationShare: number; seats: number } } }>(
    page,
    OPEN(),
    `{ powerConcentration(placeId: "millbrook", asOf: "${today}") { seats { seats communityShare professionalShare organisationShare } } }`,
  );
  const shares = await page.getByTestId('capacity-table').locator('tbody [data-value]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(shares).toEqual([p.powerConcentration.seats.communityShare, p.powerConcentration.seats.professionalShare, p.powerConcentration.seats.organisationShare]);
  await expect(page.getByTestId('stat-seats').locator('.stat-value')).toHaveText(String(p.powerConcentration.seats.seats));
});

test('click Jordan Blake and see his path to power', async ({ page }) => {
  test.fixme(!(await hasField(page, OPEN(), /\bnetworkLayout\s*\(/)), 'pending: the server has no networkLayout field yet');
  await page.goto(OPEN() + '/network?place=millbrook');
  await settled(page);
  // The WebGL canvas is really drawn: some pixels are not the background.
  // Rendered and read in one task, before the WebGL buffer is presented and cleared.
  const drawn = await page.evaluate(() => {
    const net = window.__voicemapNetwork!;
    net.sigma.refresh();
    const c = net.sigma.getCanvases().nodes;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
    return n;
  });
  expect(drawn).toBeGreaterThan(500);
  const pos = await page.evaluate(() => {
    const net = window.__voicemapNetwork!;
    const id = net.graph.findNode((_n, a) => a.label === 'Jordan Blake')!;
    const p = net.sigma.graphToViewport(net.graph.getNodeAttributes(id) as { x: number; y: number });
    return { id, ...p };
  });
  const box = (await page.getByTestId('network-canvas').boundingBox())!;
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await expect(page).toHaveURL(new RegExp(`actor=${pos.id}`));
  const panel = page.getByTestId('actor-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Jordan Blake');
  const path = await gqlAt<{ pathToPower: { name: string }[] | null }>(page, OPEN(), `query($id: ID!, $d: Date) { pathToPower(personId: $id, asOf: $d) { name } }`, { id: pos.id, d: new Date().toISOString().slice(0, 10) });
  if (path.pathToPower && path.pathToPower.length > 1) await expect(panel.getByTestId('path-to-power').locator('li')).toHaveText(path.pathToPower.map((a) => a.name));
  await shot(page, 'flow-jordan-blake');
});

test('a funder key sees no person name anywhere', async ({ page }) => {
  const errors = graphqlErrors(page);
  const people = await gqlAt<{ people: { edges: { node: { name: string } }[] } }>(page, KEYED(), `{ people(first: 500) { edges { node { name } } } }`, {}, KEYS().admin);
  const names = people.people.edges.map((e) => e.node.name);
  expect(names.length).toBeGreaterThan(100);
  await page.goto(KEYED() + '/');
  await loginWith(page, KEYS().funder);
  await expect(page.getByTestId('role')).toContainText('Funder');
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'Voices', 'Power', 'Money', 'Survey']);
  for (const view of ['Overview', 'Voices', 'Power', 'Money', 'Survey']) {
    await nav.getByRole('link', { name: view }).click();
    await settled(page);
    const text = await page.locator('body').innerText();
    const seen = names.filter((n) => text.includes(n));
    expect(seen, `person names on ${view}`).toEqual([]);
    await shot(page, `funder-${view.toLowerCase()}`);
  }
  // A person-level view typed into the address bar is refused without asking the API.
  await page.goto(KEYED() + '/network');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not available to your key');
  expect(errors, 'the page asked for something the key may not read').toEqual([]);
});

test('an analyst scoped to Riverside cannot pick another place', async ({ page }) => {
  const errors = graphqlErrors(page);
  await page.goto(KEYED() + '/');
  await loginWith(page, KEYS().analyst);
  await expect(page.getByTestId('role')).toContainText('Analyst');
  await expect(page.getByLabel('Place').locator('option')).toHaveText(['Riverside Estate']);
  await settled(page);
  await page.goto(KEYED() + '/voices?place=millbrook-northgate');
  await expect(page.getByTestId('place-refused')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside Estate');
  await settled(page);
  await shot(page, 'analyst-refused-place');
  expect(errors).toEqual([]);
});

test.describe('a refused key', () => {
  test.use({ expectedConsole: [/status of 401 \(Unauthorized\)/] });
  test('the key is typed once and kept in sessionStorage only', async ({ page, context }) => {
  await page.goto(KEYED() + '/power');
  await expect(page.getByLabel('API key')).toBeVisible();
  await loginWith(page, 'vm_nobody_0000');
  await expect(page.getByRole('alert')).toContainText('not accepted');
  await loginWith(page, KEYS().admin);
  await expect(page.getByTestId('role')).toContainText('Admin');
  expect(await page.evaluate(() => sessionStorage.getItem('voicemap.apiKey'))).toBe(KEYS().admin);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(page.url()).not.toContain(KEYS().admin);
  expect(await context.cookies()).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('role')).toContainText('Admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
});
});

test('usable by keyboard', async ({ page }) => {
  await page.goto(OPEN() + '/');
  await settled(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Place')).toBeFocused();
  // Through the controls to the navigation, then into Voices with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByRole('link', { name: 'Voices' }).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByRole('link', { name: 'Voices' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/voices/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Voices that may go unheard');
});

test('Money: an organisation of any kind that funds is listed with its reach', async ({ page }) => {
  // Funding is a role shown by grants, not a kind: the borough council
  // (a PUBLIC_BODY) funds the youth club in a 360Giving file.
  const csv =
    'Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:0:Name,Beneficiary Location:0:Geographic Code,Beneficiary Location:0:Geographic Code Type\n' +
    '360G-web-council-0001,Youth sessions,Evening sessions for young people,GBP,3000.00,2023-05-01,o-youth-club,Riverside Youth Club,o-council,Millbrook Borough Council,Riverside Estate,DEMO-N01,WD\n';
  await gqlAt(page, OPEN(), `mutation($d: String!) { importGrants(format: CSV, data: $d) { grants } }`, { d: csv });
  await page.goto(OPEN() + `/money?place=${RIVERSIDE}&asOf=2024-06-01`);
  await settled(page);
  const api = await gqlAt<{ grantTotals: { key: string | null; label: string | null }[] }>(
    page,
    OPEN(),
    `{ grantTotals(groupBy: FUNDER, to: "2024-06-01") { key label } }`,
  );
  const names = api.grantTotals.filter((g) => g.key).map((g) => g.label);
  expect(names).toContain('Millbrook Borough Council');
  const table = page.getByTestId('reach-table');
  await expect(table.locator('tbody tr td:first-child')).toHaveText(names as string[]);
});
