// The survey of issue 14 end to end on the demo: an editor makes a survey
// of Riverside Estate in the dashboard and invites 30 people; 30
// respondents answer through the real /respond page at a phone viewport
// (3 decline, 3 save and resume, 3 add someone new by a label, one
// disputes a tie someone named them in, 2 withdraw afterwards); then the
// Survey view's coverage, felt-vs-structural and influence figures equal
// both the API's answers and a hand count from what the respondents said.
// axe-core on every step of /respond and on the Survey view; no console
// error on any page; screenshots under test-results/screenshots.
import type { Browser, Page } from '@playwright/test';
import { KEYED, KEYS, OPEN, axe, expect, gqlAt, loginWith, settled, shot, test } from './fixtures';

const PLACE = 'millbrook-riverside';
const PHONE = { width: 390, height: 844 };
const GROUPS = ['carer', 'disabled person', 'older person', 'parent', 'young person'];
const ACTORS = [
  { id: 'o-council', name: 'Millbrook Borough Council' },
  { id: 'o-riverside-homes', name: 'Riverside Homes' },
  { id: 'o-tenants', name: "Riverside Tenants' Association" },
];
const FORUMS = [
  { id: 'f-youth-voice', name: 'Riverside Youth Voice' },
  { id: 'f-partnership-board', name: 'Millbrook Partnership Board' },
];
const DECLINE = ['p-res-009', 'p-res-032', 'p-res-040'];
const YOUNG = Array.from({ length: 12 }, (_, i) => `p-yp-${String(i + 1).padStart(2, '0')}`);
const PARENTS = ['p-parent-01', 'p-parent-05', 'p-parent-06', 'p-parent-10', 'p-parent-11', 'p-parent-15', 'p-parent-16', 'p-parent-20'];
const RESIDENTS = ['p-res-001', 'p-res-005', 'p-res-016', 'p-res-017', 'p-res-024', 'p-res-025', 'p-res-033'];
const INVITED = [...YOUNG, ...PARENTS, ...RESIDENTS, ...DECLINE];
const WITHDRAW = ['p-yp-12', 'p-res-024'];
const RESUME = ['p-yp-04', 'p-parent-06', 'p-res-005'];
const LABELS: Record<string, string> = { 'p-yp-05': 'Dee from the shop', 'p-parent-11': 'Coach at the boxing club', 'p-res-016': 'My neighbour at number 12' };
/** BATCH respondents answer at once, each in a context of their own. */
const BATCH = 6;
const TWICE = 'p-parent-01'; // opens the link in two tabs
const DISPUTER = 'p-yp-02'; // named by p-yp-01, the tie it disputes

/** Plan is what one respondent answers. */
interface Plan {
  id: string;
  name: string;
  groups: string[];
  felt: number;
  ratings: Record<string, number>;
  youthVoice: boolean;
  names: string[];
}

function plan(id: string, i: number, demoGroups: string[], names: Map<string, string>): Plan {
  const next = INVITED[(INVITED.indexOf(id) + 1) % 27];
  return {
    id,
    name: names.get(id)!,
    groups: demoGroups.length > 0 ? demoGroups : ['older person'],
    // one leaves the felt question unanswered
    felt: id === 'p-parent-16' ? 0 : [1, 2, 4, 5, 3, 2, 1, 4][i % 8],
    ratings: Object.fromEntries(ACTORS.map((a, j) => [a.id, (i * (j + 2) + j) % 6]).filter((_, j) => !(j === 2 && i % 5 === 0))),
    youthVoice: id.startsWith('p-yp-'),
    names: [names.get(next)!],
  };
}

/** quantile is Hyndman and Fan's definition 7 (linear between order statistics). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

const small = (n: number | null | undefined) => n != null && n >= 1 && n <= 4;

/** watch collects a page's console errors (those matching allowed excepted). */
function watch(page: Page, errors: string[], allowed: RegExp[] = []) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((r) => r.test(m.text()))) errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (/vs_[0-9a-f]{8}/.test(r.url())) errors.push(`the link's token in a request URL: ${r.url()}`);
  });
}

