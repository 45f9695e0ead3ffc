package analysis

import "errors"

// ErrInvalid is wrapped by every error that analysis returns because its
// input is unusable: a node index out of range, a weight that is not a
// positive finite number, a graph above MaxNodes or an unknown measure.
// Callers test for it with errors.Is and report it as invalid input.
var ErrInvalid = errors.New("analysis: invalid input")
