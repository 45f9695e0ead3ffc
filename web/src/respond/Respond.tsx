// Respond is the survey link's page: consent first, then the questions
// (saved as a draft at every step, resumable), one submission, and then
// what voicemap holds about the respondent, to see, correct, dispute or
// withdraw. Phone-first; every step is a form with a heading that takes
// the focus when it opens.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AnswerConsentDocument, QuestionnaireDocument, type QuestionnaireQuery } from '../generated/graphql';
import type { ApiError } from '../api';
import { asApiError, call, problem } from './call';
import { forgetLink, takeLink } from './link';
import { Consent } from './Consent';
import { Questions } from './Questions';
import { YourData } from './YourData';
import { day } from './words';

export type Q = QuestionnaireQuery['questionnaire'];

type State =
  | { page: 'loading' }
  | { page: 'nolink' }
  | { page: 'broken'; error: ApiError }
  | { page: 'ready'; q: Q; view: 'survey' | 'data'; note?: string };

/** Heading is a page's h1, focused when it appears so that a screen reader starts there. */
export function Heading(props: { children: preact.ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {props.children}
    </h1>
  );
}

/** Alert shows an error in words (role alert: read out when it appears). */
export function Alert(props: { error?: ApiError | null }) {
  if (!props.error) return null;
  return (
    <p class="alert" role="alert" data-testid="respond-error">
      {problem(props.error)}
    </p>
  );
}

export function Respond() {
  const [s, setS] = useState<State>(() => (takeLink() ? { page: 'loading' } : { page: 'nolink' }));
  const load = useCallback((view: 'survey' | 'data' = 'survey', note?: string) => {
    call(QuestionnaireDocument, {}).then(
      (d) => setS({ page: 'ready', q: d.questionnaire, view, note }),
      (err: unknown) => {
        const e = asApiError(err);
        if (e.code === 'UNAUTHENTICATED') forgetLink();
        setS({ page: 'broken', error: e });
      },
    );
  }, []);
  useEffect(() => {
    if (s.page === 'loading') load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  let body;
  switch (s.page) {
    case 'loading':
      body = <p role="status">Opening your survey…</p>;
      break;
    case 'nolink':
      body = (
        <section>
          <Heading>Open your survey link</Heading>
          <p>This page opens a survey from the personal link you were sent. Please open that link again, exactly as you received it.</p>
        </section>
      );
      break;
    case 'broken':
      body = (
        <section>
          <Heading>{s.error.code === 'UNAUTHENTICATED' ? 'This link no longer works' : 'Something went wrong'}</Heading>
          <p data-testid="respond-error">{problem(s.error)}</p>
          {s.error.code !== 'UNAUTHENTICATED' && (
            <button type="button" class="primary" onClick={() => { setS({ page: 'loading' }); load(); }}>
              Try again
            </button>
          )}
        </section>
      );
      break;
    case 'ready':
      body = <Ready q={s.q} view={s.view} note={s.note} reload={load} />;
      break;
  }
  return (
    <>
      <header class="bar">
        <span class="logo" aria-hidden="true" /> voicemap survey
      </header>
      <main id="main">{body}</main>
    </>
  );
}

function Ready(props: { q: Q; view: 'survey' | 'data'; note?: string; reload: (view?: 'survey' | 'data', note?: string) => void }) {
  const { q, reload } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const consent = (give: boolean) => {
    setBusy(true);
    setError(null);
    call(AnswerConsentDocument, { give }).then(
      () => reload('survey'),
      (err: unknown) => {
        setBusy(false);
        setError(asApiError(err));
      },
    );
  };
  if (props.view === 'data') return <YourData q={q} note={props.note} back={q.status === 'CONSENTED' ? () => reload('survey') : undefined} onChange={reload} />;
  switch (q.status) {
    case 'INVITED':
      return <Consent q={q} busy={busy} error={error} onAnswer={consent} />;
    case 'DECLINED':
      return (
        <section data-testid="step-declined">
          <Heading>Thank you</Heading>
          <p>You chose not to take part, and nothing about your answers is kept. Nobody will contact you about this survey.</p>
          <p>If you change your mind before {day(q.expiresAt)}, you can still take part.</p>
          <Alert error={error} />
          <div class="actions">
            <button type="button" onClick={() => consent(true)} disabled={busy}>
              Take part after all
            </button>
          </div>
        </section>
      );
    case 'CONSENTED':
      return <Questions q={q} onSubmitted={() => reload('data', 'Thank you: your answers were sent.')} onData={() => reload('data')} />;
    case 'SUBMITTED':
      return <YourData q={q} note={props.note} onChange={reload} />;
  }
}
