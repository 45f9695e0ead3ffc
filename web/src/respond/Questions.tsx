// Questions walks the respondent through the survey one step at a time;
// every step's "Save and continue" saves the answers so far (saveDraft),
// so that the link resumes where they left off, and the last step submits.
import { useState } from 'preact/hooks';
import { SaveDraftDocument, SubmitResponseDocument } from '../generated/graphql';
import type { ApiError } from '../api';
import { asApiError, call } from './call';
import { fromDraft, toInput, type Answers } from './answers';
import { PersonPicker } from './PersonPicker';
import { Alert, Heading, type Q } from './Respond';
import { FELT, INFLUENCE, LEVELS, STAGES, levelText, stageText } from './words';

type StepId = 'people' | 'forums' | 'about' | 'influence' | 'check';

const TITLES: Record<StepId, string> = {
  people: 'People you turn to',
  forums: 'Meetings and groups you take part in',
  about: 'About you',
  influence: 'Who has influence',
  check: 'Check and send your answers',
};

/** Radios is a group of large, labelled choices (a fieldset with a legend). */
function Radios<T extends string | number>(props: { name: string; legend: string; options: { value: T; text: string }[]; value: T | undefined; onChange: (v: T) => void; testId?: string }) {
  return (
    <fieldset class="radios" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="choice">
          <input type="radio" name={props.name} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
          <span>{o.text}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function Questions(props: { q: Q; onSubmitted: () => void; onData: () => void }) {
  const { q } = props;
  const steps: StepId[] = [
    ...(q.questions.length > 0 ? (['people'] as StepId[]) : []),
    ...(q.forums.length > 0 ? (['forums'] as StepId[]) : []),
    'about',
    ...(q.rated.length > 0 ? (['influence'] as StepId[]) : []),
    'check',
  ];
  const [a, setA] = useState<Answers>(() => fromDraft(q));
  const [at, setAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const step = steps[at];
  const set = (b: Partial<Answers>) => {
    setA({ ...a, ...b });
    setSaved(false);
  };

  const save = async (): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await call(SaveDraftDocument, { answers: toInput(a) });
      return true;
    } catch (err) {
      setError(asApiError(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const next = async (e: Event) => {
    e.preventDefault();
    if (step === 'check') {
      setBusy(true);
      setError(null);
      try {
        await call(SubmitResponseDocument, { answers: toInput(a) });
        props.onSubmitted();
      } catch (err) {
        setBusy(false);
        setError(asApiError(err));
      }
      return;
    }
    if (await save()) setAt(at + 1);
  };
  const later = async () => {
    if (await save()) setSaved(true);
  };

  return (
    <form key={step} onSubmit={next} data-testid={`step-${step}`} noValidate>
      <p class="progress">
        Step {at + 1} of {steps.length}
      </p>
      <Heading>{TITLES[step]}</Heading>
      {step === 'people' &&
        q.questions.map((qq, i) => <PersonPicker questionId={qq.id} prompt={qq.prompt} index={i} named={a.names} onChange={(names) => set({ names })} />)}
      {step === 'forums' && (
        <>
          <p>For each of these, tell us whether you take part, and if you do, how much say you have.</p>
          {q.forums.map((f, i) => {
            const ans = a.forums[f.id];
            return (
              <fieldset class="question" data-testid={`forum-${f.id}`}>
                <legend>{f.name}</legend>
                <Radios
                  name={`part-${i}`}
                  legend={`Do you take part in ${f.name}?`}
                  options={[
                    { value: 'yes', text: 'Yes' },
                    { value: 'no', text: 'No' },
                  ]}
                  value={ans === undefined ? undefined : ans === null ? 'no' : 'yes'}
                  onChange={(v) => set({ forums: { ...a.forums, [f.id]: v === 'yes' ? { level: ans?.level ?? '', stage: ans?.stage ?? '' } : null } })}
                />
                {ans && (
                  <>
                    <Radios name={`level-${i}`} legend="How much say do you have there?" options={LEVELS} value={ans.level || undefined} onChange={(level) => set({ forums: { ...a.forums, [f.id]: { ...ans, level } } })} />
                    <Radios name={`stage-${i}`} legend="When did you join in?" options={STAGES} value={ans.stage || undefined} onChange={(stage) => set({ forums: { ...a.forums, [f.id]: { ...ans, stage } } })} />
                  </>
                )}
              </fieldset>
            );
          })}
        </>
      )}
      {step === 'about' && (
        <>
          {q.groups.length > 0 && (
            <fieldset class="question" data-testid="groups">
              <legend>Do any of these describe you? Tick all that apply, or none.</legend>
              {q.groups.map((g) => (
                <label class="choice">
                  <input type="checkbox" checked={a.groups.includes(g)} onChange={(e) => set({ groups: e.currentTarget.checked ? [...a.groups, g] : a.groups.filter((x) => x !== g) })} />
                  <span>{g}</span>
                </label>
              ))}
            </fieldset>
          )}
          <Radios
            name="felt"
            testId="felt"
            legend="How much do you feel your voice is heard on decisions that affect you?"
            options={FELT.map((text, i) => ({ value: i + 1, text: `${i + 1}: ${text}` }))}
            value={a.felt || undefined}
            onChange={(felt) => set({ felt })}
          />
        </>
      )}
      {step === 'influence' && (
        <>
          <p>
            How much influence do you think each of these has{q.influenceOver ? ` over ${q.influenceOver}` : ' over decisions that affect this area'}? From 0 (none) to 5 (a great deal).
          </p>
          {q.rated.map((r, i) => (
            <Radios
              name={`rate-${i}`}
              testId={`rate-${r.id}`}
              legend={r.name}
              options={INFLUENCE.map((text, v) => ({ value: v, text: `${v}: ${text}` }))}
              value={a.ratings[r.id]}
              onChange={(v) => set({ ratings: { ...a.ratings, [r.id]: v } })}
            />
          ))}
        </>
      )}
      {step === 'check' && <Summary q={q} a={a} />}
      <Alert error={error} />
      {saved && (
        <p class="saved" role="status">
          Your answers are saved. You can close this page and open your link again later to carry on.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {step === 'check' ? 'Send my answers' : 'Save and continue'}
        </button>
        {at > 0 && (
          <button type="button" disabled={busy} onClick={() => setAt(at - 1)}>
            Back
          </button>
        )}
        {step !== 'check' && (
          <button type="button" disabled={busy} onClick={later}>
            Save and finish later
          </button>
        )}
      </div>
      <p>
        <button type="button" class="link" onClick={props.onData}>
          See what we hold about you
        </button>
      </p>
    </form>
  );
}

function Summary(props: { q: Q; a: Answers }) {
  const { q, a } = props;
  return (
    <dl class="summary" data-testid="summary">
      {q.questions.map((qq) => (
        <>
          <dt>{qq.prompt}</dt>
          <dd>{a.names.filter((n) => n.questionId === qq.id).map((n) => n.shown).join(', ') || 'Nobody'}</dd>
        </>
      ))}
      {q.forums.map((f) => {
        const ans = a.forums[f.id];
        return (
          <>
            <dt>{f.name}</dt>
            <dd>{ans && ans.level && ans.stage ? `${levelText(ans.level)}. Joined: ${stageText(ans.stage).toLowerCase()}.` : ans ? 'You take part (say and stage not given, so not sent)' : ans === null ? 'You do not take part' : 'Not answered'}</dd>
          </>
        );
      })}
      {q.groups.length > 0 && (
        <>
          <dt>Groups you belong to</dt>
          <dd>{a.groups.join(', ') || 'None given'}</dd>
        </>
      )}
      <dt>How much your voice is heard</dt>
      <dd>{a.felt ? `${a.felt}: ${FELT[a.felt - 1]}` : 'Not answered'}</dd>
      {q.rated.map((r) => (
        <>
          <dt>Influence of {r.name}</dt>
          <dd>{a.ratings[r.id] == null ? 'Not answered' : `${a.ratings[r.id]}: ${INFLUENCE[a.ratings[r.id]]}`}</dd>
        </>
      ))}
    </dl>
  );
}
