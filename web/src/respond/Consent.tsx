// Consent is the first page of a survey link: what is collected, who sees
// it, how to withdraw. Nothing but this answer is stored before consent.
import type { ApiError } from '../api';
import { Alert, Heading, type Q } from './Respond';
import { day } from './words';

export function Consent(props: { q: Q; busy: boolean; error: ApiError | null; onAnswer: (give: boolean) => void }) {
  const { q, busy } = props;
  return (
    <section data-testid="step-consent">
      <Heading>Before you start</Heading>
      <p>
        Hello {q.me}. You are invited to <strong>{q.surveyName}</strong>. It asks about the people you turn to, the groups and meetings you take part in, and how much you feel
        listened to. It takes about 5 minutes.
      </p>
      <h2>What we collect</h2>
      <ul>
        {q.questions.length > 0 && <li>The people you name when we ask who you turn to. They are not told what you said.</li>}
        {q.forums.length > 0 && <li>Which of the meetings we list you take part in, and how much say you have there.</li>}
        {q.groups.length > 0 && <li>Which groups you belong to (for example {q.groups.slice(0, 2).join(' or ')}), if you choose to say.</li>}
        <li>How much you feel your voice is heard, from 1 to 5.</li>
        {q.rated.length > 0 && <li>How much influence you think some people and organisations have.</li>}
      </ul>
      <h2>Who sees it</h2>
      <ul>
        <li>The people who run this survey see your answers, marked as said by you.</li>
        <li>Anyone else, such as funders, only sees totals for whole groups, and a total of fewer than 5 people is never shown.</li>
      </ul>
      <h2>You stay in control</h2>
      <ul>
        <li>Nothing is saved until you agree.</li>
        <li>You can save your answers and finish later, using the same link, until {day(q.expiresAt)}.</li>
        <li>Afterwards, this link shows you everything we hold about you. You can correct it, tell us if something someone else said about you is wrong, or withdraw at any time: you are then left out of everything at once.</li>
      </ul>
      <Alert error={props.error} />
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => props.onAnswer(true)}>
          I agree, start the survey
        </button>
        <button type="button" disabled={busy} onClick={() => props.onAnswer(false)}>
          No thanks
        </button>
      </div>
    </section>
  );
}
