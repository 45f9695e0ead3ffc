// Survey: a place's network surveys. Editors and admins make a survey,
// invite people and copy their links, follow the invitations and resolve
// disputed ties (SurveyAdmin); every reader that may sees coverage by
// group, felt against structural voice and influence as many see it, each
// chart with its numbers, withheld figures shown as withheld. A funder's
// page asks for group-level figures only and names nobody.
import { useEffect, useState } from 'preact/hooks';
import { useScope } from '../context';
import { SurveyFeltPeopleDocument, SurveyFiguresDocument, SurveysDocument, type SurveyFiguresQuery } from '../generated/graphql';
import { useFresh } from '../query';
import { setParams, useLoc } from '../state';
import { Figure, Stat, Status } from '../components/Figure';
import { PlotChart } from '../components/Plot';
import { Table } from '../components/Table';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { CATEGORY, OTHER } from '../palette';
import { NewSurvey, SurveyAdmin } from './SurveyAdmin';

const WITHHELD = 'withheld';

/** num writes a count or figure, or "withheld" when the API withheld it. */
function cell(v: number | null | undefined, f: (n: number) => string = fmtInt) {
  return v == null ? WITHHELD : f(v);
}

/** groupName writes the everyone row's empty group. */
function groupName(g: string): string {
  return g === '' ? 'Everyone' : g;
}

export function Survey() {
  const s = useScope();
  const loc = useLoc();
  const editor = s.viewer.role === 'ADMIN' || s.viewer.role === 'EDITOR';
  const [tick, setTick] = useState(0);
  const list = useFresh(SurveysDocument, { placeId: s.placeId }, tick);
  const surveys = list.data?.surveys ?? [];
  const chosen = surveys.find((x) => x.id === loc.params.get('survey')) ?? surveys[surveys.length - 1];
  const [creating, setCreating] = useState(false);
  useEffect(() => setCreating(false), [s.placeId]);
  return (
    <section aria-busy={list.loading} data-testid="view-survey">
      <h1>
        Surveys <span class="sub">of {s.place?.name}</span>
      </h1>
      <Status loading={list.loading && !list.data} error={list.error} />
      <div class="toolbar">
        {surveys.length > 0 && (
          <div class="control">
            <label for="survey-pick">Survey</label>
            <select id="survey-pick" value={chosen?.id} onChange={(e) => setParams({ survey: e.currentTarget.value })}>
              {surveys.map((x) => (
                <option value={x.id}>{x.name}</option>
              ))}
            </select>
          </div>
        )}
        {editor && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New survey
          </button>
        )}
      </div>
      {list.data && surveys.length === 0 && !creating && <p>No survey of this place yet.{editor ? ' Make one with “New survey”.' : ''}</p>}
      {editor && creating && (
        <NewSurvey
          onDone={(id) => {
            setCreating(false);
            if (id) {
              setParams({ survey: id });
              setTick(tick + 1);
            }
          }}
        />
      )}
      {chosen && (
        <>
          <p class="note" data-testid="survey-about">
            {chosen.name}: {chosen.questions.length} name questions, {chosen.forumIds.length} forums, {chosen.influenceIds.length} actors to rate; created {chosen.createdOn}
            {chosen.closesOn ? `, closes ${chosen.closesOn}` : ''}.
          </p>
          {editor && <SurveyAdmin survey={chosen} />}
          <Figures id={chosen.id} person={s.viewer.personLevel} />
        </>
      )}
    </section>
  );
}

function Figures(props: { id: string; person: boolean }) {
  const f = useFresh(SurveyFiguresDocument, { id: props.id }, 0);
  const people = useFresh(SurveyFeltPeopleDocument, { id: props.id }, 0, !props.person);
  if (!f.data) return <Status loading={f.loading} error={f.error} />;
  const d = f.data;
  return (
    <div data-testid="survey-figures">
      <div class="toolbar">
        <button
          type="button"
          onClick={() => {
            f.refresh();
            people.refresh();
          }}
        >
          Refresh the figures
        </button>
      </div>
      <Coverage c={d.surveyCoverage} />
      <Felt rows={d.surveyFeltVoice} people={props.person ? people.data?.surveyFeltVoice.find((r) => r.group === '') : undefined} />
      <Influence inf={d.surveyInfluence} />
    </div>
  );
}

