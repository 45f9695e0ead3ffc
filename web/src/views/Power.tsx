import { useScope } from '../context';
import { PowerDocument, PowerTrendDocument, type PowerTrendQuery } from '../generated/graphql';
import { useQuery } from '../query';
import { Figure, Stat, Status } from '../components/Figure';
import { PlotChart } from '../components/Plot';
import { Table } from '../components/Table';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { formatDate } from '../dates';
import { CATEGORY } from '../palette';

type TrendPoint = PowerTrendQuery['powerTrend'][number];
const SERIES: { key: keyof TrendPoint; label: string }[] = [
  { key: 'communitySeatShare', label: 'Community seat share' },
  { key: 'betweennessCentralization', label: 'Betweenness centralization' },
  { key: 'betweennessGini', label: 'Betweenness Gini' },
  { key: 'pageRankGini', label: 'PageRank Gini' },
];

/** Power: who holds the decision seats, how each group is represented, the forums deciding without those they affect, concentration and its trend. */
export function Power() {
  const s = useScope();
  const person = s.viewer.personLevel;
  const p = useQuery(PowerDocument, { placeId: s.placeId, asOf: s.asOf }, !person);
  const t = useQuery(PowerTrendDocument, { placeId: s.placeId, from: s.trendFrom, to: s.asOf });
  const pc = p.data?.powerConcentration;
  const rep = p.data?.representation ?? [];
  const excl = p.data?.nothingAboutUsWithoutUs ?? [];
  const trend = t.data?.powerTrend ?? [];
  const long = trend.flatMap((d) => SERIES.map((s) => ({ date: new Date(d.date), series: s.label, value: d[s.key] as number })));
  const capacity = pc
    ? [
        { holder: 'Community members', share: pc.seats.communityShare },
        { holder: 'Professionals', share: pc.seats.professionalShare },
        { holder: 'Organisations', share: pc.seats.organisationShare },
      ]
    : [];
  return (
    <section aria-busy={p.loading || t.loading} data-testid="view-power">
      <h1>
        Who holds the power <span class="sub">in {s.place?.name}, as of {formatDate(s.asOf)}</span>
      </h1>
      <Status loading={(p.loading && !p.data) || (t.loading && !t.data)} error={p.error ?? t.error} />
      {pc && (
        <>
          <div class="stats">
            <Stat label="Decision seats" value={fmtInt(pc.seats.seats)} testId="stat-seats" title={String(pc.seats.seats)} />
            <Stat label="Seat holders" value={fmtInt(pc.seats.holders)} testId="stat-holders" title={String(pc.seats.holders)} />
            <Stat label="Hold half the seats" value={fmtInt(pc.seats.majorityHolders)} testId="stat-majority" title={String(pc.seats.majorityHolders)} />
            <Stat label="Seat HHI" value={fmtNum(pc.seats.hhi)} testId="stat-hhi" title={String(pc.seats.hhi)} />
            <Stat label="Top 5% hold of betweenness" value={fmtPct(pc.topShare)} testId="stat-topshare" title={String(pc.topShare)} />
          </div>
          <Figure
            id="seats-capacity"
            title="Decision seats by capacity"
            chart={
              <PlotChart
                label="Share of decision seats by capacity"
                deps={[capacity]}
                make={(Plot, width) =>
                  Plot.plot({
                    width,
                    height: 130,
                    marginLeft: 150,
                    x: { label: 'share of seats (%)', domain: [0, 100], grid: true },
                    y: { label: null },
                    marks: [Plot.barX(capacity, { y: 'holder', x: (d) => d.share * 100, fill: (_d, i) => CATEGORY[i] }), Plot.ruleX([0])],
                  })
                }
              />
            }
            table={
              <Table
                caption="Share of decision seats by capacity"
                testId="capacity-table"
                rows={capacity}
                columns={[
                  { label: 'Holder', value: (d) => d.holder },
                  { label: 'Share of seats', value: (d) => <span data-value={d.share}>{fmtPct(d.share)}</span>, numeric: true },
                ]}
              />
            }
          />
          <Figure
            id="representation"
            title="Representation by group"
            note="A group's share of decision seats against its share of the community; a token flag where one person carries the group's seats."
            chart={
              <PlotChart
                label="Seat share against community share by group"
                deps={[rep]}
                make={(Plot, width) =>
                  Plot.plot({
                    width,
                    height: 60 + 34 * rep.length,
                    marginLeft: 140,
                    x: { label: 'share (%)', grid: true },
                    y: { label: null },
                    color: { legend: true, domain: ['community share', 'seat share'], range: [CATEGORY[1], CATEGORY[0]] },
                    marks: [
                      Plot.barX(rep, { y: 'group', x: (d) => d.communityShare * 100, fill: () => 'community share', insetTop: 2, insetBottom: 14 }),
                      Plot.barX(rep, { y: 'group', x: (d) => d.seatShare * 100, fill: () => 'seat share', insetTop: 14, insetBottom: 2 }),
                      Plot.ruleX([0]),
                    ],
                  })
                }
              />
            }
            table={
              <Table
                caption="Representation by group"
                testId="representation-table"
                rows={rep}
                columns={[
                  { label: 'Group', value: (r) => r.group },
                  { label: 'Community share', value: (r) => <span data-value={r.communityShare}>{fmtPct(r.communityShare)}</span>, numeric: true },
                  { label: 'Seats', value: (r) => fmtInt(r.seats), numeric: true },
                  { label: 'Seat share', value: (r) => <span data-value={r.seatShare}>{fmtPct(r.seatShare)}</span>, numeric: true },
                  { label: 'Ratio', value: (r) => fmtNum(r.ratio, 2), numeric: true },
                  { label: 'Representatives', value: (r) => fmtInt(r.representatives), numeric: true },
                  { label: 'Token', value: (r) => (r.token ? 'token' : '') },
                  { label: 'From the start', value: (r) => (r.involvedFromStart ? 'yes' : 'no') },
                ]}
              />
            }
          />
          <Figure
            id="exclusions"
            title="Nothing about us without us"
            note="Decision-making forums that affect a group with no member of it sharing the decision."
            table={
              <Table
                caption="Forums deciding without the group they affect"
                rows={excl}
                empty="Every forum shares its decisions with the groups it affects."
                columns={[
                  { label: 'Forum', value: (x) => x.forum.name },
                  { label: 'Group left out', value: (x) => x.group },
                  { label: 'Present below co-production', value: (x) => x.present.map((a) => a.name).join(', ') || 'nobody' },
                ]}
              />
            }
          />
          <Figure
            id="holders"
            title="Who holds the seats"
            table={
              <Table
                caption="Seat holders, most seats first"
                rows={pc.seats.holderList}
                columns={[
                  { label: 'Holder', value: (h) => h.actor.name },
                  { label: 'Kind', value: (h) => h.kind.replace('_', ' ').toLowerCase() },
                  { label: 'Seats', value: (h) => fmtInt(h.seats), numeric: true },
                ]}
              />
            }
          />
        </>
      )}
      {t.data && (
        <Figure
          id="power-trend"
          title="Concentration over time"
          note={`Quarterly from ${formatDate(s.trendFrom)}. Centralization runs from 0 (spread evenly) to 1 (a star); Gini from 0 (equal) to 1.`}
          chart={
            <PlotChart
              label="Power indices over time"
              deps={[long]}
              make={(Plot, width) =>
                Plot.plot({
                  width,
                  height: 260,
                  x: { type: 'utc', label: null },
                  y: { label: 'index', domain: [0, 1], grid: true },
                  color: { legend: true, domain: SERIES.map((s) => s.label), range: CATEGORY.slice(0, SERIES.length) },
                  marks: [Plot.lineY(long, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2 }), Plot.dot(long, { x: 'date', y: 'value', fill: 'series', r: 2, symbol: 'series' })],
                })
              }
            />
          }
          table={
            <Table
              caption="Power indices, quarterly"
              rows={trend}
              columns={[
                { label: 'Date', value: (d) => d.date },
                ...SERIES.map((s) => ({ label: s.label, value: (d: TrendPoint) => fmtNum(d[s.key] as number), numeric: true })),
                { label: 'Unheard voices', value: (d: TrendPoint) => fmtInt(d.unheardVoices), numeric: true },
              ]}
            />
          }
        />
      )}
      {t.data && (
        <Figure
          id="quality"
          title="Quality of relationships"
          table={
            <Table
              caption="Relationship quality"
              rows={[t.data.relationshipQuality]}
              columns={[
                { label: 'Ties', value: (q) => fmtInt(q.ties), numeric: true },
                { label: 'Reciprocal', value: (q) => fmtPct(q.reciprocalShare), numeric: true },
                { label: 'Long-lived', value: (q) => fmtPct(q.longLivedShare), numeric: true },
                { label: 'More than one kind of tie', value: (q) => fmtPct(q.multiplexShare), numeric: true },
              ]}
            />
          }
        />
      )}
    </section>
  );
}
