package resolvers

// DefaultRecommendationsFirst is recommendations' default number of
// changes.
const DefaultRecommendationsFirst = 10

// recommendFirst applies recommendations' default first, also when a
// client sends an explicit null. The service checks its range (1 to
// service.MaxRecommendations).
func recommendFirst(first *int) int {
	if first == nil {
		return DefaultRecommendationsFirst
	}
	return *first
}