async function phone(browser: Browser, errors: string[], allowed: RegExp[] = []): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  watch(page, errors, allowed);
  return page;
}

async function step(page: Page, id: string, check: boolean, name?: string) {
  await expect(page.getByTestId(`step-${id}`)).toBeVisible();
  if (check) {
    await axe(page);
    if (name) await shot(page, `respond-${name}`);
  }
}

test.describe.configure({ timeout: 600_000 });

test('an editor surveys Riverside; thirty respondents answer on /respond; figures equal the API and a hand count', async ({ page, browser }) => {
  const errors: string[] = [];
  // People of the place, with their demo groups.
  const ppl = await gqlAt<{ people: { edges: { node: { id: string; name: string; groups: string[] } }[] } }>(
    page,
    OPEN(),
    `query($p: ID) { people(placeId: $p, first: 500) { edges { node { id name groups } } } }`,
    { p: PLACE },
  );
  const names = new Map(ppl.people.edges.map((e) => [e.node.id, e.node.name]));
  const demoGroups = new Map(ppl.people.edges.map((e) => [e.node.id, e.node.groups]));

  // 1. The editor (the open server's local admin) makes the survey in the dashboard.
  await page.goto(`${OPEN()}/survey?place=${PLACE}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Surveys');
  await page.getByRole('button', { name: 'New survey' }).click();
  const form = page.getByTestId('new-survey');
  await expect(form.getByLabel('Name', { exact: true })).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('Riverside voices');
  for (const f of FORUMS) await form.getByRole('checkbox', { name: f.name, exact: true }).check();
  for (const a of ACTORS) await form.getByRole('checkbox', { name: a.name, exact: true }).check();
  for (const g of GROUPS) await expect(form.getByRole('checkbox', { name: g, exact: true })).toBeChecked();
  await axe(page);
  await shot(page, 'survey-new');
  await form.getByRole('button', { name: 'Create the survey' }).click();
  await expect(page.getByTestId('survey-about')).toContainText('Riverside voices: 2 name questions, 2 forums, 3 actors to rate');
  const surveyId = new URL(page.url()).searchParams.get('survey')!;
  expect(surveyId).toMatch(/^sv-riverside-voices-/);

  // 2. Invite thirty people of the place and read their links.
  const invite = page.getByTestId('survey-invite');
  for (const id of INVITED) await invite.getByRole('checkbox', { name: names.get(id)!, exact: true }).check();
  await invite.getByRole('button', { name: 'Invite 30 selected' }).click();
  await expect(page.getByTestId('links-table').locator('code')).toHaveCount(30, { timeout: 30_000 });
  await expect(page.getByTestId('invitations-table').locator('tbody tr')).toHaveCount(30);
  const links = new Map<string, string>();
  for (const c of await page.getByTestId('links-table').locator('code').all()) links.set((await c.getAttribute('data-person'))!, (await c.textContent())!);
  expect([...links.keys()].sort()).toEqual([...INVITED].sort());
  for (const l of links.values()) expect(l).toMatch(new RegExp(`^${OPEN()}/respond#vs_[0-9a-f]{64}$`));
  await shot(page, 'survey-invited');

  // 3. Thirty respondents on their phones.
  let first = true;
  for (const id of DECLINE) {
    const p = await phone(browser, errors);
    await p.goto(links.get(id)!);
    await step(p, 'consent', first, 'consent');
    expect(p.url()).toBe(`${OPEN()}/respond`);
    expect(await p.evaluate(() => sessionStorage.getItem('voicemap.surveyLink'))).toMatch(/^vs_/);
    await expect(p.getByRole('heading', { level: 1 })).toBeFocused();
    if (first) {
      // By keyboard alone: the heading has the focus, then the two answers in order.
      await p.keyboard.press('Tab');
      await expect(p.getByRole('button', { name: 'I agree, start the survey' })).toBeFocused();
      await p.keyboard.press('Tab');
      await expect(p.getByRole('button', { name: 'No thanks' })).toBeFocused();
      await p.keyboard.press('Enter');
    } else await p.getByRole('button', { name: 'No thanks' }).click();
    await step(p, 'declined', first, 'declined');
    first = false;
    await p.context().close();
  }
  const respondents = INVITED.filter((id) => !DECLINE.includes(id));
  const plans: Plan[] = respondents.map((id, i) => plan(id, i, demoGroups.get(id) ?? [], names));
  // The first answers alone (axe on every step); the rest BATCH at a time,
  // the one who disputes a tie last, once the tie is said.
  const order = [...plans.filter((pl) => pl.id !== DISPUTER), plans.find((pl) => pl.id === DISPUTER)!];
  await answer(order[0], true);
  for (let k = 1; k < order.length; k += BATCH) await Promise.all(order.slice(k, k + BATCH).map((pl) => answer(pl, false)));

  async function answer(pl: Plan, first: boolean) {
    const id = pl.id;
    const p = await phone(browser, errors);
    await p.goto(links.get(id)!);
    await step(p, 'consent', false);
    await p.getByRole('button', { name: 'I agree, start the survey' }).click();
    // People: search the place's people and add one; some add someone new by a label.
    await step(p, 'people', first, 'people');
    const q = p.getByTestId('question-advice');
    await q.getByLabel('Search for someone by name').fill(pl.names[0]);
    await q.getByRole('button', { name: `Add ${pl.names[0]}`, exact: true }).click();
    await expect(q.getByRole('list', { name: 'People you named' })).toContainText(pl.names[0]);
    if (LABELS[id]) {
      const l = p.getByTestId('question-local');
      await l.getByLabel('Not found? Add them by a name or a short description').fill(LABELS[id]);
      await l.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(l.getByRole('list', { name: 'People you named' })).toContainText(LABELS[id]);
    }
    if (first) await shot(p, 'respond-people-named');
    if (RESUME.includes(id)) {
      await p.getByRole('button', { name: 'Save and finish later' }).click();
      await expect(p.getByText('Your answers are saved.')).toBeVisible();
      await p.context().close();
      const again = await phone(browser, errors);
      await again.goto(links.get(id)!);
      await step(again, 'people', false);
      await expect(again.getByTestId('question-advice').getByRole('list', { name: 'People you named' })).toContainText(pl.names[0]);
      if (RESUME[0] === id) await shot(again, 'respond-resumed');
      await run(again, pl, first);
    } else {
      await run(p, pl, first);
    }
  }

  async function run(p: Page, pl: Plan, check: boolean) {
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await step(p, 'forums', false);
    if (pl.youthVoice) {
      const f = p.getByTestId('forum-f-youth-voice');
      await f.getByRole('radio', { name: 'Yes' }).check();
      await f.getByRole('radio', { name: 'I am asked for my views' }).check();
      await f.getByRole('radio', { name: 'Once the work was being done' }).check();
    }
    await p.getByTestId('forum-f-partnership-board').getByRole('radio', { name: 'No' }).check();
    if (check) {
      await axe(p);
      await shot(p, 'respond-forums');
    }
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await step(p, 'about', false);
    for (const g of pl.groups) await p.getByTestId('groups').getByRole('checkbox', { name: g, exact: true }).check();
    if (pl.felt) await p.getByTestId('felt').getByRole('radio', { name: new RegExp(`^${pl.felt}:`) }).check();
    if (check) {
      await axe(p);
      await shot(p, 'respond-about');
    }
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await step(p, 'influence', false);
    for (const [actor, v] of Object.entries(pl.ratings)) await p.getByTestId(`rate-${actor}`).getByRole('radio', { name: new RegExp(`^${v}:`) }).check();
    if (check) {
      await axe(p);
      await shot(p, 'respond-influence');
    }
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await step(p, 'check', check, 'check');
    await expect(p.getByTestId('summary')).toContainText(pl.names[0]);
    // The same link open in a second tab: once the first sends, the second cannot (CONFLICT), and says so.
    const twice = pl.id === TWICE ? await phone(browser, errors) : null;
    if (twice) {
      await twice.goto(links.get(pl.id)!);
      await step(twice, 'people', false);
    }
    await p.getByRole('button', { name: 'Send my answers' }).click();
    await step(p, 'data', check, 'data');
    if (twice) {
      await twice.getByRole('button', { name: 'Save and continue' }).click();
      await expect(twice.getByTestId('respond-error')).toContainText('Your answers were sent already');
      await twice.context().close();
    }
    await expect(p.getByTestId('data-note')).toHaveText('Thank you: your answers were sent.');
    await expect(p.getByTestId('consent')).toHaveText('given');
    if (pl.id === DISPUTER) {
      // Named by p-yp-01 in answer to "who do you go to for advice": it does not hold.
      const by = names.get('p-yp-01')!;
      const tie = p.locator('[data-testid^="tie-"]').filter({ hasText: by }).filter({ hasText: 'Someone else said this in a survey' });
      await tie.getByRole('button', { name: /This is wrong/ }).click();
      await tie.getByLabel('Why is it wrong? (optional)').fill('I have never asked them for advice.');
      await axe(p);
      await tie.getByRole('button', { name: 'Tell the organisers' }).click();
      await expect(p.getByTestId('data-note')).toContainText('is flagged as wrong');
      await expect(tie).toContainText('It is flagged until');
      await shot(p, 'respond-disputed');
    }
    await p.context().close();
  }

  // Two withdraw afterwards, with a confirmation.
  for (const [k, id] of WITHDRAW.entries()) {
    const p = await phone(browser, errors);
    await p.goto(links.get(id)!);
    await step(p, 'data', false);
    await p.getByRole('button', { name: 'Withdraw my consent' }).click();
    if (k === 0) {
      await axe(p);
      await shot(p, 'respond-withdraw-confirm');
    }
    await p.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
    await expect(p.getByTestId('consent')).toHaveText('withdrawn');
    await expect(p.getByTestId('withdrawn')).toBeVisible();
    if (k === 0) {
      await axe(p);
      await shot(p, 'respond-withdrawn');
    }
    await p.context().close();
  }

  // A link replaced by a new invitation answers 401: the page says so in words.
  const old = links.get(DECLINE[0])!;
  await gqlAt(page, OPEN(), `mutation($s: ID!, $p: ID!) { invite(surveyId: $s, personId: $p) { link } }`, { s: surveyId, p: DECLINE[0] });
  {
    const p = await phone(browser, errors, [/status of 401/]);
    await p.goto(old);
    await expect(p.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
    await expect(p.getByTestId('respond-error')).toContainText('ask the person who sent it for a new one');
    expect(await p.evaluate(() => sessionStorage.getItem('voicemap.surveyLink'))).toBeNull();
    await axe(p);
    await shot(p, 'respond-expired');
    await p.context().close();
  }
  expect(errors, 'console errors on /respond').toEqual([]);

  // 4. The hand count, from the plans and the network's flags.
  const kept = plans.filter((pl) => !WITHDRAW.includes(pl.id));
  const groupsOf = (id: string) => kept.find((pl) => pl.id === id)?.groups ?? demoGroups.get(id) ?? [];
  const invitees = INVITED.filter((id) => !WITHDRAW.includes(id));
  const submitted = new Set(kept.map((pl) => pl.id));
  const api = await gqlAt<{
    surveyCoverage: { all: { invited: number; responded: number; responseRate: number }; groups: { group: string; invited: number | null; responded: number | null; population: number | null; suppressed: boolean }[] };
    surveyFeltVoice: { group: string; answered: number | null; unanswered: number | null; both: number | null; feltOnly: number | null; flaggedOnly: number | null; neither: number | null; medianFelt: number | null; kappa: number | null; suppressed: boolean }[];
    surveyInfluence: { items: { actorId: string; all: { ratings: number; counts: number[]; median: number; q1: number; q3: number; iqr: number } }[] };
    unheardVoices: { person: { id: string }; unheard: boolean }[];
    place: { populationByGroup: { group: string; count: number }[] };
  }>(
    page,
    OPEN(),
    `query($s: ID!, $p: ID!) {
      surveyCoverage(surveyId: $s) { all { invited responded responseRate } groups { group invited responded population suppressed } }
      surveyFeltVoice(surveyId: $s) { group answered unanswered both feltOnly flaggedOnly neither medianFelt kappa suppressed }
      surveyInfluence(surveyId: $s) { items { actorId all { ratings counts median q1 q3 iqr } } }
      unheardVoices(placeId: $p, first: 500) { person { id } unheard }
      place(id: $p) { populationByGroup { group count } }
    }`,
    { s: surveyId, p: PLACE },
  );
  // Coverage.
  expect(api.surveyCoverage.all.invited).toBe(invitees.length);
  expect(api.surveyCoverage.all.responded).toBe(kept.length);
  expect(api.surveyCoverage.all.responseRate).toBeCloseTo(kept.length / invitees.length, 12);
  const census = new Map(api.place.populationByGroup.map((g) => [g.group, g.count]));
  let published = 0;
  for (const row of api.surveyCoverage.groups) {
    const inv = invitees.filter((id) => groupsOf(id).includes(row.group)).length;
    const resp = invitees.filter((id) => submitted.has(id) && groupsOf(id).includes(row.group)).length;
    if (row.invited != null) expect(row.invited, `invited ${row.group}`).toBe(inv);
    else expect(small(inv) || small(invitees.length - inv), `invited ${row.group} withheld`).toBe(true);
    if (row.responded != null) {
      expect(row.responded, `responded ${row.group}`).toBe(resp);
      published++;
    } else expect(row.invited == null || small(resp) || small(inv - resp) || small(kept.length - resp), `responded ${row.group} withheld`).toBe(true);
    expect(row.population).toBe(census.get(row.group) ?? null);
  }
  expect(published, 'coverage rows published').toBeGreaterThanOrEqual(3);
  // Felt against structural voice.
  const flagged = new Set(api.unheardVoices.filter((v) => v.unheard).map((v) => v.person.id));
  const feltRow = (members: Plan[]) => {
    const answered = members.filter((m) => m.felt > 0);
    const low = (m: Plan) => m.felt <= 2;
    const c = {
      answered: answered.length,
      unanswered: members.length - answered.length,
      both: answered.filter((m) => low(m) && flagged.has(m.id)).length,
      feltOnly: answered.filter((m) => low(m) && !flagged.has(m.id)).length,
      flaggedOnly: answered.filter((m) => !low(m) && flagged.has(m.id)).length,
      neither: answered.filter((m) => !low(m) && !flagged.has(m.id)).length,
    };
    const n = c.answered;
    const po = (c.both + c.neither) / n;
    const pe = ((c.both + c.feltOnly) * (c.both + c.flaggedOnly) + (c.flaggedOnly + c.neither) * (c.feltOnly + c.neither)) / (n * n);
    const sorted = answered.map((m) => m.felt).sort((a, b) => a - b);
    return { ...c, kappa: pe === 1 ? null : (po - pe) / (1 - pe), medianFelt: quantile(sorted, 0.5) };
  };
  for (const row of api.surveyFeltVoice) {
    const want = feltRow(row.group === '' ? kept : kept.filter((m) => m.groups.includes(row.group)));
    if (row.suppressed) {
      expect(row.answered).toBeNull();
      expect([want.answered, want.unanswered, want.both, want.feltOnly, want.flaggedOnly, want.neither, kept.filter((m) => m.felt > 0).length - want.answered].some(small), `felt ${row.group} withheld`).toBe(true);
      continue;
    }
    for (const k of ['answered', 'unanswered', 'both', 'feltOnly', 'flaggedOnly', 'neither'] as const) expect(row[k], `felt ${row.group} ${k}`).toBe(want[k]);
    expect(row.medianFelt).toBeCloseTo(want.medianFelt, 12);
    if (want.kappa == null) expect(row.kappa).toBeNull();
    else expect(row.kappa!).toBeCloseTo(want.kappa, 9);
  }
  expect(api.surveyFeltVoice.find((r) => r.group === '')!.suppressed).toBe(false);
  // Influence.
  for (const a of ACTORS) {
    const item = api.surveyInfluence.items.find((x) => x.actorId === a.id)!;
    const vals = kept.flatMap((pl) => (pl.ratings[a.id] == null ? [] : [pl.ratings[a.id]])).sort((x, y) => x - y);
    expect(item.all.ratings).toBe(vals.length);
    expect(item.all.counts).toEqual([0, 1, 2, 3, 4, 5].map((v) => vals.filter((x) => x === v).length));
    expect(item.all.median).toBeCloseTo(quantile(vals, 0.5), 12);
    expect(item.all.q1).toBeCloseTo(quantile(vals, 0.25), 12);
    expect(item.all.q3).toBeCloseTo(quantile(vals, 0.75), 12);
  }

  // 5. The Survey view shows the same figures, and the open dispute.
  await page.goto(`${OPEN()}/survey?place=${PLACE}&survey=${surveyId}`);
  await settled(page);
  await expect(page.getByTestId('stat-invited').locator('.stat-value')).toHaveText(String(invitees.length));
  await expect(page.getByTestId('stat-responded').locator('.stat-value')).toHaveText(String(kept.length));
  const cov = page.getByTestId('coverage-table');
  for (const row of api.surveyCoverage.groups) {
    const tr = cov.locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${row.group}$`) }) });
    await expect(tr.locator('td').nth(1)).toHaveText(row.invited == null ? 'withheld' : String(row.invited));
    await expect(tr.locator('td').nth(2)).toHaveText(row.responded == null ? 'withheld' : String(row.responded));
  }
  const felt = page.getByTestId('felt-table');
  for (const row of api.surveyFeltVoice) {
    const tr = felt.locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${row.group === '' ? 'Everyone' : row.group}$`) }) });
    const want = [row.answered, row.unanswered, row.both, row.feltOnly, row.flaggedOnly, row.neither].map((v) => (v == null ? 'withheld' : String(v)));
    for (const [k, w] of want.entries()) await expect(tr.locator('td').nth(k + 1)).toHaveText(w);
  }
  const inf = page.getByTestId('influence-table');
  for (const a of ACTORS) {
    const item = api.surveyInfluence.items.find((x) => x.actorId === a.id)!;
    const tr = inf.locator('tbody tr').filter({ hasText: a.name });
    await expect(tr.locator('td').nth(1)).toHaveText(String(item.all.ratings));
    await expect(tr.locator('td').nth(2)).toHaveText(item.all.median.toLocaleString('en-GB', { maximumFractionDigits: 3 }));
    await expect(tr.locator('td').nth(6)).toHaveText(item.all.counts.join(', '));
  }
  const disputes = page.getByTestId('disputes-table');
  await expect(disputes.locator('tbody tr')).toHaveCount(1);
  await expect(disputes).toContainText('I have never asked them for advice.');
  await expect(disputes).toContainText(names.get(DISPUTER)!);
  const inv = page.getByTestId('invitations-table');
  await expect(inv.locator('tbody tr').filter({ hasText: 'submitted' })).toHaveCount(kept.length);
  await expect(inv.locator('tbody tr').filter({ hasText: 'declined' })).toHaveCount(DECLINE.length);
  await axe(page);
  await shot(page, 'survey-figures');
  await disputes.getByRole('button', { name: 'Remove the tie' }).click();
  await expect(disputes.locator('tbody tr')).toHaveText(['No open dispute.']);
});

