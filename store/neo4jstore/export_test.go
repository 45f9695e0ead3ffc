package neo4jstore

import "context"

// wipeCypher deletes every node and relationship of the database.
const wipeCypher = `MATCH (n) DETACH DELETE n`

// Wipe empties the database of s, for tests, and seeds it again as Open
// does.
func Wipe(ctx context.Context, s *Store) error {
	if _, err := s.write(ctx, "wipe", "", wipeCypher, nil); err != nil {
		return err
	}
	return s.seed(ctx)
}

// ServerAgent returns the agent string the server reports, e.g.
// "Neo4j/5.26.0", for tests that must tell servers apart.
func ServerAgent(ctx context.Context, s *Store) (string, error) {
	info, err := s.driver.GetServerInfo(ctx)
	if err != nil {
		return "", err
	}
	return info.Agent(), nil
}

// SetChunkSize sets the number of rows per UNWIND statement until the test
// ends.
func SetChunkSize(t interface{ Cleanup(func()) }, n int) {
	old := chunkSize
	chunkSize = n
	t.Cleanup(func() { chunkSize = old })
}

// Exec runs one write statement on s, for tests that change the database
// behind the store's back.
func Exec(ctx context.Context, s *Store, cypher string) error {
	_, err := s.write(ctx, "exec", "", cypher, nil)
	return err
}
