import { useScope } from '../context';
import { OverviewDocument, OverviewSeatsDocument, type OverviewQuery } from '../generated/graphql';
import { useQuery } from '../query';
import { Figure, Stat, Status } from '../components/Figure';
import { PlotChart } from '../components/Plot';
import { Table } from '../components/Table';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { formatDate } from '../dates';
import { CATEGORY } from '../palette';

type Point = OverviewQuery['trend'][number];

function Sparkline(props: { points: Point[]; y: keyof Point; label: string }) {
  const { points, y, label } = props;
  return (
    <PlotChart
      class="spark"
      label={`${label}: trend from ${points[0] ? formatDate(points[0].date) : ''}`}
      deps={[points, y]}
      make={(Plot, width) =>
        Plot.plot({
          width: Math.min(width, 260),
          height: 44,
          margin: 4,
          axis: null,
          x: { type: 'utc' },
          marks: [
            Plot.lineY(points, { x: (d: Point) => new Date(d.date), y: (d: Point) => d[y] as number, stroke: CATEGORY[0], strokeWidth: 1.5 }),
            Plot.dot(points.slice(-1), { x: (d: Point) => new Date(d.date), y: (d: Point) => d[y] as number, fill: CATEGORY[0], r: 2.5 }),
          ],
        })
      }
    />
  );
}

/** Overview: the headline figures of the place on the date, with their trends (powerTrend). */
export function Overview() {
  const s = useScope();
  const vars = { placeId: s.placeId, asOf: s.asOf, from: s.trendFrom };
  const q = useQuery(OverviewDocument, vars);
  const seats = useQuery(OverviewSeatsDocument, { placeId: s.placeId, asOf: s.asOf }, !s.viewer.personLevel);
  const d = q.data;
  const now = d?.now[0];
  const trend = d?.trend ?? [];
  const busy = q.loading || seats.loading;
  return (
    <section aria-busy={busy} data-testid="view-overview">
      <h1>
        {s.place?.name} <span class="sub">as of {formatDate(s.asOf)}</span>
      </h1>
      <Status loading={q.loading && !d} error={q.error ?? seats.error} />
      {d && (
        <>
          <div class="stats">
            <Stat label="Actors" value={fmtInt(d.networkSummary.actors)} testId="stat-actors" title={String(d.networkSummary.actors)} />
            <Stat label="Ties" value={fmtInt(d.networkSummary.ties)} testId="stat-ties" title={String(d.networkSummary.ties)} />
            <Stat label="Components" value={fmtInt(d.networkSummary.components)} testId="stat-components" title={String(d.networkSummary.components)} />
            <Stat label="Unheard voices" value={fmtInt(now?.unheardVoices)} testId="stat-unheard" title={String(now?.unheardVoices)}>
              <Sparkline points={trend} y="unheardVoices" label="Unheard voices" />
            </Stat>
            <Stat label="Community share of decision seats" value={fmtPct(now?.communitySeatShare)} testId="stat-community-seats" title={String(now?.communitySeatShare)}>
              <Sparkline points={trend} y="communitySeatShare" label="Community share of decision seats" />
            </Stat>
            {s.viewer.personLevel ? (
              <Stat label="Seat concentration (HHI)" value={fmtNum(seats.data?.powerConcentration.seats.hhi)} testId="stat-seat-hhi" title={String(seats.data?.powerConcentration.seats.hhi)}>
                <p class="note">
                  {seats.data ? `${seats.data.powerConcentration.seats.majorityHolders} of ${seats.data.powerConcentration.seats.holders} holders hold half the ${seats.data.powerConcentration.seats.seats} seats` : ''}
                </p>
              </Stat>
            ) : null}
            <Stat label="Betweenness centralization" value={fmtNum(now?.betweennessCentralization)} testId="stat-centralization" title={String(now?.betweennessCentralization)}>
              <Sparkline points={trend} y="betweennessCentralization" label="Betweenness centralization" />
            </Stat>
          </div>
          <Figure
            id="trend-table"
            title="Over time"
            note={`Every quarter from ${formatDate(s.trendFrom)} (powerTrend).`}
            table={
              <Table
                caption="Power over time, quarterly"
                rows={trend}
                columns={[
                  { label: 'Date', value: (p) => p.date },
                  { label: 'Unheard voices', value: (p) => fmtInt(p.unheardVoices), numeric: true },
                  { label: 'Community seat share', value: (p) => fmtPct(p.communitySeatShare), numeric: true },
                  { label: 'Betweenness centralization', value: (p) => fmtNum(p.betweennessCentralization), numeric: true },
                  { label: 'Betweenness Gini', value: (p) => fmtNum(p.betweennessGini), numeric: true },
                  { label: 'Degree centralization', value: (p) => fmtNum(p.degreeCentralization), numeric: true },
                ]}
              />
            }
          />
        </>
      )}
    </section>
  );
}
