import { useScope } from '../context';
import { VoiceGroupsDocument, VoicesDocument } from '../generated/graphql';
import { useQuery } from '../query';
import { Figure, Status } from '../components/Figure';
import { PlotChart } from '../components/Plot';
import { Table } from '../components/Table';
import { fmtInt, fmtNum } from '../format';
import { formatDate } from '../dates';
import { reasonText } from '../reasons';
import { navigate } from '../state';
import { CATEGORY, OTHER } from '../palette';

/** Voices: who may go unheard and why, the gatekeepers and what each cuts off, and counts by group. */
export function Voices() {
  const s = useScope();
  const vars = { placeId: s.placeId, asOf: s.asOf };
  const person = s.viewer.personLevel;
  const v = useQuery(VoicesDocument, vars, !person);
  const g = useQuery(VoiceGroupsDocument, vars);
  const voices = v.data?.unheardVoices ?? [];
  const unheard = voices.filter((x) => x.unheard);
  const gatekeepers = (v.data?.powerConcentration.gatekeepers ?? []).filter((k) => k.cutsOff > 0);
  const groups = g.data?.unheardVoiceGroups ?? [];
  return (
    <section aria-busy={v.loading || g.loading} data-testid="view-voices">
      <h1>
        Voices that may go unheard <span class="sub">in {s.place?.name}, as of {formatDate(s.asOf)}</span>
      </h1>
      <Status loading={(v.loading && !v.data) || (g.loading && !g.data)} error={v.error ?? g.error} />
      {person && v.data && (
        <Figure
          id="unheard-list"
          title={`${unheard.length} unheard voices, most unheard first`}
          note="Community members holding no decision power who are isolated, at the edge of the network, behind one gatekeeper, or far from power. Others listed below them have only participation reasons."
          table={
            <Table
              caption="Unheard voices with their reasons"
              testId="unheard-table"
              rows={voices}
              columns={[
                {
                  label: 'Person',
                  value: (x) => (
                    <a
                      href={`/network?place=${encodeURIComponent(s.placeId)}&actor=${encodeURIComponent(x.person.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate('/network', { actor: x.person.id });
                      }}
                    >
                      {x.person.name}
                    </a>
                  ),
                },
                { label: 'Score', value: (x) => fmtNum(x.score), numeric: true },
                { label: 'Unheard', value: (x) => (x.unheard ? 'yes' : 'no') },
                { label: 'Why', value: (x) => <ul class="reasons">{x.reasons.map((r) => <li>{reasonText(r, x.gatekeeper?.name)}</li>)}</ul> },
                { label: 'Steps to power', value: (x) => (x.hopsToPower == null ? 'unreachable' : String(x.hopsToPower)), numeric: true },
                { label: 'Groups', value: (x) => x.person.groups.join(', ') },
              ]}
            />
          }
        />
      )}
      {person && v.data && (
        <Figure
          id="gatekeepers"
          title="Gatekeepers and who they cut off"
          note="Actors whose absence would leave community members with no path to decision power."
          chart={
            gatekeepers.length > 0 && (
              <PlotChart
                label="Community members each gatekeeper cuts off"
                deps={[gatekeepers]}
                make={(Plot, width) =>
                  Plot.plot({
                    width,
                    height: 40 + 24 * gatekeepers.length,
                    marginLeft: 180,
                    x: { label: 'community members cut off', grid: true },
                    y: { label: null },
                    marks: [Plot.barX(gatekeepers, { y: (k) => k.actor.name, x: 'cutsOff', fill: CATEGORY[6], sort: { y: '-x' } }), Plot.ruleX([0])],
                  })
                }
              />
            )
          }
          table={
            <Table
              caption="Gatekeepers"
              rows={gatekeepers}
              columns={[
                { label: 'Gatekeeper', value: (k) => k.actor.name },
                { label: 'Cuts off', value: (k) => fmtInt(k.cutsOff), numeric: true },
              ]}
            />
          }
        />
      )}
      {g.data && (
        <Figure
          id="voice-groups"
          title="Unheard voices by group"
          note="Counts of fewer than 5 people are withheld, so that no one can be singled out."
          chart={
            <PlotChart
              label="Community members and unheard voices by group"
              deps={[groups]}
              make={(Plot, width) =>
                Plot.plot({
                  width,
                  height: 40 + 28 * groups.length,
                  marginLeft: 140,
                  x: { label: 'people', grid: true },
                  y: { label: null },
                  color: { legend: true, domain: ['community members', 'unheard'], range: [OTHER, CATEGORY[0]] },
                  marks: [
                    Plot.barX(groups.filter((x) => x.people != null), { y: 'group', x: 'people', fill: () => 'community members' }),
                    Plot.barX(groups.filter((x) => x.unheard != null), { y: 'group', x: 'unheard', fill: () => 'unheard' }),
                    Plot.ruleX([0]),
                  ],
                })
              }
            />
          }
          table={
            <Table
              caption="Unheard voices by group"
              testId="groups-table"
              rows={groups}
              columns={[
                { label: 'Group', value: (x) => x.group },
                { label: 'Community members', value: (x) => (x.people == null ? 'withheld' : fmtInt(x.people)), numeric: true },
                { label: 'Unheard', value: (x) => (x.unheard == null ? 'withheld' : fmtInt(x.unheard)), numeric: true },
              ]}
            />
          }
        />
      )}
    </section>
  );
}
