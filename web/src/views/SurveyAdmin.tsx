// SurveyAdmin: what editors and admins do with a survey: make one for the
// current place, invite people and copy their links (given once: only a
// hash is kept), follow the invitations, resolve disputed ties.
import { useState } from 'preact/hooks';
import { gql, ApiError } from '../api';
import { useScope } from '../context';
import {
  InviteDocument,
  ResolveDisputeDocument,
  SurveyAdminDocument,
  SurveyChoicesDocument,
  SurveyPeopleDocument,
  UpsertSurveyDocument,
  type RelationshipKind,
  type SurveysQuery,
} from '../generated/graphql';
import { useFresh, useQuery } from '../query';
import type { ComponentChildren } from 'preact';
import { Status } from '../components/Figure';
import { Table } from '../components/Table';

const KIND_TEXT: { value: RelationshipKind; text: string }[] = [
  { value: 'ADVISES', text: 'advice or help (from the person named)' },
  { value: 'WORKS_WITH', text: 'works with' },
  { value: 'KNOWS', text: 'knows' },
  { value: 'REFERS_TO', text: 'refers people to' },
];

interface QuestionDraft {
  id: string;
  prompt: string;
  kind: RelationshipKind;
  fromNamed: boolean;
}

const DEFAULT_QUESTIONS: QuestionDraft[] = [
  { id: 'advice', prompt: 'Who do you go to for advice or help?', kind: 'ADVISES', fromNamed: true },
  { id: 'local', prompt: 'Who do you work with on local issues?', kind: 'WORKS_WITH', fromNamed: false },
];

/** slug makes an id from a name: a-z, 0-9 and '-'. */
function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id);
}

