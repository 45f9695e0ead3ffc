import { lazy, Suspense } from 'preact/compat';
import { useScope } from '../context';
import { MoneyDocument, PlaceGeometryDocument, ReachDocument } from '../generated/graphql';
import { useQueries, useQuery } from '../query';
import { Figure, Stat, Status } from '../components/Figure';
import { PlotChart } from '../components/Plot';
import { Table } from '../components/Table';
import { fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import { formatDate } from '../dates';
import { CATEGORY } from '../palette';

const PlaceMap = lazy(() => import('../components/PlaceMap'));

/** The most funders whose reach the view asks for (one fundingReach request each), those giving most first. */
const MAX_FUNDERS = 20;

/** Money: places under-served against a need-weighted fair share (chart, and map where places carry geometry), each funder's reach to unheard voices, and concentration. */
export function Money() {
  const s = useScope();
  const q = useQuery(MoneyDocument, { placeId: s.placeId, to: s.asOf });
  const rep = q.data?.underservedReport;
  const conc = q.data?.fundingConcentration;
  // Organisations outside a scoped key's places come as one unnamed group (key null): left out.
  const allFunders = (q.data?.funders ?? []).flatMap((g) => (g.key ? [{ id: g.key, name: g.label ?? g.key }] : []));
  const funders = allFunders.slice(0, MAX_FUNDERS);
  const reach = useQueries(
    ReachDocument,
    funders.map((f) => ({ funderId: f.id, placeId: s.placeId, asOf: s.asOf })),
    !q.data,
  );
  const cur = rep?.currency ?? 'GBP';
  const places = rep?.places ?? [];
  const perHead = places
    .filter((p) => p.population)
    .flatMap((p) => [
      { place: p.place.name, what: 'received per head', value: p.perHead ?? 0 },
      { place: p.place.name, what: 'fair share per head', value: (p.fairShare ?? 0) / (p.population as number) },
    ]);
  const geo = useQueries(
    PlaceGeometryDocument,
    places.map((p) => ({ id: p.place.id })),
    !s.has.geometry || places.length === 0,
  );
  const geometry = new Map((geo.data ?? []).flatMap((g) => (g.place?.geometry ? [[g.place.id, g.place.geometry] as const] : [])));
  const withGeometry = places.filter((p) => geometry.has(p.place.id));
  return (
    <section aria-busy={q.loading || reach.loading} data-testid="view-money">
      <h1>
        Where the money goes <span class="sub">in {s.place?.name}, grants awarded up to {formatDate(s.asOf)}</span>
      </h1>
      <Status loading={q.loading && !q.data} error={q.error ?? reach.error} />
      {rep && conc && (
        <>
          <div class="stats">
            <Stat label="Grants" value={fmtInt(rep.grants)} testId="stat-grants" title={String(rep.grants)} />
            <Stat label="Awarded" value={fmtMoney(rep.totalAwarded, cur)} testId="stat-awarded" title={String(rep.totalAwarded)} />
            <Stat label="Recipients" value={fmtInt(conc.recipients)} testId="stat-recipients" title={String(conc.recipients)} />
            <Stat label="Gini across recipients" value={fmtNum(conc.gini)} testId="stat-gini" title={String(conc.gini)} />
            <Stat label={`Top recipient${conc.topRecipient ? `: ${conc.topRecipient.name}` : ''}`} value={fmtPct(conc.topShare)} testId="stat-top" title={String(conc.topShare)} />
          </div>
          <Figure
            id="underserved"
            title="Under-served places: received against a need-weighted fair share, per head"
            note="Fair share splits the money by population weighted by need (IMD decile: the most deprived weigh most). Places are ranked by the gap per head, most under-served first."
            chart={
              places.length > 0 && (
                <PlotChart
                  label="Received and fair share per head by place"
                  deps={[perHead]}
                  make={(Plot, width) =>
                    Plot.plot({
                      width,
                      height: 60 + 44 * places.length,
                      marginLeft: 140,
                      x: { label: `${cur} per head`, grid: true },
                      y: { label: null, domain: places.map((p) => p.place.name) },
                      color: { legend: true, domain: ['received per head', 'fair share per head'], range: [CATEGORY[0], CATEGORY[5]] },
                      marks: [
                        Plot.barX(perHead.filter((d) => d.what === 'received per head'), { y: 'place', x: 'value', fill: 'what', insetTop: 3, insetBottom: 20 }),
                        Plot.barX(perHead.filter((d) => d.what !== 'received per head'), { y: 'place', x: 'value', fill: 'what', insetTop: 20, insetBottom: 3 }),
                        Plot.ruleX([0]),
                      ],
                    })
                  }
                />
              )
            }
            table={
              <Table
                caption="Under-served places, most under-served first"
                testId="underserved-table"
                rows={places}
                columns={[
                  { label: 'Rank', value: (p) => String(p.rank), numeric: true },
                  { label: 'Place', value: (p) => p.place.name },
                  { label: 'Population', value: (p) => fmtInt(p.population), numeric: true },
                  { label: 'Need', value: (p) => (p.needIndex == null ? '—' : `${fmtNum(p.needIndex)} (${p.needScale})`) },
                  { label: 'Grants', value: (p) => fmtInt(p.grants), numeric: true },
                  { label: 'Received', value: (p) => fmtMoney(p.awarded, cur), numeric: true },
                  { label: 'Fair share', value: (p) => fmtMoney(p.fairShare, cur), numeric: true },
                  { label: 'Per head', value: (p) => fmtMoney(p.perHead, cur), numeric: true },
                  { label: 'Gap per head', value: (p) => <span data-value={p.gapPerHead}>{fmtMoney(p.gapPerHead, cur)}</span>, numeric: true },
                ]}
              />
            }
          />
          {withGeometry.length > 0 && (
            <Figure
              id="money-map"
              title="Map: gap per head"
              note="Orange: received less than the fair share per head; purple: more."
              chart={
                <Suspense fallback={<p class="loading">Loading the map…</p>}>
                  <PlaceMap places={withGeometry.map((p) => ({ id: p.place.id, name: p.place.name, geometry: geometry.get(p.place.id)!, value: p.gapPerHead ?? 0 }))} />
                </Suspense>
              }
              table={
                <Table
                  caption="Gap per head by place"
                  rows={withGeometry}
                  columns={[
                    { label: 'Place', value: (p) => p.place.name },
                    { label: 'Gap per head', value: (p) => fmtMoney(p.gapPerHead, cur), numeric: true },
                  ]}
                />
              }
            />
          )}
          <Figure
            id="reach"
            title={`Funding reach: money going to organisations within two steps of unheard voices${allFunders.length > MAX_FUNDERS ? ` (the ${MAX_FUNDERS} funders giving most, of ${allFunders.length})` : ''}`}
            chart={
              reach.data && (
                <PlotChart
                  label="Share of each funder's money reaching unheard voices"
                  deps={[reach.data]}
                  make={(Plot, width) =>
                    Plot.plot({
                      width,
                      height: 50 + 30 * funders.length,
                      marginLeft: 220,
                      x: { label: 'share of money reaching (%)', domain: [0, 100], grid: true },
                      y: { label: null },
                      marks: [Plot.barX(reach.data!.map((r, i) => ({ funder: funders[i].name, share: r.fundingReach.share * 100 })), { y: 'funder', x: 'share', fill: CATEGORY[2] }), Plot.ruleX([0])],
                    })
                  }
                />
              )
            }
            table={
              <Table
                caption="Funding reach by funder"
                testId="reach-table"
                rows={(reach.data ?? []).map((r, i) => ({ funder: funders[i], r: r.fundingReach }))}
                columns={[
                  { label: 'Funder', value: (x) => x.funder.name },
                  { label: 'Grants', value: (x) => fmtInt(x.r.grants), numeric: true },
                  { label: 'Money', value: (x) => fmtMoney(x.r.total, cur), numeric: true },
                  { label: 'Reaching', value: (x) => fmtPct(x.r.share), numeric: true },
                  { label: 'People reached', value: (x) => `${fmtInt(x.r.reached)} of ${fmtInt(x.r.targets)} ${x.r.basis === 'UNHEARD_VOICES' ? 'unheard voices' : 'community members'}` },
                ]}
              />
            }
          />
          <Figure
            id="concentration"
            title="Concentration across recipients"
            table={
              <Table
                caption="Funding concentration"
                rows={[conc]}
                columns={[
                  { label: 'Grants', value: (c) => fmtInt(c.grants), numeric: true },
                  { label: 'Total', value: (c) => fmtMoney(c.total, cur), numeric: true },
                  { label: 'Recipients', value: (c) => fmtInt(c.recipients), numeric: true },
                  { label: 'Gini', value: (c) => fmtNum(c.gini), numeric: true },
                  { label: 'HHI', value: (c) => fmtNum(c.hhi), numeric: true },
                  { label: 'Effective recipients', value: (c) => fmtNum(c.effectiveRecipients, 1), numeric: true },
                ]}
              />
            }
          />
        </>
      )}
    </section>
  );
}
