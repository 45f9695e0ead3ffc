package resolvers

import "github.com/voicemap/voicemap/service"

// DefaultUnheardFirst is unheardVoices' default number of people.
const DefaultUnheardFirst = 20

// voiceFilter applies unheardVoices' defaults, also when a client sends an
// explicit null: every group, the first DefaultUnheardFirst. The service
// checks the range of first.
func voiceFilter(group *string, first *int) service.VoiceFilter {
	n := DefaultUnheardFirst
	if first != nil {
		n = *first
	}
	return service.VoiceFilter{Group: deref(group), First: n}
}
