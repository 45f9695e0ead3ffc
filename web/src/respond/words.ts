// words.ts: the survey's choices in plain English.
import type { ParticipationLevel, RelationshipKind, Stage } from '../generated/graphql';

/** LEVELS is the participation ladder, least say first, as a respondent would put it. */
export const LEVELS: { value: ParticipationLevel; text: string }[] = [
  { value: 'INFORM', text: 'I am told what has been decided' },
  { value: 'CONSULT', text: 'I am asked for my views' },
  { value: 'CO_DESIGN', text: 'I help shape the plans' },
  { value: 'CO_PRODUCE', text: 'I help make the plans happen' },
  { value: 'LEAD', text: 'I help lead it and make the decisions' },
];

/** STAGES are the stages of the work at which one joins, earliest first. */
export const STAGES: { value: Stage; text: string }[] = [
  { value: 'IDEA', text: 'At the start, when it was only an idea' },
  { value: 'DESIGN', text: 'While the plans were being made' },
  { value: 'DELIVERY', text: 'Once the work was being done' },
  { value: 'EVALUATION', text: 'When looking back at how it went' },
];

/** FELT are the answers to "how much do you feel your voice is heard?", 1 to 5. */
export const FELT = ['Not at all', 'A little', 'Somewhat', 'Mostly', 'Completely'];

/** INFLUENCE are the answers to "how much influence does X have?", 0 to 5. */
export const INFLUENCE = ['None', 'Very little', 'A little', 'Some', 'A lot', 'A great deal'];

export const KINDS: Record<RelationshipKind, string> = {
  KNOWS: 'You know each other',
  WORKS_WITH: 'You work together',
  MEMBER_OF: 'Membership',
  EMPLOYED_BY: 'Employment',
  REPRESENTS: 'Representing',
  PARTNERS_WITH: 'Partners',
  FUNDS: 'Funding',
  ADVISES: 'Advice or help',
  REFERS_TO: 'Referring people',
};

export function levelText(v: string): string {
  return LEVELS.find((l) => l.value === v)?.text ?? v;
}

export function stageText(v: string): string {
  return STAGES.find((l) => l.value === v)?.text ?? v;
}

/** day writes an RFC 3339 time or ISO date as "6 December 2026". */
export function day(t: string): string {
  const d = new Date(t.length === 10 ? `${t}T00:00:00Z` : t);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
