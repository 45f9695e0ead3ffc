/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Capacity says whether a person takes part as a community member or a professional. */
export type Capacity =
  | 'COMMUNITY_MEMBER'
  | 'PROFESSIONAL';

/** CentralityMeasure names a per-actor measure, each with its NetworkX 3 equivalent. */
export type CentralityMeasure =
  /** betweenness_centrality(normalized=True) */
  | 'BETWEENNESS'
  /** closeness_centrality (wf_improved=True) */
  | 'CLOSENESS'
  /** core_number */
  | 'CORENESS'
  /** degree_centrality */
  | 'DEGREE'
  /** eigenvector_centrality */
  | 'EIGENVECTOR'
  /** harmonic_centrality */
  | 'HARMONIC'
  /** pagerank(alpha=0.85) */
  | 'PAGERANK'
  /** G.degree(weight="weight") */
  | 'WEIGHTED_DEGREE';

/** ConsentStatus records a person's consent to holding and analysing their data. */
export type ConsentStatus =
  | 'GIVEN'
  | 'UNKNOWN'
  | 'WITHDRAWN';

/** CorrectionInput asks for one correction: on the holder's own record (entityId their id) name, groups, roles or livedExperience (lists comma-separated); on a participation of theirs level; on a tie they said removed. */
export type CorrectionInput = {
  entityId: string;
  field: string;
  value?: string | null | undefined;
};

export type DisputeResolution =
  | 'KEPT'
  | 'REMOVED';

/**
 * ExportFormat is a file format of exportNetwork. Every format carries the
 * computed measures as typed node attributes (see exportNetwork).
 */
export type ExportFormat =
  /**
   * CSV: the nodes table (Id, Label, Kind, Place, Groups, Capacity, OrgKind,
   * then one column per measure), one empty line, then the edges table (Source,
   * Target, Type, Weight, Id, Kind, Since, Until), for Gephi's spreadsheet
   * import, pandas, R and spreadsheets. exportNetworkCSV gives the two tables
   * apart.
   */
  | 'CSV'
  /** GEXF 1.3 with typed attributes: Gephi's own format, also NetworkX read_gexf. */
  | 'GEXF'
  /**
   * GraphML with typed keys (attr.type double, int, boolean, string): opens in
   * NetworkX (read_graphml), igraph (Graph.Read_GraphML), Gephi, Cytoscape and
   * yEd, and reads back with importNetwork(format: GRAPHML).
   */
  | 'GRAPHML';

export type ForumAnswerInput = {
  forumId: string;
  level: ParticipationLevel;
  stage: Stage;
};

/** HolderKind classifies the holder of a decision seat. */
export type HolderKind =
  | 'COMMUNITY_MEMBER'
  | 'ORGANISATION'
  | 'PROFESSIONAL'
  | 'UNCLASSIFIED';

/** InvitationStatus is how far an invitee has answered. */
export type InvitationStatus =
  /** CONSENTED: consent given; answers may be saved. */
  | 'CONSENTED'
  /** DECLINED: consent was declined (or withdrawn before submitting); nothing else is kept. */
  | 'DECLINED'
  /** INVITED: the link was made; nothing is answered. */
  | 'INVITED'
  /** SUBMITTED: answers submitted; the link cannot submit again. */
  | 'SUBMITTED';

export type NameQuestionInput = {
  fromNamed?: boolean | null | undefined;
  id: string;
  kind: RelationshipKind;
  prompt: string;
};

export type NamedAnswerInput = {
  label?: string | null | undefined;
  personId?: string | null | undefined;
  questionId: string;
};

/** OrganisationKind is the kind of an organisation. */
export type OrganisationKind =
  | 'BUSINESS'
  | 'COMMUNITY_GROUP'
  | 'FUNDER'
  | 'HEALTH'
  | 'OTHER'
  | 'PUBLIC_BODY'
  | 'RESEARCH'
  | 'SCHOOL'
  | 'VOLUNTARY';

/** ParticipationLevel is a rung of the ladder: INFORM < CONSULT < CO_DESIGN < CO_PRODUCE < LEAD. */
export type ParticipationLevel =
  | 'CONSULT'
  | 'CO_DESIGN'
  | 'CO_PRODUCE'
  | 'INFORM'
  | 'LEAD';

export type RatingInput = {
  actorId: string;
  value: number;
};

/** ReachBasis says which people fundingReach measured reach to. */
export type ReachBasis =
  /** every community member (capacity COMMUNITY_MEMBER) of the scope, used when it has no unheard voice */
  | 'COMMUNITY_MEMBERS'
  /** the unheard voices of the scope (unheardVoices with unheard true) */
  | 'UNHEARD_VOICES';

/** RecommendationKind is the kind of change a Recommendation proposes. */
export type RecommendationKind =
  /** INTRODUCTION: a new tie between two actors not yet tied. */
  | 'INTRODUCTION'
  /** INVITATION: a community member joins a decision-making forum at CO_PRODUCE, taking a decision seat. */
  | 'INVITATION';

/** RelationshipKind is the kind of a tie between two actors. */
export type RelationshipKind =
  | 'ADVISES'
  | 'EMPLOYED_BY'
  | 'FUNDS'
  | 'KNOWS'
  | 'MEMBER_OF'
  | 'PARTNERS_WITH'
  | 'REFERS_TO'
  | 'REPRESENTS'
  | 'WORKS_WITH';

