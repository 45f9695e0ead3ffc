// Package interchange parses networks brought in from outside voicemap
// (files written by Gephi, NetworkX, igraph, or voicemap's own JSON export)
// into a store.Batch, and writes a batch back out as JSON.
//
// Parsing is all or nothing: Parse returns either a complete Batch, every
// entity of which has passed the store's Normalize* rules, or a *store.Error
// with code store.EINVALID whose Details name every problem found (up to
// MaxProblems), each with its element (a GraphML node or edge id, or a JSON
// path such as people[3].id) and its line. In GraphML an edge's source and
// target must be nodes of the document, as the GraphML schema requires; an
// edge to anything else is a problem with its line. In voicemap JSON,
// references to entities outside the document (a relationship to an actor
// already stored) are left to the store, whose Import checks them all or
// nothing.
//
// # GraphML
//
// The GraphML reader accepts documents as Gephi, NetworkX (nx.write_graphml)
// and igraph write them. Attributes are declared by <key> elements
// (for="node", "edge" or "all", with attr.name, attr.type and an optional
// <default>) and referenced by <data key="...">; values are parsed by their
// attr.type (string, int, long, float, double, boolean). Attributes not
// listed below (layout positions, colours, computed measures) are ignored.
//
// Each node becomes an actor whose id is the node's GraphML id:
//
//	name      the actor's name; else "label" (as Gephi writes it); else the node id
//	kind      "person" (the default) or "organisation" ("organization" too),
//	          case-insensitive; anything else is a problem
//	place     the actor's place id; else the placeId argument of Parse; else a problem
//	group, groups            a person's groups, separated by "," or ";"
//	role, roles, livedExperience   a person's roles and lived-experience tags, likewise
//	capacity  COMMUNITY_MEMBER (or "community") or PROFESSIONAL, case-insensitive
//	consent   GIVEN, WITHDRAWN or UNKNOWN, case-insensitive; or a boolean
//	          attribute, true meaning GIVEN and false WITHDRAWN
//	orgKind   an organisation's kind (COMMUNITY_GROUP, VOLUNTARY, ...), case-insensitive
//
// Each edge becomes a relationship between its source and target, which
// must be nodes of the document (directed and undirected graphs are both
// accepted; voicemap's analysis treats ties as undirected):
//
//	kind      a relationship kind, case-insensitive ("works with" and
//	          "works-with" match WORKS_WITH); KNOWS when missing
//	weight    the tie strength, a number > 0; 1 when missing
//	since, until             dates YYYY-MM-DD, optional
//
// A relationship's id is the edge element's id attribute when every edge id
// in the document is distinct from the others and from every node id.
// Otherwise (no id, or ids that repeat, as NetworkX writes for multigraph
// keys and Gephi for numbered nodes and edges) the id is derived from the
// endpoints as written, "<source>--<target>", with "#2", "#3", ... appended
// for the second and later edges joining the same pair in document order.
// Derived ids are deterministic, so importing the same file again replaces
// the same relationships instead of adding new ones: re-importing is
// idempotent.
//
// Hyperedges, nested graphs and more than one graph per document
// are refused as problems.
//
// # JSON
//
// The JSON document holds every kind of entity, with fields named as in the
// GraphQL API:
//
//	{
//	  "version": 1,
//	  "places": [{"id": "town", "name": "Millbrook", "code": "E05000001",
//	              "population": 12000, "needIndex": 2, "needScale": "IMD2019_DECILE",
//	              "populationByGroup": {"young person": 1400, "carer": 900},
//	              "parentId": ""}],
//	  "people": [{"id": "p1", "name": "Ana", "placeId": "town",
//	              "groups": ["parent"], "roles": [], "livedExperience": [],
//	              "capacity": "COMMUNITY_MEMBER", "consent": "GIVEN"}],
//	  "organisations": [{"id": "o1", "name": "Food Bank", "kind": "VOLUNTARY", "placeId": "town"}],
//	  "relationships": [{"id": "r1", "from": "p1", "to": "o1", "kind": "MEMBER_OF",
//	                     "weight": 1, "since": "2021-03-01", "until": "2024-12-31"}],
//	  "forums": [{"id": "f1", "name": "Board", "placeId": "town",
//	              "decisionMaking": true, "affectsGroups": ["parent"]}],
//	  "participations": [{"id": "x1", "actorId": "p1", "forumId": "f1",
//	                      "level": "CONSULT", "joinedAtStage": "DESIGN",
//	                      "since": "2022-01-01", "until": null}]
//	}
//
// version must be 1. Enumerations take the GraphQL enum values exactly.
// Optional fields may be omitted or null; a relationship's weight defaults
// to 1 and its kind to KNOWS; the placeId argument of Parse fills a missing
// placeId of people, organisations and forums. Reading is strict: unknown
// fields, values of the wrong type and syntax errors (given as line:column)
// are all problems. EncodeJSON writes this same document.
//
// # Exports
//
// EncodeGraphML, EncodeGEXF and EncodeCSV write the actors and
// relationships of a store.Snapshot, with computed measures (Measures),
// for the tools analysts use: Gephi, NetworkX and igraph. Each actor is a
// node and each relationship an edge, nodes and edges sorted by id, so the
// same network always gives the same bytes. The graph is undirected, as
// voicemap's analysis treats ties; an edge's source and target are the
// relationship's from and to. Node attributes:
//
//	name      string   the actor's name (also GraphML "label", GEXF label, CSV Label)
//	kind      string   person or organisation
//	place     string   the actor's place id
//	groups    string   a person's groups, joined with ";"
//	capacity  string   a person's COMMUNITY_MEMBER or PROFESSIONAL
//	orgKind   string   an organisation's kind (VOLUNTARY, FUNDER, ...)
//	measures  double, int or boolean, under their own names (Measures)
//
// Edge attributes: kind (string), weight (double; GEXF's edge weight),
// since and until (strings YYYY-MM-DD; absent, or an empty CSV cell, when
// open-ended). A value an element lacks is left out, never written as zero.
//
// A person's roles, lived experience and consent status are not exported.
// Lived-experience tags are special-category data (health, care history);
// consent is a record about the person's data, not about the network; roles
// are free text that can identify someone. None of them is needed to
// redraw or re-analyse the network, and an exported file leaves voicemap's
// control. Groups are exported because representation by group is what
// the analysis of voice is about.
//
// GraphML declares every attribute in a <key> with its attr.type (string,
// double, int, boolean), so NetworkX read_graphml, igraph Read_GraphML and
// Gephi read numbers as numbers, and Parse(GraphML, ...) reads the file
// back into the same actors and relationships (roles, lived experience and
// consent then empty and UNKNOWN). The scope's place and date, when set,
// are the graph attributes placeId and asOf. GEXF is written in version
// 1.2 (namespace http://www.gexf.net/1.2draft), static, with typed
// <attributes> of class node and edge: Gephi reads 1.2 as well as 1.3, and
// NetworkX reads no later version. CSV follows Gephi's spreadsheet import:
// a nodes table (Id, Label, Kind, Place, Groups, Capacity, OrgKind, then the
// measures) and an edges table (Source, Target, Type, Weight, Id, Kind,
// Since, Until) with Type Undirected.
//
// Names and tags are written as given, escaped for XML; characters XML 1.0
// cannot hold (C0 controls other than tab, line feed and carriage return,
// U+FFFE, U+FFFF, bytes that are not UTF-8) are written as U+FFFD in
// GraphML and GEXF, and as they are in CSV. Reading an export back, the
// importer trims space around names and splits tags at "," and ";", so a
// name with outer space or a group containing those characters comes back
// changed.
package interchange
