// answers.ts: the respondent's answers as the page holds them, from a
// saved draft and back to the API's ResponseInput.
import type { ParticipationLevel, ResponseInput, Stage } from '../generated/graphql';
import type { Q } from './Respond';

/** Named is a person named in answer to a question: someone found by search (personId) or someone new (label). */
export interface Named {
  questionId: string;
  personId?: string;
  label?: string;
  /** shown is what the page shows: the name found, or the label. */
  shown: string;
}

export interface Answers {
  names: Named[];
  /** forums: a forum's answer, or null for "I do not take part"; missing when unanswered. */
  forums: Record<string, { level: ParticipationLevel | ''; stage: Stage | '' } | null>;
  groups: string[];
  felt: number;
  ratings: Record<string, number>;
}

export function fromDraft(q: Q): Answers {
  const d = q.draft;
  const a: Answers = { names: [], forums: {}, groups: [], felt: 0, ratings: {} };
  if (!d) return a;
  for (const n of d.names)
    a.names.push({ questionId: n.questionId, personId: n.personId ?? undefined, label: n.label ?? undefined, shown: n.label ?? n.name ?? 'someone you named' });
  for (const f of d.forums) a.forums[f.forumId] = { level: f.level, stage: f.stage };
  a.groups = [...d.groups];
  a.felt = d.felt;
  for (const r of d.ratings) a.ratings[r.actorId] = r.value;
  return a;
}

/** toInput is the answers as the API takes them; a forum answered without a level or a stage is left out. */
export function toInput(a: Answers): ResponseInput {
  return {
    names: a.names.map((n) => (n.personId ? { questionId: n.questionId, personId: n.personId } : { questionId: n.questionId, label: n.label })),
    forums: Object.entries(a.forums).flatMap(([forumId, f]) => (f && f.level && f.stage ? [{ forumId, level: f.level, stage: f.stage }] : [])),
    groups: a.groups,
    felt: a.felt,
    ratings: Object.entries(a.ratings).map(([actorId, value]) => ({ actorId, value })),
  };
}