/** ResponseInput is a respondent's answers, to save as a draft or submit. */
export type ResponseInput = {
  /** felt: how much do you feel your voice is heard on decisions that affect you? 1 (not at all) to 5 (completely); 0 unanswered. */
  felt?: number | null | undefined;
  forums?: Array<ForumAnswerInput> | null | undefined;
  /** groups are the survey's groups the respondent belongs to; none leaves their groups as they are. */
  groups?: Array<string> | null | undefined;
  names?: Array<NamedAnswerInput> | null | undefined;
  ratings?: Array<RatingInput> | null | undefined;
};

/** Role is what an API key may do. */
export type Role =
  /** ADMIN: everything, on every place. */
  | 'ADMIN'
  /** ANALYST: reads, person-level included, within its places. */
  | 'ANALYST'
  /** EDITOR: reads and writes within its places. */
  | 'EDITOR'
  /** FUNDER: aggregate and group-level reads only: no person-level data. */
  | 'FUNDER';

/** ShareSource says where a group's community share comes from. */
export type ShareSource =
  /** MEMBERS: the group's share of the community members in the store. */
  | 'MEMBERS'
  /** POPULATION: the population by group recorded on the leaf places in scope, over their population. */
  | 'POPULATION';

/** SourceKind says where a record came from: TYPED by staff (or imported), or said in a SURVEY. */
export type SourceKind =
  | 'SURVEY'
  | 'TYPED';

/** Stage is the stage of the work at which an actor joined it, earliest first. */
export type Stage =
  | 'DELIVERY'
  | 'DESIGN'
  | 'EVALUATION'
  | 'IDEA';

export type SurveyInput = {
  closesOn?: string | null | undefined;
  /** createdOn defaults to today. */
  createdOn?: string | null | undefined;
  forumIds?: Array<string> | null | undefined;
  groups?: Array<string> | null | undefined;
  id: string;
  influenceIds?: Array<string> | null | undefined;
  influenceOver?: string | null | undefined;
  name: string;
  placeId: string;
  questions?: Array<NameQuestionInput> | null | undefined;
};

/**
 * VoiceReason is why a person's voice may go unheard. "Decision power" is a
 * participation at CO_PRODUCE or LEAD in a decision-making forum.
 */
export type VoiceReason =
  /** CONSULTED_ONLY: takes part in forums, but never above CONSULT. 3 points (consulted late, 3 + 2, still scores below never involved). */
  | 'CONSULTED_ONLY'
  /** FAR_FROM_POWER: holds no decision power and no decision holder is within 2 steps, or none can be reached. 6 points. */
  | 'FAR_FROM_POWER'
  /** ISOLATED: no relationship in scope. 8 points of 20. */
  | 'ISOLATED'
  /** JOINED_LATE: holds no decision seat and joined every decision-making forum only at DELIVERY or EVALUATION (a holder is never late). 2 points. */
  | 'JOINED_LATE'
  /** NEVER_INVOLVED: takes part in no forum in scope. 6 points. */
  | 'NEVER_INVOLVED'
  /**
   * PERIPHERAL: has ties but sits in the outer shell (core number 1) or
   * strictly below the 10th percentile (nearest rank) of unweighted harmonic
   * centrality among actors with ties. 1 point. It does not make a person
   * unheard when they are tied directly to a decision holder.
   */
  | 'PERIPHERAL'
  /**
   * SINGLE_GATEKEEPER: holds no decision power, and every path to every
   * decision holder passes through one same other actor who holds none either
   * (the gatekeeper, an intermediary); a person tied to a holder is never
   * gated. 7 points.
   */
  | 'SINGLE_GATEKEEPER';

export type MoneyQueryVariables = Exact<{
  placeId?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type MoneyQuery = { underservedReport: { currency: string, grants: number, totalAwarded: number, population: number, places: Array<{ rank: number, population: number | null, grants: number, awarded: number, perHead: number | null, needIndex: number | null, needScale: string, needWeight: number, fairShare: number | null, gap: number | null, gapPerHead: number | null, place: { id: string, name: string } }>, unranked: Array<{ awarded: number, place: { id: string, name: string } }> }, fundingConcentration: { grants: number, total: number, recipients: number, gini: number, hhi: number, effectiveRecipients: number, topShare: number, topRecipient: { id: string, name: string } | null }, funders: Array<{ key: string | null, label: string | null }> };

export type ReachQueryVariables = Exact<{
  funderId: string;
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ReachQuery = { fundingReach: { basis: ReachBasis, grants: number, total: number, reachingAmount: number, share: number, targets: number, reached: number } };

type ActorBrief_Organisation_Fragment = { kind: OrganisationKind, id: string, name: string };

type ActorBrief_Person_Fragment = { capacity: Capacity, groups: Array<string>, roles: Array<string>, id: string, name: string };

export type ActorBriefFragment =
  | ActorBrief_Organisation_Fragment
  | ActorBrief_Person_Fragment
;

export type NetworkPictureQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
  maxNodes?: number | null | undefined;
  expand?: Array<string> | string | null | undefined;
}>;


export type NetworkPictureQuery = { networkLayout: { collapsed: boolean, columns: { ids: Array<string>, x: Array<number>, y: Array<number>, size: Array<number>, community: Array<string>, isActor: Array<boolean>, source: Array<number>, target: Array<number>, weight: Array<number> } } };

export type NetworkActorsQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
  maxNodes?: number | null | undefined;
  expand?: Array<string> | string | null | undefined;
}>;


