package neo4jstore

// Statements that place an actor or forum in its place: drop an IN to any
// other place, then MERGE the IN to the new one.
const (
	unlocateCypher = `UNWIND $rows AS row
MATCH (:Entity {id: row.id})-[l:IN]->(old:Place)
WHERE old.id <> row.placeId
DELETE l`
	locateCypher = `UNWIND $rows AS row
MATCH (n:Entity {id: row.id}), (pl:Place {id: row.placeId})
MERGE (n)-[:IN]->(pl)`
)