test('a funder sees the Survey view group-level only: no invitations, disputes or names, no person-level query', async ({ page }) => {
  const { admin, funder } = KEYS();
  const id = `sv-funder-${Date.now().toString(36)}`;
  await gqlAt(page, KEYED(), `mutation($i: SurveyInput!) { upsertSurvey(input: $i) { id } }`, {
    i: { id, name: 'Riverside check-in', placeId: PLACE, influenceIds: ['o-council', 'p-jordan-blake'], groups: ['young person', 'parent'] },
  }, admin);
  // Seven young people invited, six answer over the API with their links.
  const who = YOUNG.slice(0, 7);
  for (const [i, person] of who.entries()) {
    const r = await gqlAt<{ invite: { link: string } }>(page, KEYED(), `mutation($s: ID!, $p: ID!) { invite(surveyId: $s, personId: $p) { link } }`, { s: id, p: person }, admin);
    if (i === 6) break; // the seventh never answers
    const token = r.invite.link.split('#')[1];
    await gqlAt(page, KEYED(), `mutation { answerConsent(give: true) }`, {}, token);
    await gqlAt(page, KEYED(), `mutation($a: ResponseInput!) { submitResponse(answers: $a) }`, { a: { groups: ['young person'], felt: 1 + (i % 5), ratings: [{ actorId: 'o-council', value: i % 6 }, { actorId: 'p-jordan-blake', value: 5 }] } }, token);
  }
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql')) sent.push(r.postData() ?? '');
  });
  const codes: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/graphql')) return;
    for (const e of (await res.json()).errors ?? []) codes.push(e.extensions?.code ?? 'NONE');
  });
  await page.goto(`${KEYED()}/survey?place=${PLACE}&survey=${id}`);
  await loginWith(page, funder);
  await expect(page.getByTestId('role')).toContainText('Funder');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Surveys');
  await settled(page);
  await expect(page.getByTestId('survey-figures')).toBeVisible();
  await expect(page.getByTestId('survey-invite')).toHaveCount(0);
  await expect(page.getByTestId('survey-invitations')).toHaveCount(0);
  await expect(page.getByTestId('survey-disputes')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New survey' })).toHaveCount(0);
  await expect(page.getByTestId('felt-people')).toHaveCount(0);
  const text = await page.locator('main').innerText();
  for (const person of [...who, 'p-jordan-blake']) {
    const name = (await gqlAt<{ person: { name: string } }>(page, KEYED(), `query($p: ID!) { person(id: $p) { name } }`, { p: person }, admin)).person.name;
    expect(text, `a person's name on the funder's page`).not.toContain(name);
  }
  // The figures equal the API's answer to the funder's own key.
  const api = await gqlAt<{ surveyCoverage: { all: { invited: number; responded: number } }; surveyInfluence: { items: { actorId: string }[] } }>(
    page,
    KEYED(),
    `query($s: ID!) { surveyCoverage(surveyId: $s) { all { invited responded } } surveyInfluence(surveyId: $s) { items { actorId } } }`,
    { s: id },
    funder,
  );
  await expect(page.getByTestId('stat-invited').locator('.stat-value')).toHaveText(String(api.surveyCoverage.all.invited));
  await expect(page.getByTestId('stat-responded').locator('.stat-value')).toHaveText(String(api.surveyCoverage.all.responded));
  await expect(page.getByTestId('influence-table').locator('tbody tr')).toHaveCount(api.surveyInfluence.items.length);
  expect(api.surveyInfluence.items.map((i) => i.actorId)).toEqual(['o-council']);
  // Small groups withheld: the rows read "withheld".
  await expect(page.getByTestId('coverage-table').locator('tbody')).toContainText('withheld');
  expect(codes).toEqual([]);
  for (const body of sent) expect(body).not.toMatch(/invitations|disputes|feltOnlyPeople|flaggedOnlyPeople|people\(/);
  await axe(page);
  await shot(page, 'survey-funder');
});
