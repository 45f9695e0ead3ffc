package neo4jstore

// fundedCountsCypher counts the grants each organisation of $ids funds
// (organisations that fund none are absent). The organisation is matched by
// a property map fed by UNWIND (NornicDB difference 16).
const fundedCountsCypher = `UNWIND $ids AS oid
MATCH (g:Grant)-[:FUNDED_BY]->(o:Organisation {id: oid})
RETURN oid AS id, count(g) AS grants`
