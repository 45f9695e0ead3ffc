import { useMemo } from 'preact/hooks';
import { useScope } from '../context';
import { RecommendationsDocument, type RecommendationsQuery } from '../generated/graphql';
import { useQuery } from '../query';
import { setParams, useLoc } from '../state';
import { Status } from '../components/Figure';
import { Table } from '../components/Table';
import { NetworkMap, type Emphasis } from '../components/NetworkMap';
import { fmtInt, fmtNum } from '../format';
import { formatDate } from '../dates';
import { mapNodes } from './networkModel';
import { useMarks, usePicture } from './networkData';

type Rec = RecommendationsQuery['recommendations'][number];

function describe(r: Rec): string {
  if (r.kind === 'INTRODUCTION') return `Introduce ${r.from?.name} to ${r.to?.name}`;
  const who = r.person?.name ?? 'someone';
  return `Invite ${who} to ${r.forum?.name} at co-production${r.stage ? `, from the ${r.stage.toLowerCase()} stage` : ''}`;
}

/** emphasisOf draws a recommendation on the map: the new tie of an introduction, or the ties an invitation would open to the forum's decision holders. */
function emphasisOf(r: Rec | undefined): Emphasis {
  if (!r) return {};
  if (r.kind === 'INTRODUCTION' && r.from && r.to) return { proposed: [[r.from.id, r.to.id]] };
  const seated = (r.forum?.participations.edges ?? []).filter((e) => e.node.level === 'CO_PRODUCE' || e.node.level === 'LEAD').map((e) => e.node.actor.id);
  return r.person ? { proposed: seated.map((id) => [r.person!.id, id] as [string, string]) } : {};
}

/** Recommendations: the changes that would help most, with their before/after figures, each drawn on the map. */
export function Recommendations() {
  const s = useScope();
  const { params } = useLoc();
  const q = useQuery(RecommendationsDocument, { placeId: s.placeId, asOf: s.asOf });
  const pic = usePicture(s, []);
  const marks = useMarks(s, pic, 'BETWEENNESS');
  const recs = q.data?.recommendations ?? [];
  const chosen = Math.min(Math.max(0, Number(params.get('rec') ?? '0') || 0), Math.max(0, recs.length - 1));
  const { nodes } = useMemo(() => mapNodes(pic.nodes, marks.shown, 'community'), [pic.nodes, marks.shown]);
  const emphasis = useMemo(() => emphasisOf(recs[chosen]), [recs, chosen]);
  return (
    <section aria-busy={q.loading || pic.loading} data-testid="view-recommendations">
      <h1>
        What would help <span class="sub">in {s.place?.name}, as of {formatDate(s.asOf)}</span>
      </h1>
      <p class="note">
        Each change is scored by its effect on the place: fewer unheard voices, more community members within two steps of power, and decision seats less concentrated. Pick one to see it on the map.
      </p>
      <Status loading={q.loading && !q.data} error={q.error ?? pic.error} />
      {q.data && (
        <div class="recs">
          <ol class="rec-list">
            {recs.map((r, i) => (
              <li>
                <button type="button" class="rec" aria-pressed={i === chosen} onClick={() => setParams({ rec: String(i) })}>
                  <span class="rec-title">{describe(r)}</span>
                  <span class="rec-gain">gain {fmtNum(r.gain, 2)}</span>
                  {r.alternatives.length > 0 && <span class="note">or any of {r.alternatives.length} others in the same position</span>}
                </button>
              </li>
            ))}
          </ol>
          <div class="rec-map">
            {!s.has.layout && <p class="note">The map appears when the server offers the network layout.</p>}
            {pic.drawn && <NetworkMap nodes={nodes} edges={pic.edges} emphasis={emphasis} height={420} label={recs[chosen] ? `The network with the change drawn: ${describe(recs[chosen])}` : 'The network'} />}
          </div>
        </div>
      )}
      {q.data && (
        <details class="figure" open>
          <summary>The numbers: before and after each change</summary>
          <Table
            caption="Recommendations with their before and after figures"
            testId="recs-table"
            rows={recs}
            columns={[
              { label: '#', value: (r) => String(recs.indexOf(r) + 1), numeric: true },
              { label: 'Change', value: (r) => describe(r) },
              { label: 'Gain', value: (r) => fmtNum(r.gain, 3), numeric: true },
              { label: 'Unheard before → after', value: (r) => `${fmtInt(r.before.unheardVoices)} → ${fmtInt(r.after.unheardVoices)}`, numeric: true },
              { label: 'Within two steps of power', value: (r) => `${fmtInt(r.before.withinTwoStepsOfPower)} → ${fmtInt(r.after.withinTwoStepsOfPower)}`, numeric: true },
              { label: 'Seat HHI', value: (r) => `${fmtNum(r.before.seatHHI)} → ${fmtNum(r.after.seatHHI)}`, numeric: true },
              { label: 'Groups', value: (r) => r.groups.join(', ') },
            ]}
          />
        </details>
      )}
    </section>
  );
}