function Coverage(props: { c: SurveyFiguresQuery['surveyCoverage'] }) {
  const { all, groups } = props.c;
  const shares = groups.flatMap((g) => [
    ...(g.respondentShare != null ? [{ group: g.group, share: g.respondentShare, of: 'respondents' }] : []),
    ...(g.populationShare != null ? [{ group: g.group, share: g.populationShare, of: 'population' }] : []),
  ]);
  const withheld = groups.filter((g) => g.respondentShare == null && g.populationShare != null).map((g) => ({ group: g.group, of: 'respondents' }));
  return (
    <>
      <div class="stats">
        <Stat label="Invited" value={cell(all.invited)} testId="stat-invited" />
        <Stat label="Responded" value={cell(all.responded)} testId="stat-responded" />
        <Stat label="Response rate" value={cell(all.responseRate, fmtPct)} title={String(all.responseRate ?? '')} testId="stat-response-rate" />
        <Stat label="Residents" value={cell(all.population)} testId="stat-population" />
      </div>
      <Figure
        id="survey-coverage"
        title="Who answered, by group"
        note="Each group's share of the respondents against its share of the place's residents: a group below its share is missing from the data itself. Counts of 1 to 4 people, and figures that would reveal them, are withheld."
        chart={
          shares.length > 0 && (
            <PlotChart
              label="Share of respondents and of residents by group"
              deps={[shares]}
              make={(Plot, width) =>
                Plot.plot({
                  width,
                  height: 60 + 44 * groups.length,
                  marginLeft: 140,
                  marginRight: 90,
                  x: { label: 'share', grid: true, tickFormat: '%' },
                  y: { label: null, axis: 'right' },
                  fy: { label: null, axis: 'left' },
                  color: { legend: true, domain: ['respondents', 'population'], range: [CATEGORY[0], OTHER] },
                  marks: [
                    Plot.barX(shares, { y: 'of', fy: 'group', x: 'share', fill: 'of' }),
                    Plot.text(withheld, { y: 'of', fy: 'group', x: 0, text: () => WITHHELD, textAnchor: 'start', dx: 4, fill: '#555' }),
                    Plot.ruleX([0]),
                  ],
                })
              }
            />
          )
        }
        table={
          <Table
            caption="Coverage by group"
            testId="coverage-table"
            rows={groups}
            columns={[
              { label: 'Group', value: (g) => g.group },
              { label: 'Invited', value: (g) => cell(g.invited), numeric: true },
              { label: 'Responded', value: (g) => cell(g.responded), numeric: true },
              { label: 'Response rate', value: (g) => cell(g.responseRate, fmtPct), numeric: true },
              { label: 'Residents', value: (g) => cell(g.population), numeric: true },
              { label: 'Share of respondents', value: (g) => cell(g.respondentShare, fmtPct), numeric: true },
              { label: 'Share of residents', value: (g) => cell(g.populationShare, fmtPct), numeric: true },
              { label: 'Representation', value: (g) => cell(g.representation, (n) => fmtNum(n)), numeric: true },
              { label: 'Suppressed', value: (g) => (g.suppressed ? 'yes' : 'no') },
            ]}
          />
        }
      />
    </>
  );
}

const FELT_PARTS = [
  { key: 'both', label: 'feels unheard and flagged' },
  { key: 'feltOnly', label: 'feels unheard, not flagged' },
  { key: 'flaggedOnly', label: 'flagged, feels heard' },
  { key: 'neither', label: 'neither' },
] as const;

function Felt(props: { rows: SurveyFiguresQuery['surveyFeltVoice']; people?: { feltOnlyPeople: { id: string; name: string }[]; flaggedOnlyPeople: { id: string; name: string }[] } }) {
  const { rows } = props;
  const bars = rows.flatMap((r) => (r.suppressed ? [] : FELT_PARTS.map((p) => ({ group: groupName(r.group), part: p.label, n: r[p.key] ?? 0 }))));
  const withheld = rows.filter((r) => r.suppressed).map((r) => ({ group: groupName(r.group) }));
  return (
    <Figure
      id="survey-felt"
      title="Felt voice against the network's view"
      note="Respondents who answered 1 or 2 to “how much do you feel your voice is heard?” against those the network flags as unheard. A group's row is withheld whole when any of its counts is 1 to 4."
      chart={
        bars.length > 0 && (
          <PlotChart
            label="Felt and structural voice by group"
            deps={[bars]}
            make={(Plot, width) =>
              Plot.plot({
                width,
                height: 60 + 30 * rows.length,
                marginLeft: 140,
                x: { label: 'respondents', grid: true },
                y: { label: null },
                color: { legend: true, domain: FELT_PARTS.map((p) => p.label), range: [CATEGORY[7], CATEGORY[6], CATEGORY[1], OTHER] },
                marks: [
                  Plot.barX(bars, { y: 'group', x: 'n', fill: 'part', order: FELT_PARTS.map((p) => p.label) }),
                  Plot.text(withheld, { y: 'group', x: 0, text: () => WITHHELD, textAnchor: 'start', dx: 4, fill: '#555' }),
                  Plot.ruleX([0]),
                ],
              })
            }
          />
        )
      }
      table={
        <>
          <Table
            caption="Felt against structural voice by group"
            testId="felt-table"
            rows={rows}
            columns={[
              { label: 'Group', value: (r) => groupName(r.group) },
              { label: 'Answered', value: (r) => cell(r.answered), numeric: true },
              { label: 'Unanswered', value: (r) => cell(r.unanswered), numeric: true },
              { label: 'Both', value: (r) => cell(r.both), numeric: true },
              { label: 'Feels unheard only', value: (r) => cell(r.feltOnly), numeric: true },
              { label: 'Flagged only', value: (r) => cell(r.flaggedOnly), numeric: true },
              { label: 'Neither', value: (r) => cell(r.neither), numeric: true },
              { label: 'Median felt', value: (r) => cell(r.medianFelt, (n) => fmtNum(n)), numeric: true },
              { label: 'Kappa', value: (r) => (r.suppressed ? WITHHELD : r.kappa == null ? 'undefined' : fmtNum(r.kappa)), numeric: true },
            ]}
          />
          {props.people && (
            <div data-testid="felt-people">
              <h3>Feel unheard, but the network does not flag them</h3>
              <p>{props.people.feltOnlyPeople.map((p) => p.name).join(', ') || 'Nobody.'}</p>
              <h3>Flagged by the network, but feel heard</h3>
              <p>{props.people.flaggedOnlyPeople.map((p) => p.name).join(', ') || 'Nobody.'}</p>
            </div>
          )}
        </>
      }
    />
  );
}