export type NetworkActorsQuery = { networkLayout: { nodes: Array<{ id: string, actor:
        | { kind: OrganisationKind, id: string, name: string }
        | { capacity: Capacity, groups: Array<string>, roles: Array<string>, id: string, name: string }
       | null }> } };

export type NetworkMarksQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
  measure: CentralityMeasure;
}>;


export type NetworkMarksQuery = { centrality: Array<{ rank: number, score: number, actor:
      | { id: string }
      | { id: string }
     }>, unheardVoices: Array<{ unheard: boolean, person: { id: string } }>, powerConcentration: { seats: { holderList: Array<{ seats: number, actor:
          | { id: string }
          | { id: string }
         }> } } };

export type ActorPanelQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
  personId: string;
  isPerson: boolean;
}>;


export type ActorPanelQuery = { degree: Array<{ rank: number, score: number, actor:
      | { id: string }
      | { id: string }
     }>, betweenness: Array<{ rank: number, score: number, actor:
      | { id: string }
      | { id: string }
     }>, pagerank: Array<{ rank: number, score: number, actor:
      | { id: string }
      | { id: string }
     }>, harmonic: Array<{ rank: number, score: number, actor:
      | { id: string }
      | { id: string }
     }>, voices: Array<{ score: number, reasons: Array<VoiceReason>, unheard: boolean, hopsToPower: number | null, person: { id: string }, gatekeeper:
      | { id: string, name: string }
      | { id: string, name: string }
     | null }>, path?: Array<
    | { kind: OrganisationKind, id: string, name: string }
    | { capacity: Capacity, groups: Array<string>, roles: Array<string>, id: string, name: string }
  > | null };

export type ExportNetworkQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
  format: ExportFormat;
}>;


export type ExportNetworkQuery = { exportNetwork: string };

export type OverviewQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf: string;
  from: string;
}>;


export type OverviewQuery = { networkSummary: { actors: number, ties: number, components: number, density: number }, now: Array<{ date: string, unheardVoices: number, communitySeatShare: number, betweennessCentralization: number }>, trend: Array<{ date: string, unheardVoices: number, communitySeatShare: number, betweennessCentralization: number, betweennessGini: number, degreeCentralization: number, pageRankGini: number }> };

export type OverviewSeatsQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf: string;
}>;


export type OverviewSeatsQuery = { powerConcentration: { seats: { seats: number, holders: number, hhi: number, majorityHolders: number } } };

export type PlaceItemFragment = { id: string, name: string, population: number | null, needIndex: number | null, needScale: string | null, parent: { id: string } | null };

export type PlaceListQueryVariables = Exact<{ [key: string]: never; }>;


export type PlaceListQuery = { places: { edges: Array<{ node: { id: string, name: string, population: number | null, needIndex: number | null, needScale: string | null, parent: { id: string } | null } }> } };

export type PlaceTreeQueryVariables = Exact<{ [key: string]: never; }>;


export type PlaceTreeQuery = { places: { edges: Array<{ node: { id: string, name: string, population: number | null, needIndex: number | null, needScale: string | null, children: { edges: Array<{ node: { id: string, name: string, population: number | null, needIndex: number | null, needScale: string | null, children: { edges: Array<{ node: { id: string, name: string, population: number | null, needIndex: number | null, needScale: string | null, parent: { id: string } | null } }> }, parent: { id: string } | null } }> }, parent: { id: string } | null } }> } };

export type PlaceGeometryQueryVariables = Exact<{
  id: string;
}>;


export type PlaceGeometryQuery = { place: { id: string, geometry: string | null } | null };

export type PowerQueryVariables = Exact<{
  placeId: string;
  asOf: string;
}>;


export type PowerQuery = { powerConcentration: { actors: number, degreeCentralization: number, betweennessCentralization: number, betweennessGini: number, pageRankGini: number, topShare: number, topShareActors: number, approximate: boolean, seats: { seats: number, holders: number, hhi: number, majorityHolders: number, professionalShare: number, communityShare: number, organisationShare: number, holderList: Array<{ kind: HolderKind, seats: number, actor:
          | { id: string, name: string }
          | { id: string, name: string }
         }> } }, representation: Array<{ group: string, members: number, communityMembers: number, communityShare: number, shareSource: ShareSource, seats: number, seatShare: number, ratio: number | null, representatives: number, token: boolean, involvedFromStart: boolean }>, nothingAboutUsWithoutUs: Array<{ group: string, forum: { id: string, name: string }, present: Array<
      | { id: string, name: string }
      | { id: string, name: string }
    > }> };

export type PowerTrendQueryVariables = Exact<{
  placeId?: string | null | undefined;
  from: string;
  to: string;
}>;


export type PowerTrendQuery = { powerTrend: Array<{ date: string, degreeCentralization: number, betweennessCentralization: number, betweennessGini: number, pageRankGini: number, communitySeatShare: number, unheardVoices: number }>, relationshipQuality: { ties: number, reciprocalShare: number, longLivedShare: number, multiplexShare: number } };

export type FiguresFragment = { unheardVoices: number, withinTwoStepsOfPower: number, seatHHI: number };

export type RecommendationsQueryVariables = Exact<{
  placeId: string;
  asOf?: string | null | undefined;
}>;