/** NewSurvey is the form that makes a survey of the current place. */
export function NewSurvey(props: { onDone: (id?: string) => void }) {
  const s = useScope();
  const choices = useQuery(SurveyChoicesDocument, { placeId: s.placeId });
  const [name, setName] = useState(`${s.place?.name ?? ''} voices survey`);
  const [questions, setQuestions] = useState<QuestionDraft[]>(DEFAULT_QUESTIONS);
  const [forums, setForums] = useState<string[] | null>(null);
  const [actors, setActors] = useState<string[]>([]);
  const [over, setOver] = useState('');
  const [groups, setGroups] = useState<string[] | null>(null);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  if (!choices.data) return <Status loading={choices.loading} error={choices.error} />;
  const allForums = choices.data.forums.edges.map((e) => e.node);
  const allOrgs = choices.data.organisations.edges.map((e) => e.node);
  const placeGroups = (choices.data.place?.populationByGroup ?? []).map((g) => g.group);
  const chosenGroups = groups ?? placeGroups;
  const chosenForums = forums ?? [];
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const id = `sv-${slug(name) || 'survey'}-${Date.now().toString(36)}`;
    const more = extra.split(',').map((x) => x.trim()).filter((x) => x !== '');
    try {
      await gql(UpsertSurveyDocument, {
        input: {
          id,
          name: name.trim(),
          placeId: s.placeId,
          questions: questions.map((q) => ({ id: q.id, prompt: q.prompt.trim(), kind: q.kind, fromNamed: q.fromNamed })),
          forumIds: chosenForums,
          influenceIds: actors,
          influenceOver: over.trim(),
          groups: [...new Set([...chosenGroups, ...more])],
        },
      });
      props.onDone(id);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'));
      setBusy(false);
    }
  };
  return (
    <form class="figure survey-form" onSubmit={submit} data-testid="new-survey">
      <h2>New survey of {s.place?.name}</h2>
      <div class="field">
        <label for="sv-name">Name</label>
        <input id="sv-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <fieldset>
        <legend>Name questions (who the respondent names becomes a tie)</legend>
        {questions.map((q, i) => (
          <div class="qrow">
            <label for={`q-prompt-${i}`}>Question {i + 1}</label>
            <input id={`q-prompt-${i}`} value={q.prompt} onInput={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, prompt: e.currentTarget.value } : x)))} />
            <label for={`q-kind-${i}`}>Tie</label>
            <select id={`q-kind-${i}`} value={q.kind} onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, kind: e.currentTarget.value as RelationshipKind, fromNamed: e.currentTarget.value === 'ADVISES' } : x)))}>
              {KIND_TEXT.map((k) => (
                <option value={k.value}>{k.text}</option>
              ))}
            </select>
            <button type="button" onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>
              Remove question {i + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setQuestions([...questions, { id: `q${questions.length + 1}-${Date.now().toString(36)}`, prompt: '', kind: 'KNOWS', fromNamed: false }])}>
          Add a question
        </button>
      </fieldset>
      <fieldset>
        <legend>Forums respondents are asked about</legend>
        <div class="checks">
          {allForums.map((f) => (
            <label class="check">
              <input type="checkbox" checked={chosenForums.includes(f.id)} onChange={(e) => setForums(toggle(chosenForums, f.id, e.currentTarget.checked))} />
              {f.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Actors whose influence respondents rate (0 to 5)</legend>
        <div class="checks">
          {allOrgs.map((o) => (
            <label class="check">
              <input type="checkbox" checked={actors.includes(o.id)} onChange={(e) => setActors(toggle(actors, o.id, e.currentTarget.checked))} />
              {o.name}
            </label>
          ))}
        </div>
        <div class="field">
          <label for="sv-over">Influence over (empty: decisions affecting the place)</label>
          <input id="sv-over" value={over} onInput={(e) => setOver(e.currentTarget.value)} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Groups respondents may describe themselves with</legend>
        <div class="checks">
          {placeGroups.map((g) => (
            <label class="check">
              <input type="checkbox" checked={chosenGroups.includes(g)} onChange={(e) => setGroups(toggle(chosenGroups, g, e.currentTarget.checked))} />
              {g}
            </label>
          ))}
        </div>
        <div class="field">
          <label for="sv-groups">More groups (separated by commas)</label>
          <input id="sv-groups" value={extra} onInput={(e) => setExtra(e.currentTarget.value)} />
        </div>
      </fieldset>
      <Status error={error} />
      <div class="toolbar">
        <button type="submit" disabled={busy}>
          Create the survey
        </button>
        <button type="button" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Panel is a titled box of the editors' tools (a Figure without a chart). */
function Panel(props: { id: string; title: string; note?: string; children: ComponentChildren }) {
  return (
    <section class="figure" aria-labelledby={`${props.id}-h`} data-testid={props.id}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.note && <p class="note">{props.note}</p>}
      {props.children}
    </section>
  );
}

const STATUS_TEXT: Record<string, string> = { INVITED: 'invited', DECLINED: 'declined', CONSENTED: 'answering', SUBMITTED: 'submitted' };

/** SurveyAdmin: invite people of the survey's place and copy their links; invitations; open disputes. */
export function SurveyAdmin(props: { survey: SurveysQuery['surveys'][number] }) {
  const sv = props.survey;
  const [tick, setTick] = useState(0);
  const admin = useFresh(SurveyAdminDocument, { id: sv.id }, tick);
  const people = useQuery(SurveyPeopleDocument, { placeId: sv.placeId });
  const [picked, setPicked] = useState<string[]>([]);
  const [links, setLinks] = useState<{ personId: string; name: string; link: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [copied, setCopied] = useState('');
  const invitations = admin.data?.survey?.invitations ?? [];
  const disputes = admin.data?.survey?.disputes ?? [];
  const invited = new Set(invitations.map((i) => i.personId));
  // Placeholders (people others named, consent unknown) have no one to send a link to.
  const everyone = (people.data?.people.edges.map((e) => e.node) ?? []).filter((p) => !(p.source.kind === 'SURVEY' && p.consent === 'UNKNOWN'));
  const names = new Map(everyone.map((p) => [p.id, p.name]));
  const fail = (err: unknown) => setError(err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'));
  const invite = async () => {
    setBusy(true);
    setError(undefined);
    const made: typeof links = [];
    try {
      for (const id of picked) {
        const r = await gql(InviteDocument, { surveyId: sv.id, personId: id });
        made.push({ personId: id, name: names.get(id) ?? id, link: location.origin + r.invite.link });
      }
      setPicked([]);
    } catch (err) {
      fail(err);
    }
    setLinks([...made, ...links.filter((l) => !made.some((m) => m.personId === l.personId))]);
    setBusy(false);
    setTick(tick + 1);
  };
  const resolve = async (id: string, remove: boolean) => {
    setBusy(true);
    try {
      await gql(ResolveDisputeDocument, { surveyId: sv.id, id, remove });
      setTick(tick + 1);
    } catch (err) {
      fail(err);
    }
    setBusy(false);
  };
  const copy = async (l: { personId: string; link: string }) => {
    try {
      await navigator.clipboard.writeText(l.link);
      setCopied(l.personId);
    } catch {
      setCopied('');
    }
  };
  return (
    <>
      <Panel
        id="survey-invite"
        title="Invite people"
        note="Each person gets a personal link, valid for 30 days. Links are shown only once, here: voicemap keeps only a fingerprint of each. Inviting someone again gives a new link and stops the old one."
      >
        <Status loading={people.loading || admin.loading} error={people.error ?? admin.error ?? error} />
        <div class="toolbar">
          <button type="button" onClick={() => setPicked(everyone.filter((p) => !invited.has(p.id)).map((p) => p.id))}>
            Select everyone not yet invited
          </button>
          <button type="button" onClick={() => setPicked([])}>
            Clear the selection
          </button>
          <button type="button" disabled={busy || picked.length === 0} onClick={invite} data-testid="invite-selected">
            Invite {picked.length} selected
          </button>
        </div>
        <div class="checks people-checks" role="group" aria-label="People of the place">
          {everyone.map((p) => (
            <label class="check">
              <input type="checkbox" checked={picked.includes(p.id)} onChange={(e) => setPicked(toggle(picked, p.id, e.currentTarget.checked))} />
              {p.name}
              {invited.has(p.id) ? ' (invited)' : ''}
            </label>
          ))}
        </div>
        {links.length > 0 && (
          <Table
            caption="New links: copy each and send it to its person"
            testId="links-table"
            rows={links}
            columns={[
              { label: 'Person', value: (l) => l.name },
              { label: 'Link', value: (l) => <code data-person={l.personId}>{l.link}</code> },
              {
                label: 'Copy',
                value: (l) => (
                  <button type="button" onClick={() => copy(l)}>
                    {copied === l.personId ? 'Copied' : 'Copy'}
                    <span class="sr"> the link of {l.name}</span>
                  </button>
                ),
              },
            ]}
          />
        )}
      </Panel>
      <Panel id="survey-invitations" title={`Invitations (${invitations.length})`}>
        <Table
          caption="Invitations and how far each has answered"
          testId="invitations-table"
          rows={invitations}
          columns={[
            { label: 'Person', value: (i) => i.person?.name ?? i.personId },
            { label: 'Status', value: (i) => STATUS_TEXT[i.status] ?? i.status },
            { label: 'Invited', value: (i) => i.invitedAt.slice(0, 10) },
            { label: 'Link expires', value: (i) => i.expiresAt.slice(0, 10) },
            { label: 'Submitted', value: (i) => i.submittedAt?.slice(0, 10) ?? '—' },
          ]}
        />
      </Panel>
      <Panel id="survey-disputes" title={`Open disputes (${disputes.length})`} note="Ties a person says do not hold. The tie is flagged until you keep or remove it.">
        <Table
          caption="Open disputes"
          testId="disputes-table"
          rows={disputes}
          empty="No open dispute."
          columns={[
            { label: 'Raised by', value: (d) => invitations.find((i) => i.personId === d.personId)?.person?.name ?? d.personId },
            { label: 'Tie', value: (d) => d.relationshipId },
            { label: 'Reason', value: (d) => d.reason || '(none given)' },
            { label: 'Raised', value: (d) => d.raisedOn },
            {
              label: 'Resolve',
              value: (d) => (
                <span class="toolbar">
                  <button type="button" disabled={busy} onClick={() => resolve(d.id, false)}>
                    Keep the tie
                  </button>
                  <button type="button" disabled={busy} onClick={() => resolve(d.id, true)}>
                    Remove the tie
                  </button>
                </span>
              ),
            },
          ]}
        />
      </Panel>
    </>
  );
}
