package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/voicemap/voicemap/auth"
)

// placesFlag collects a repeated -place flag.
type placesFlag []string

func (p *placesFlag) String() string { return strings.Join(*p, ",") }

func (p *placesFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("empty place id")
	}
	*p = append(*p, s)
	return nil
}

// keysNewFlags holds the flags of "voicemap keys new".
type keysNewFlags struct {
	id, role string
	places   placesFlag
}

// newKeysFlags returns the flag set of "keys new" writing to w.
func newKeysFlags(w io.Writer) (*flag.FlagSet, *keysNewFlags) {
	fs := flag.NewFlagSet("voicemap keys new", flag.ContinueOnError)
	fs.SetOutput(w)
	k := &keysNewFlags{}
	fs.StringVar(&k.id, "id", "", "key id: 1 to 64 of a-z, 0-9, '.' and '-' (required)")
	fs.StringVar(&k.role, "role", "", "role: admin, editor, analyst or funder (required)")
	fs.Var(&k.places, "place", "a place the key is scoped to, with its descendants; repeat for several (required for editor and analyst)")
	fs.Usage = commandUsage(fs, "voicemap keys new -id ID -role ROLE [-place PLACE ...]",
		`Create an API key. The key is printed once, on stdout, and never stored:
give it to its holder. The entry to add to the keys file (VOICEMAP_KEYS_FILE),
holding only the key's SHA-256 hash, is printed on stderr. To revoke the key,
set "revoked": true in its entry or remove it; a running server notices within
a second.
`)
	return fs, k
}

// keysFlags returns the flags of "keys new", for help.
func keysFlags(_ func(string) string, w io.Writer) *flag.FlagSet {
	fs, _ := newKeysFlags(w)
	return fs
}

// runKeys runs "voicemap keys new": it prints a new key on stdout and its
// keys-file entry (JSON, with the hash) on stderr. It opens no store and
// logs nothing.
func runKeys(_ context.Context, args []string, _ func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "new" {
		return usageErrorf("keys: want the subcommand new (voicemap keys new -id ID -role ROLE [-place PLACE ...])")
	}
	fs, k := newKeysFlags(stderr)
	if err := parseFlags(fs, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("keys new: unexpected argument %q (see -h)", fs.Arg(0))
	}
	entry, key, err := newKeyEntry(k.id, k.role, k.places)
	if err != nil {
		return usageError{err}
	}
	line, err := json.Marshal(entry)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(stdout, key); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stderr, "%s\n", line)
	return err
}

// newKeyEntry makes a key for id with the role and places, and its
// keys-file entry.
func newKeyEntry(id, role string, places []string) (auth.Entry, string, error) {
	if id == "" {
		return auth.Entry{}, "", errors.New("keys new: -id is required")
	}
	r, err := auth.ParseRole(role)
	if err != nil {
		return auth.Entry{}, "", fmt.Errorf("keys new: %w", err)
	}
	if (r == auth.RoleEditor || r == auth.RoleAnalyst) && len(places) == 0 {
		return auth.Entry{}, "", fmt.Errorf("keys new: an %s key needs at least one -place (an unscoped key sees every place)", r)
	}
	key, err := auth.NewKey(id)
	if err != nil {
		return auth.Entry{}, "", fmt.Errorf("keys new: %w", err)
	}
	return auth.Entry{ID: id, Role: r, Places: places, Hash: auth.Hash(key)}, key, nil
}