export type RecommendationsQuery = { recommendations: Array<{ kind: RecommendationKind, gain: number, groups: Array<string>, stage: Stage | null, from:
      | { id: string, name: string }
      | { id: string, name: string }
     | null, to:
      | { id: string, name: string }
      | { id: string, name: string }
     | null, person: { id: string, name: string } | null, forum: { id: string, name: string, participations: { edges: Array<{ node: { level: ParticipationLevel, actor:
              | { id: string }
              | { id: string }
             } }> } } | null, before: { unheardVoices: number, withinTwoStepsOfPower: number, seatHHI: number }, after: { unheardVoices: number, withinTwoStepsOfPower: number, seatHHI: number }, alternatives: Array<{ id: string, name: string }> }> };

export type QuestionnaireQueryVariables = Exact<{ [key: string]: never; }>;


export type QuestionnaireQuery = { questionnaire: { status: InvitationStatus, expiresAt: string, surveyName: string, closesOn: string | null, me: string, influenceOver: string, groups: Array<string>, questions: Array<{ id: string, prompt: string, kind: RelationshipKind, fromNamed: boolean }>, forums: Array<{ id: string, name: string }>, rated: Array<{ id: string, name: string }>, draft: { groups: Array<string>, felt: number, names: Array<{ questionId: string, personId: string | null, label: string | null, name: string | null }>, forums: Array<{ forumId: string, level: ParticipationLevel, stage: Stage }>, ratings: Array<{ actorId: string, value: number }> } | null } };

export type NameSearchQueryVariables = Exact<{
  text: string;
}>;


export type NameSearchQuery = { nameSearch: Array<{ id: string, name: string }> };

export type MyDataFieldsFragment = { id: string, name: string, groups: Array<string>, roles: Array<string>, livedExperience: Array<string>, consent: ConsentStatus, ties: Array<{ id: string, kind: RelationshipKind, since: string | null, until: string | null, saidByMe: boolean, disputed: boolean, other: { id: string, name: string } | null, source: { kind: SourceKind, on: string | null } }>, seats: Array<{ id: string, level: ParticipationLevel, stage: Stage, forum: { id: string, name: string } }>, invitations: Array<{ surveyId: string, status: InvitationStatus, expiresAt: string }>, corrections: Array<{ id: string, entityId: string, field: string, previous: string, value: string, at: string }>, disputes: Array<{ id: string, relationshipId: string, reason: string, raisedOn: string, resolution: DisputeResolution | null, resolvedOn: string | null }> };

export type MyDataQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDataQuery = { myData: { id: string, name: string, groups: Array<string>, roles: Array<string>, livedExperience: Array<string>, consent: ConsentStatus, ties: Array<{ id: string, kind: RelationshipKind, since: string | null, until: string | null, saidByMe: boolean, disputed: boolean, other: { id: string, name: string } | null, source: { kind: SourceKind, on: string | null } }>, seats: Array<{ id: string, level: ParticipationLevel, stage: Stage, forum: { id: string, name: string } }>, invitations: Array<{ surveyId: string, status: InvitationStatus, expiresAt: string }>, corrections: Array<{ id: string, entityId: string, field: string, previous: string, value: string, at: string }>, disputes: Array<{ id: string, relationshipId: string, reason: string, raisedOn: string, resolution: DisputeResolution | null, resolvedOn: string | null }> } };

export type AnswerConsentMutationVariables = Exact<{
  give: boolean;
}>;


export type AnswerConsentMutation = { answerConsent: InvitationStatus };

export type SaveDraftMutationVariables = Exact<{
  answers: ResponseInput;
}>;


export type SaveDraftMutation = { saveDraft: boolean };

export type SubmitResponseMutationVariables = Exact<{
  answers: ResponseInput;
}>;


export type SubmitResponseMutation = { submitResponse: InvitationStatus };

export type CorrectMyDataMutationVariables = Exact<{
  input: CorrectionInput;
}>;


export type CorrectMyDataMutation = { correctMyData: { id: string, name: string, groups: Array<string>, roles: Array<string>, livedExperience: Array<string>, consent: ConsentStatus, ties: Array<{ id: string, kind: RelationshipKind, since: string | null, until: string | null, saidByMe: boolean, disputed: boolean, other: { id: string, name: string } | null, source: { kind: SourceKind, on: string | null } }>, seats: Array<{ id: string, level: ParticipationLevel, stage: Stage, forum: { id: string, name: string } }>, invitations: Array<{ surveyId: string, status: InvitationStatus, expiresAt: string }>, corrections: Array<{ id: string, entityId: string, field: string, previous: string, value: string, at: string }>, disputes: Array<{ id: string, relationshipId: string, reason: string, raisedOn: string, resolution: DisputeResolution | null, resolvedOn: string | null }> } };

export type DisputeTieMutationVariables = Exact<{
  relationshipId: string;
  reason?: string | null | undefined;
}>;


export type DisputeTieMutation = { disputeTie: { id: string } };

export type WithdrawConsentMutationVariables = Exact<{ [key: string]: never; }>;


export type WithdrawConsentMutation = { withdrawConsent: ConsentStatus };

export type SurveyFieldsFragment = { id: string, name: string, placeId: string, influenceIds: Array<string>, influenceOver: string, groups: Array<string>, forumIds: Array<string>, createdOn: string, closesOn: string | null, questions: Array<{ id: string, prompt: string, kind: RelationshipKind, fromNamed: boolean }> };

export type SurveysQueryVariables = Exact<{
  placeId?: string | null | undefined;
}>;


export type SurveysQuery = { surveys: Array<{ id: string, name: string, placeId: string, influenceIds: Array<string>, influenceOver: string, groups: Array<string>, forumIds: Array<string>, createdOn: string, closesOn: string | null, questions: Array<{ id: string, prompt: string, kind: RelationshipKind, fromNamed: boolean }> }> };