function Influence(props: { inf: SurveyFiguresQuery['surveyInfluence'] }) {
  const { items, agreement } = props.inf;
  const named = items.map((i) => ({ ...i, name: i.actor?.name ?? i.actorId }));
  const byGroup = named.flatMap((i) => i.byGroup.map((g) => ({ actor: i.name, ...g })));
  return (
    <Figure
      id="survey-influence"
      title="Influence as many see it"
      note="Median rating (0 none to 5 a great deal) of each actor, with the middle half of the ratings (quartiles): a wide bar means raters disagree."
      chart={
        named.some((i) => i.all.ratings > 0) && (
          <PlotChart
            label="Median influence rating and quartiles by actor"
            deps={[named]}
            make={(Plot, width) =>
              Plot.plot({
                width,
                height: 60 + 30 * named.length,
                marginLeft: 220,
                x: { label: 'influence rating', domain: [0, 5], grid: true },
                y: { label: null },
                marks: [
                  Plot.ruleY(
                    named.filter((i) => i.all.ratings > 0),
                    { y: 'name', x1: (i) => i.all.q1, x2: (i) => i.all.q3, stroke: CATEGORY[0], strokeWidth: 6, strokeOpacity: 0.45 },
                  ),
                  Plot.dot(
                    named.filter((i) => i.all.ratings > 0),
                    { y: 'name', x: (i) => i.all.median, fill: CATEGORY[0], r: 5 },
                  ),
                ],
              })
            }
          />
        )
      }
      table={
        <>
          <Table
            caption="Influence ratings by actor"
            testId="influence-table"
            rows={named}
            columns={[
              { label: 'Actor', value: (i) => i.name },
              { label: 'Ratings', value: (i) => fmtInt(i.all.ratings), numeric: true },
              { label: 'Median', value: (i) => (i.all.ratings ? fmtNum(i.all.median) : '—'), numeric: true },
              { label: 'Q1', value: (i) => (i.all.ratings ? fmtNum(i.all.q1) : '—'), numeric: true },
              { label: 'Q3', value: (i) => (i.all.ratings ? fmtNum(i.all.q3) : '—'), numeric: true },
              { label: 'IQR', value: (i) => (i.all.ratings ? fmtNum(i.all.iqr) : '—'), numeric: true },
              { label: 'Ratings 0,1,2,3,4,5', value: (i) => i.all.counts.join(', ') },
            ]}
          />
          <Table
            caption="Influence ratings by the raters' group"
            testId="influence-groups-table"
            rows={byGroup}
            columns={[
              { label: 'Actor', value: (g) => g.actor },
              { label: 'Raters', value: (g) => g.group },
              { label: 'Ratings', value: (g) => cell(g.summary?.ratings), numeric: true },
              { label: 'Median', value: (g) => cell(g.summary?.median, (n) => fmtNum(n)), numeric: true },
              { label: 'IQR', value: (g) => cell(g.summary?.iqr, (n) => fmtNum(n)), numeric: true },
            ]}
          />
          <Table
            caption="Agreement among raters (Krippendorff's ordinal alpha)"
            testId="agreement-table"
            rows={agreement}
            columns={[
              { label: 'Raters', value: (a) => groupName(a.group) },
              { label: 'Number', value: (a) => cell(a.raters), numeric: true },
              { label: 'Alpha', value: (a) => (a.suppressed ? WITHHELD : a.alpha == null ? 'undefined' : fmtNum(a.alpha)), numeric: true },
            ]}
          />
        </>
      }
    />
  );
}
