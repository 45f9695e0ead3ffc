// YourData shows the link's holder everything voicemap holds about them
// (GDPR article 15) and lets them correct it (article 16), say that a tie
// someone else reported is wrong, or withdraw their consent.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  AnswerConsentDocument,
  CorrectMyDataDocument,
  DisputeTieDocument,
  MyDataDocument,
  WithdrawConsentDocument,
  type MyDataFieldsFragment,
  type ParticipationLevel,
} from '../generated/graphql';
import type { ApiError } from '../api';
import { asApiError, call } from './call';
import { Alert, Heading, type Q } from './Respond';
import { KINDS, LEVELS, day, levelText, stageText } from './words';

type Tie = MyDataFieldsFragment['ties'][number];

export function YourData(props: { q: Q; note?: string; back?: () => void; onChange: (view?: 'survey' | 'data', note?: string) => void }) {
  const [d, setD] = useState<MyDataFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState(props.note ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call(MyDataDocument, {}).then((r) => setD(r.myData), (err: unknown) => setError(asApiError(err)));
  }, []);
  const run = async (what: () => Promise<MyDataFieldsFragment | null>, done: string) => {
    setBusy(true);
    setError(null);
    setNote('');
    try {
      const out = await what();
      setD(out ?? (await call(MyDataDocument, {})).myData);
      setNote(done);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const correct = (entityId: string, field: string, value: string, done: string) =>
    run(async () => (await call(CorrectMyDataDocument, { input: { entityId, field, value } })).correctMyData, done);

  if (!d)
    return (
      <section>
        <Heading>What we hold about you</Heading>
        {error ? <Alert error={error} /> : <p role="status">Loading…</p>}
      </section>
    );
  const withdrawn = d.consent === 'WITHDRAWN';
  return (
    <section data-testid="step-data">
      <Heading>What we hold about you</Heading>
      {note && (
        <p class="saved" role="status" data-testid="data-note">
          {note}
        </p>
      )}
      <Alert error={error} />
      {props.back && (
        <p>
          <button type="button" class="link" onClick={props.back}>
            Back to the survey
          </button>
        </p>
      )}
      {withdrawn && (
        <p class="alert-info" data-testid="withdrawn">
          You have withdrawn your consent: you are left out of every map, count and report. You can take part again below.
        </p>
      )}
      <h2>You</h2>
      <Field label="Your name" value={d.name} busy={busy} onSave={(v) => correct(d.id, 'name', v, 'Your name was corrected.')} />
      <Field
        label="Groups you belong to (separate them with commas)"
        value={d.groups.join(', ')}
        busy={busy}
        onSave={(v) => correct(d.id, 'groups', v, 'Your groups were corrected.')}
      />
      <p>
        Consent: <strong data-testid="consent">{withdrawn ? 'withdrawn' : d.consent === 'GIVEN' ? 'given' : 'not asked yet'}</strong>
      </p>

      <h2>Your connections</h2>
      {d.ties.length === 0 ? <p>None recorded.</p> : <ul class="cards">{d.ties.map((t) => <TieCard tie={t} busy={busy} run={run} correct={correct} />)}</ul>}

      <h2>Meetings and groups you take part in</h2>
      {d.seats.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul class="cards">
          {d.seats.map((s, i) => (
            <li data-testid={`seat-${s.forum.id}`}>
              <strong>{s.forum.name}</strong>
              <p>
                {levelText(s.level)}. Joined: {stageText(s.stage).toLowerCase()}.
              </p>
              <Level id={`seat-level-${i}`} value={s.level} busy={busy} onSave={(v) => correct(s.id, 'level', v, `Your say in ${s.forum.name} was corrected.`)} />
            </li>
          ))}
        </ul>
      )}

      {d.corrections.length > 0 && (
        <>
          <h2>Changes you made</h2>
          <ul data-testid="corrections">
            {d.corrections.map((c) => (
              <li>
                {day(c.at)}: {c.field} changed from “{c.previous || 'nothing'}” to “{c.value}”
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Withdraw</h2>
      {withdrawn ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => run(async () => (await call(AnswerConsentDocument, { give: true }), null), 'Thank you: you are taking part again.')}>
            Take part again
          </button>
        </div>
      ) : (
        <Withdraw busy={busy} onConfirm={() => run(async () => (await call(WithdrawConsentDocument, {}), null), 'Your consent is withdrawn.')} />
      )}
    </section>
  );
}

function Field(props: { label: string; value: string; busy: boolean; onSave: (v: string) => void }) {
  const [v, setV] = useState(props.value);
  useEffect(() => setV(props.value), [props.value]);
  const id = `f-${props.label.split(' ')[0].toLowerCase()}-${props.label.length}`;
  return (
    <form
      class="field"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(v);
      }}
    >
      <label for={id}>{props.label}</label>
      <div class="inline">
        <input id={id} type="text" value={v} onInput={(e) => setV(e.currentTarget.value)} />
        <button type="submit" disabled={props.busy || v === props.value}>
          Correct<span class="sr"> {props.label.toLowerCase()}</span>
        </button>
      </div>
    </form>
  );
}

function Level(props: { id: string; value: ParticipationLevel; busy: boolean; onSave: (v: string) => void }) {
  const [v, setV] = useState<string>(props.value);
  return (
    <div class="inline">
      <label for={props.id} class="sr">
        How much say you have
      </label>
      <select id={props.id} value={v} onChange={(e) => setV(e.currentTarget.value)}>
        {LEVELS.map((l) => (
          <option value={l.value}>{l.text}</option>
        ))}
      </select>
      <button type="button" disabled={props.busy || v === props.value} onClick={() => props.onSave(v)}>
        Correct<span class="sr"> how much say you have</span>
      </button>
    </div>
  );
}

function TieCard(props: {
  tie: Tie;
  busy: boolean;
  run: (what: () => Promise<MyDataFieldsFragment | null>, done: string) => void;
  correct: (entityId: string, field: string, value: string, done: string) => void;
}) {
  const { tie: t, busy } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const who = t.other?.name ?? 'someone not yet recorded by name';
  return (
    <li data-testid={`tie-${t.id}`}>
      <strong>{who}</strong>
      <p>
        {KINDS[t.kind]}. {t.saidByMe ? 'You said this' : t.source.kind === 'SURVEY' ? 'Someone else said this in a survey' : 'Recorded by staff'}
        {t.source.on ? ` on ${day(t.source.on)}` : ''}.
      </p>
      {t.disputed ? (
        <p class="flag">You told us this is wrong. It is flagged until the survey's organisers look at it.</p>
      ) : t.saidByMe ? (
        <button type="button" disabled={busy} onClick={() => props.correct(t.id, 'removed', 'true', `Your connection with ${who} was removed.`)}>
          Remove<span class="sr"> your connection with {who}</span>
        </button>
      ) : !open ? (
        <button type="button" disabled={busy} onClick={() => setOpen(true)}>
          This is wrong<span class="sr">: your connection with {who}</span>
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.run(async () => (await call(DisputeTieDocument, { relationshipId: t.id, reason }), null), `Thank you: your connection with ${who} is flagged as wrong.`);
          }}
        >
          <label for={`reason-${t.id}`}>Why is it wrong? (optional)</label>
          <textarea id={`reason-${t.id}`} rows={2} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Tell the organisers
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function Withdraw(props: { busy: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <>
        <p>If you withdraw, you are left out of every map, count and report at once. You can change your mind later with this link.</p>
        <div class="actions">
          <button type="button" class="danger" onClick={() => setAsking(true)}>
            Withdraw my consent
          </button>
        </div>
      </>
    );
  return (
    <div class="confirm" role="group" aria-labelledby="withdraw-q">
      <p id="withdraw-q" ref={question} tabIndex={-1}>
        <strong>Are you sure you want to withdraw?</strong>
      </p>
      <div class="actions">
        <button type="button" class="danger" disabled={props.busy} onClick={props.onConfirm}>
          Yes, withdraw my consent
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          No, keep my answers
        </button>
      </div>
    </div>
  );
}