export type SurveyChoicesQueryVariables = Exact<{
  placeId: string;
}>;


export type SurveyChoicesQuery = { forums: { edges: Array<{ node: { id: string, name: string } }> }, organisations: { edges: Array<{ node: { id: string, name: string } }> }, place: { populationByGroup: Array<{ group: string }> } | null };

export type SurveyPeopleQueryVariables = Exact<{
  placeId?: string | null | undefined;
}>;


export type SurveyPeopleQuery = { people: { edges: Array<{ node: { id: string, name: string, groups: Array<string>, consent: ConsentStatus, source: { kind: SourceKind } } }> } };

export type UpsertSurveyMutationVariables = Exact<{
  input: SurveyInput;
}>;


export type UpsertSurveyMutation = { upsertSurvey: { id: string, name: string, placeId: string, influenceIds: Array<string>, influenceOver: string, groups: Array<string>, forumIds: Array<string>, createdOn: string, closesOn: string | null, questions: Array<{ id: string, prompt: string, kind: RelationshipKind, fromNamed: boolean }> } };

export type InviteMutationVariables = Exact<{
  surveyId: string;
  personId: string;
  validDays?: number | null | undefined;
}>;


export type InviteMutation = { invite: { link: string, invitation: { id: string, personId: string, status: InvitationStatus, expiresAt: string } } };

export type SurveyAdminQueryVariables = Exact<{
  id: string;
}>;


export type SurveyAdminQuery = { survey: { id: string, invitations: Array<{ id: string, personId: string, status: InvitationStatus, invitedAt: string, expiresAt: string, consentedAt: string | null, submittedAt: string | null, person: { id: string, name: string } | null }>, disputes: Array<{ id: string, relationshipId: string, personId: string, reason: string, raisedOn: string }> } | null };

export type ResolveDisputeMutationVariables = Exact<{
  surveyId: string;
  id: string;
  remove: boolean;
}>;


export type ResolveDisputeMutation = { resolveDispute: { id: string, resolution: DisputeResolution | null, resolvedOn: string | null } };

export type SurveyFiguresQueryVariables = Exact<{
  id: string;
}>;


export type SurveyFiguresQuery = { surveyCoverage: { all: { invited: number | null, responded: number | null, population: number | null, responseRate: number | null, reach: number | null }, groups: Array<{ group: string, invited: number | null, responded: number | null, population: number | null, responseRate: number | null, reach: number | null, invitedShare: number | null, respondentShare: number | null, populationShare: number | null, representation: number | null, invitedRepresentation: number | null, suppressed: boolean }> }, surveyFeltVoice: Array<{ group: string, answered: number | null, unanswered: number | null, both: number | null, feltOnly: number | null, flaggedOnly: number | null, neither: number | null, medianFelt: number | null, kappa: number | null, suppressed: boolean }>, surveyInfluence: { items: Array<{ actorId: string, over: string, actor:
        | { id: string, name: string }
        | { id: string, name: string }
       | null, all: { ratings: number, counts: Array<number>, median: number, q1: number, q3: number, iqr: number }, byGroup: Array<{ group: string, suppressed: boolean, summary: { ratings: number, counts: Array<number>, median: number, q1: number, q3: number, iqr: number } | null }> }>, agreement: Array<{ group: string, raters: number | null, pairableValues: number | null, alpha: number | null, suppressed: boolean }> } };

export type SurveyFeltPeopleQueryVariables = Exact<{
  id: string;
}>;


export type SurveyFeltPeopleQuery = { surveyFeltVoice: Array<{ group: string, feltOnlyPeople: Array<{ id: string, name: string }>, flaggedOnlyPeople: Array<{ id: string, name: string }> }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { keyId: string, role: Role, personLevel: boolean, explorer: boolean, places: Array<{ id: string, name: string }> } };

export type VoicesQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
}>;


export type VoicesQuery = { unheardVoices: Array<{ score: number, reasons: Array<VoiceReason>, unheard: boolean, hopsToPower: number | null, person: { id: string, name: string, groups: Array<string> }, gatekeeper:
      | { id: string, name: string }
      | { id: string, name: string }
     | null, pathToPower: Array<
      | { id: string, name: string }
      | { id: string, name: string }
    > }>, powerConcentration: { gatekeepers: Array<{ cutsOff: number, actor:
        | { id: string, name: string }
        | { id: string, name: string }
       }> } };

export type VoiceGroupsQueryVariables = Exact<{
  placeId?: string | null | undefined;
  asOf?: string | null | undefined;
}>;


