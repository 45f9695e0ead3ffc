package cli

import (
	"context"
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
	id, role, file string
	places         placesFlag
}

// newKeysFlags returns the flag set of "keys new" writing to w.
func newKeysFlags(w io.Writer) (*flag.FlagSet, *keysNewFlags) {
	fs := flag.NewFlagSet("voicemap keys new", flag.ContinueOnError)
	fs.SetOutput(w)
	k := &keysNewFlags{}
	fs.StringVar(&k.id, "id", "", "key id: 1 to 64 of a-z, 0-9, '.' and '-' (required)")
	fs.StringVar(&k.role, "role", "", "role: admin, editor, analyst or funder (required)")
	fs.Var(&k.places, "place", "a place the key is scoped to, with its descendants; repeat for several (required for editor and analyst)")
	fs.StringVar(&k.file, "file", "", "add the entry to this keys file (created when missing); - prints the entry on stdout and the key on stderr")
	fs.Usage = commandUsage(fs, "voicemap keys new -id ID -role ROLE [-place PLACE ...] [-file FILE]",
		`Create an API key. The key is printed once and never stored: give it to its
holder. Its entry for the keys file (VOICEMAP_KEYS_FILE) holds only the key's
SHA-256 hash and is one line of JSON, a line of a JSON Lines keys file as it is.

  without -file   the key on stdout, the entry on stderr
  -file FILE      the entry added to FILE (created when missing, mode 0644:
                  hashes only); the key on stdout
  -file -         the entry on stdout, so that it can be appended to a file
                  (voicemap keys new ... -file - >> keys.jsonl); the key on stderr

To revoke the key, set "revoked": true in its entry or remove the entry; a
running server notices within a second.
`)
	return fs, k
}

// keysFlags returns the flags of "keys new", for help.
func keysFlags(_ func(string) string, w io.Writer) *flag.FlagSet {
	fs, _ := newKeysFlags(w)
	return fs
}

// runKeys runs "voicemap keys new": it prints a new key and its keys-file
// entry (one line of JSON, with the hash) on stdout and stderr, or adds the
// entry to a file (-file): see newKeysFlags. It opens no store and logs
// nothing.
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
	line, err := entry.EncodeLine()
	if err != nil {
		return err
	}
	switch k.file {
	case "":
		if _, err := fmt.Fprintln(stdout, key); err != nil {
			return err
		}
		_, err = stderr.Write(line)
		return err
	case "-":
		if _, err := stdout.Write(line); err != nil {
			return err
		}
		_, err = fmt.Fprintln(stderr, key)
		return err
	}
	if err := auth.AddEntry(k.file, entry); err != nil {
		return fmt.Errorf("keys new: %w", err)
	}
	_, err = fmt.Fprintln(stdout, key)
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
	e := auth.Entry{ID: id, Role: r, Places: places, Hash: auth.Hash(key)}
	if err := e.Check(); err != nil {
		return auth.Entry{}, "", fmt.Errorf("keys new: %w", err)
	}
	return e, key, nil
}