export type VoiceGroupsQuery = { unheardVoiceGroups: Array<{ group: string, people: number | null, unheard: number | null, suppressed: boolean }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ActorBriefFragmentDoc = new TypedDocumentString(`
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}
    `, {"fragmentName":"ActorBrief"}) as unknown as TypedDocumentString<ActorBriefFragment, unknown>;
export const PlaceItemFragmentDoc = new TypedDocumentString(`
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}
    `, {"fragmentName":"PlaceItem"}) as unknown as TypedDocumentString<PlaceItemFragment, unknown>;
export const FiguresFragmentDoc = new TypedDocumentString(`
    fragment Figures on RecommendationFigures {
  unheardVoices
  withinTwoStepsOfPower
  seatHHI
}
    `, {"fragmentName":"Figures"}) as unknown as TypedDocumentString<FiguresFragment, unknown>;
export const MyDataFieldsFragmentDoc = new TypedDocumentString(`
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}
    `, {"fragmentName":"MyDataFields"}) as unknown as TypedDocumentString<MyDataFieldsFragment, unknown>;
export const SurveyFieldsFragmentDoc = new TypedDocumentString(`
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}
    `, {"fragmentName":"SurveyFields"}) as unknown as TypedDocumentString<SurveyFieldsFragment, unknown>;
export const MoneyDocument = new TypedDocumentString(`
    query Money($placeId: ID, $to: Date) {
  underservedReport(withinPlaceId: $placeId, to: $to, first: 500) {
    currency
    grants
    totalAwarded
    population
    places {
      rank
      population
      grants
      awarded
      perHead
      needIndex
      needScale
      needWeight
      fairShare
      gap
      gapPerHead
      place {
        id
        name
      }
    }
    unranked {
      awarded
      place {
        id
        name
      }
    }
  }
  fundingConcentration(placeId: $placeId, to: $to) {
    grants
    total
    recipients
    gini
    hhi
    effectiveRecipients
    topShare
    topRecipient {
      id
      name
    }
  }
  funders: grantTotals(groupBy: FUNDER, to: $to) {
    key
    label
  }
}
    `) as unknown as TypedDocumentString<MoneyQuery, MoneyQueryVariables>;
export const ReachDocument = new TypedDocumentString(`
    query Reach($funderId: ID!, $placeId: ID, $asOf: Date) {
  fundingReach(funderId: $funderId, placeId: $placeId, asOf: $asOf) {
    basis
    grants
    total
    reachingAmount
    share
    targets
    reached
  }
}
    `) as unknown as TypedDocumentString<ReachQuery, ReachQueryVariables>;
export const NetworkPictureDocument = new TypedDocumentString(`
    query NetworkPicture($placeId: ID, $asOf: Date, $maxNodes: Int, $expand: [ID!]) {
  networkLayout(
    placeId: $placeId
    asOf: $asOf
    maxNodes: $maxNodes
    expand: $expand
  ) {
    collapsed
    columns {
      ids
      x
      y
      size
      community
      isActor
      source
      target
      weight
    }
  }
}
    `) as unknown as TypedDocumentString<NetworkPictureQuery, NetworkPictureQueryVariables>;
export const NetworkActorsDocument = new TypedDocumentString(`
    query NetworkActors($placeId: ID, $asOf: Date, $maxNodes: Int, $expand: [ID!]) {
  networkLayout(
    placeId: $placeId
    asOf: $asOf
    maxNodes: $maxNodes
    expand: $expand
  ) {
    nodes {
      id
      actor {
        ...ActorBrief
      }
    }
  }
}
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}`) as unknown as TypedDocumentString<NetworkActorsQuery, NetworkActorsQueryVariables>;
export const NetworkMarksDocument = new TypedDocumentString(`
    query NetworkMarks($placeId: ID, $asOf: Date, $measure: CentralityMeasure!) {
  centrality(placeId: $placeId, asOf: $asOf, measure: $measure, first: 500) {
    rank
    score
    actor {
      id
    }
  }
  unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    unheard
    person {
      id
    }
  }
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    seats {
      holderList {
        seats
        actor {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NetworkMarksQuery, NetworkMarksQueryVariables>;
export const ActorPanelDocument = new TypedDocumentString(`
    query ActorPanel($placeId: ID, $asOf: Date, $personId: ID!, $isPerson: Boolean!) {
  degree: centrality(placeId: $placeId, asOf: $asOf, measure: DEGREE, first: 500) {
    rank
    score
    actor {
      id
    }
  }
  betweenness: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: BETWEENNESS
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  pagerank: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: PAGERANK
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  harmonic: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: HARMONIC
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  voices: unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    person {
      id
    }
    score
    reasons
    unheard
    hopsToPower
    gatekeeper {
      id
      name
    }
  }
  path: pathToPower(personId: $personId, asOf: $asOf) @include(if: $isPerson) {
    ...ActorBrief
  }
}
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}`) as unknown as TypedDocumentString<ActorPanelQuery, ActorPanelQueryVariables>;
export const ExportNetworkDocument = new TypedDocumentString(`
    query ExportNetwork($placeId: ID, $asOf: Date, $format: ExportFormat!) {
  exportNetwork(placeId: $placeId, asOf: $asOf, format: $format)
}
    `) as unknown as TypedDocumentString<ExportNetworkQuery, ExportNetworkQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($placeId: ID, $asOf: Date!, $from: Date!) {
  networkSummary(placeId: $placeId, asOf: $asOf) {
    actors
    ties
    components
    density
  }
  now: powerTrend(placeId: $placeId, from: $asOf, to: $asOf, step: MONTH) {
    date
    unheardVoices
    communitySeatShare
    betweennessCentralization
  }
  trend: powerTrend(placeId: $placeId, from: $from, to: $asOf, step: QUARTER) {
    date
    unheardVoices
    communitySeatShare
    betweennessCentralization
    betweennessGini
    degreeCentralization
    pageRankGini
  }
}
    `) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const OverviewSeatsDocument = new TypedDocumentString(`
    query OverviewSeats($placeId: ID, $asOf: Date!) {
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    seats {
      seats
      holders
      hhi
      majorityHolders
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewSeatsQuery, OverviewSeatsQueryVariables>;
export const PlaceListDocument = new TypedDocumentString(`
    query PlaceList {
  places(first: 500) {
    edges {
      node {
        ...PlaceItem
      }
    }
  }
}
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}`) as unknown as TypedDocumentString<PlaceListQuery, PlaceListQueryVariables>;
export const PlaceTreeDocument = new TypedDocumentString(`
    query PlaceTree {
  places(first: 10) {
    edges {
      node {
        ...PlaceItem
        children(first: 20) {
          edges {
            node {
              ...PlaceItem
              children(first: 20) {
                edges {
                  node {
                    ...PlaceItem
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}`) as unknown as TypedDocumentString<PlaceTreeQuery, PlaceTreeQueryVariables>;
export const PlaceGeometryDocument = new TypedDocumentString(`
    query PlaceGeometry($id: ID!) {
  place(id: $id) {
    id
    geometry
  }
}
    `) as unknown as TypedDocumentString<PlaceGeometryQuery, PlaceGeometryQueryVariables>;
export const PowerDocument = new TypedDocumentString(`
    query Power($placeId: ID!, $asOf: Date!) {
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    actors
    degreeCentralization
    betweennessCentralization
    betweennessGini
    pageRankGini
    topShare
    topShareActors
    approximate
    seats {
      seats
      holders
      hhi
      majorityHolders
      professionalShare
      communityShare
      organisationShare
      holderList {
        kind
        seats
        actor {
          id
          name
        }
      }
    }
  }
  representation(placeId: $placeId, asOf: $asOf) {
    group
    members
    communityMembers
    communityShare
    shareSource
    seats
    seatShare
    ratio
    representatives
    token
    involvedFromStart
  }
  nothingAboutUsWithoutUs(placeId: $placeId, asOf: $asOf) {
    group
    forum {
      id
      name
    }
    present {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<PowerQuery, PowerQueryVariables>;
export const PowerTrendDocument = new TypedDocumentString(`
    query PowerTrend($placeId: ID, $from: Date!, $to: Date!) {
  powerTrend(placeId: $placeId, from: $from, to: $to, step: QUARTER) {
    date
    degreeCentralization
    betweennessCentralization
    betweennessGini
    pageRankGini
    communitySeatShare
    unheardVoices
  }
  relationshipQuality(placeId: $placeId, asOf: $to) {
    ties
    reciprocalShare
    longLivedShare
    multiplexShare
  }
}
    `) as unknown as TypedDocumentString<PowerTrendQuery, PowerTrendQueryVariables>;
export const RecommendationsDocument = new TypedDocumentString(`
    query Recommendations($placeId: ID!, $asOf: Date) {
  recommendations(placeId: $placeId, asOf: $asOf, first: 10) {
    kind
    gain
    groups
    stage
    from {
      id
      name
    }
    to {
      id
      name
    }
    person {
      id
      name
    }
    forum {
      id
      name
      participations(first: 100) {
        edges {
          node {
            level
            actor {
              id
            }
          }
        }
      }
    }
    before {
      ...Figures
    }
    after {
      ...Figures
    }
    alternatives {
      id
      name
    }
  }
}
    fragment Figures on RecommendationFigures {
  unheardVoices
  withinTwoStepsOfPower
  seatHHI
}`) as unknown as TypedDocumentString<RecommendationsQuery, RecommendationsQueryVariables>;
export const QuestionnaireDocument = new TypedDocumentString(`
    query Questionnaire {
  questionnaire {
    status
    expiresAt
    surveyName
    closesOn
    me
    influenceOver
    groups
    questions {
      id
      prompt
      kind
      fromNamed
    }
    forums {
      id
      name
    }
    rated {
      id
      name
    }
    draft {
      names {
        questionId
        personId
        label
        name
      }
      forums {
        forumId
        level
        stage
      }
      groups
      felt
      ratings {
        actorId
        value
      }
    }
  }
}
    `) as unknown as TypedDocumentString<QuestionnaireQuery, QuestionnaireQueryVariables>;
export const NameSearchDocument = new TypedDocumentString(`
    query NameSearch($text: String!) {
  nameSearch(text: $text) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<NameSearchQuery, NameSearchQueryVariables>;
export const MyDataDocument = new TypedDocumentString(`
    query MyData {
  myData {
    ...MyDataFields
  }
}
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}`) as unknown as TypedDocumentString<MyDataQuery, MyDataQueryVariables>;
export const AnswerConsentDocument = new TypedDocumentString(`
    mutation AnswerConsent($give: Boolean!) {
  answerConsent(give: $give)
}
    `) as unknown as TypedDocumentString<AnswerConsentMutation, AnswerConsentMutationVariables>;
export const SaveDraftDocument = new TypedDocumentString(`
    mutation SaveDraft($answers: ResponseInput!) {
  saveDraft(answers: $answers)
}
    `) as unknown as TypedDocumentString<SaveDraftMutation, SaveDraftMutationVariables>;
export const SubmitResponseDocument = new TypedDocumentString(`
    mutation SubmitResponse($answers: ResponseInput!) {
  submitResponse(answers: $answers)
}
    `) as unknown as TypedDocumentString<SubmitResponseMutation, SubmitResponseMutationVariables>;
export const CorrectMyDataDocument = new TypedDocumentString(`
    mutation CorrectMyData($input: CorrectionInput!) {
  correctMyData(input: $input) {
    ...MyDataFields
  }
}
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}`) as unknown as TypedDocumentString<CorrectMyDataMutation, CorrectMyDataMutationVariables>;
export const DisputeTieDocument = new TypedDocumentString(`
    mutation DisputeTie($relationshipId: ID!, $reason: String) {
  disputeTie(relationshipId: $relationshipId, reason: $reason) {
    id
  }
}
    `) as unknown as TypedDocumentString<DisputeTieMutation, DisputeTieMutationVariables>;
export const WithdrawConsentDocument = new TypedDocumentString(`
    mutation WithdrawConsent {
  withdrawConsent
}
    `) as unknown as TypedDocumentString<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const SurveysDocument = new TypedDocumentString(`
    query Surveys($placeId: ID) {
  surveys(placeId: $placeId) {
    ...SurveyFields
  }
}
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}`) as unknown as TypedDocumentString<SurveysQuery, SurveysQueryVariables>;
export const SurveyChoicesDocument = new TypedDocumentString(`
    query SurveyChoices($placeId: ID!) {
  forums(first: 200) {
    edges {
      node {
        id
        name
      }
    }
  }
  organisations(first: 200) {
    edges {
      node {
        id
        name
      }
    }
  }
  place(id: $placeId) {
    populationByGroup {
      group
    }
  }
}
    `) as unknown as TypedDocumentString<SurveyChoicesQuery, SurveyChoicesQueryVariables>;
export const SurveyPeopleDocument = new TypedDocumentString(`
    query SurveyPeople($placeId: ID) {
  people(placeId: $placeId, first: 500) {
    edges {
      node {
        id
        name
        groups
        consent
        source {
          kind
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SurveyPeopleQuery, SurveyPeopleQueryVariables>;
export const UpsertSurveyDocument = new TypedDocumentString(`
    mutation UpsertSurvey($input: SurveyInput!) {
  upsertSurvey(input: $input) {
    ...SurveyFields
  }
}
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}`) as unknown as TypedDocumentString<UpsertSurveyMutation, UpsertSurveyMutationVariables>;
export const InviteDocument = new TypedDocumentString(`
    mutation Invite($surveyId: ID!, $personId: ID!, $validDays: Int) {
  invite(surveyId: $surveyId, personId: $personId, validDays: $validDays) {
    link
    invitation {
      id
      personId
      status
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<InviteMutation, InviteMutationVariables>;
export const SurveyAdminDocument = new TypedDocumentString(`
    query SurveyAdmin($id: ID!) {
  survey(id: $id) {
    id
    invitations {
      id
      personId
      person {
        id
        name
      }
      status
      invitedAt
      expiresAt
      consentedAt
      submittedAt
    }
    disputes(open: true) {
      id
      relationshipId
      personId
      reason
      raisedOn
    }
  }
}
    `) as unknown as TypedDocumentString<SurveyAdminQuery, SurveyAdminQueryVariables>;
export const ResolveDisputeDocument = new TypedDocumentString(`
    mutation ResolveDispute($surveyId: ID!, $id: ID!, $remove: Boolean!) {
  resolveDispute(surveyId: $surveyId, id: $id, remove: $remove) {
    id
    resolution
    resolvedOn
  }
}
    `) as unknown as TypedDocumentString<ResolveDisputeMutation, ResolveDisputeMutationVariables>;
export const SurveyFiguresDocument = new TypedDocumentString(`
    query SurveyFigures($id: ID!) {
  surveyCoverage(surveyId: $id) {
    all {
      invited
      responded
      population
      responseRate
      reach
    }
    groups {
      group
      invited
      responded
      population
      responseRate
      reach
      invitedShare
      respondentShare
      populationShare
      representation
      invitedRepresentation
      suppressed
    }
  }
  surveyFeltVoice(surveyId: $id) {
    group
    answered
    unanswered
    both
    feltOnly
    flaggedOnly
    neither
    medianFelt
    kappa
    suppressed
  }
  surveyInfluence(surveyId: $id) {
    items {
      actorId
      actor {
        id
        name
      }
      over
      all {
        ratings
        counts
        median
        q1
        q3
        iqr
      }
      byGroup {
        group
        suppressed
        summary {
          ratings
          counts
          median
          q1
          q3
          iqr
        }
      }
    }
    agreement {
      group
      raters
      pairableValues
      alpha
      suppressed
    }
  }
}
    `) as unknown as TypedDocumentString<SurveyFiguresQuery, SurveyFiguresQueryVariables>;
export const SurveyFeltPeopleDocument = new TypedDocumentString(`
    query SurveyFeltPeople($id: ID!) {
  surveyFeltVoice(surveyId: $id) {
    group
    feltOnlyPeople {
      id
      name
    }
    flaggedOnlyPeople {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SurveyFeltPeopleQuery, SurveyFeltPeopleQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    keyId
    role
    personLevel
    explorer
    places {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const VoicesDocument = new TypedDocumentString(`
    query Voices($placeId: ID, $asOf: Date) {
  unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    person {
      id
      name
      groups
    }
    score
    reasons
    unheard
    hopsToPower
    gatekeeper {
      id
      name
    }
    pathToPower {
      id
      name
    }
  }
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    gatekeepers {
      cutsOff
      actor {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VoicesQuery, VoicesQueryVariables>;
export const VoiceGroupsDocument = new TypedDocumentString(`
    query VoiceGroups($placeId: ID, $asOf: Date) {
  unheardVoiceGroups(placeId: $placeId, asOf: $asOf) {
    group
    people
    unheard
    suppressed
  }
}
    `) as unknown as TypedDocumentString<VoiceGroupsQuery, VoiceGroupsQueryVariables>;