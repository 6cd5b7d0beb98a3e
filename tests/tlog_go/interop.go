// Checks a running Samråd transparency log with the Go reference packages
// (golang.org/x/mod/sumdb/note and sumdb/tlog, GOPATH mode): the checkpoint's
// signature, every tile and entry bundle, inclusion of every entry, the
// server's own inclusion and consistency proofs, and consistency with the
// checkpoint kept in the state file from the previous run.
//
// Usage: interop -url http://127.0.0.1:8080 -vkey VKEY -state FILE
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func get(path string) []byte {
	resp, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		fail("GET %s: %d %s", path, resp.StatusCode, body)
	}
	return body
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

type checkpoint struct {
	origin string
	tree   tlog.Tree
}

func parseCheckpoint(text string) checkpoint {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		fail("checkpoint has fewer than three lines: %q", text)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size %q", lines[1])
	}
	h, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint root %q", lines[2])
	}
	return checkpoint{lines[0], tlog.Tree{N: n, Hash: h}}
}

// tiles reads C2SP tiles: x/mod 0.7.0 names them tile/8/L/N, C2SP tile/L/N.
type tiles struct{}

func (tiles) Height() int { return 8 }
func (tiles) SaveTiles([]tlog.Tile, [][]byte) {}
func (tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		out[i] = get("/tlog/" + strings.Replace(t.Path(), "tile/8/", "tile/", 1))
	}
	return out, nil
}

func hashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			fail("hash %q", s)
		}
		out[i] = h
	}
	return out
}

func main() {
	flag.StringVar(&base, "url", "", "base URL of samrad")
	vkey := flag.String("vkey", "", "the log's verifier key (samrad log-key)")
	state := flag.String("state", "", "file keeping the last checkpoint")
	flag.Parse()

	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	msg := get("/tlog/checkpoint")
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open: %v", err)
	}
	cp := parseCheckpoint(n.Text)
	if cp.origin != verifier.Name() {
		fail("origin %q is not the key name %q", cp.origin, verifier.Name())
	}
	reader := tlog.TileHashReader(cp.tree, tiles{})
	if cp.tree.N > 0 {
		if root, err := tlog.TreeHash(cp.tree.N, reader); err != nil || root != cp.tree.Hash {
			fail("TreeHash from tiles: %v", err)
		}
	}
	// Every entry: its bundle bytes hash to its leaf, and it is included.
	for start := int64(0); start < cp.tree.N; start += 256 {
		w := cp.tree.N - start
		path := fmt.Sprintf("/tlog/tile/entries/%s", strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: start / 256, W: 256}.Path(), "tile/8/0/"))
		if w < 256 {
			path += fmt.Sprintf(".p/%d", w)
		} else {
			w = 256
		}
		bundle := get(path)
		for i := int64(0); i < w; i++ {
			if len(bundle) < 2 {
				fail("bundle %s ends early", path)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			entry := bundle[2 : 2+l]
			bundle = bundle[2+l:]
			index := start + i
			var e struct{ Seq int64 }
			if json.Unmarshal(entry, &e) != nil || e.Seq != index+1 {
				fail("entry %d is not the event seq %d", index, index+1)
			}
			proof, err := tlog.ProveRecord(cp.tree.N, index, reader)
			if err != nil {
				fail("ProveRecord %d: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, cp.tree.N, cp.tree.Hash, index, tlog.RecordHash(entry)); err != nil {
				fail("CheckRecord %d: %v", index, err)
			}
			if index%17 == 0 || index == cp.tree.N-1 {
				var api struct {
					Hashes   []string `json:"hashes"`
					LeafHash string   `json:"leaf_hash"`
				}
				json.Unmarshal(get(fmt.Sprintf("/api/v1/log/%d/proof?size=%d", index+1, cp.tree.N)), &api)
				if err := tlog.CheckRecord(hashes(api.Hashes), cp.tree.N, cp.tree.Hash, index, tlog.RecordHash(entry)); err != nil {
					fail("the server's inclusion proof of %d: %v", index, err)
				}
			}
		}
		if len(bundle) != 0 {
			fail("bundle %s has bytes after its %d entries", path, w)
		}
	}
	// The offline proof file of the newest entry.
	if cp.tree.N > 0 {
		file := string(get(fmt.Sprintf("/api/v1/log/%d.tlog-proof", cp.tree.N)))
		parts := strings.SplitN(file, "\n\n", 2)
		lines := strings.Split(parts[0], "\n")
		if lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "index ") {
			fail("proof file header %q", parts[0])
		}
		fileNote, err := note.Open([]byte(parts[1]), note.VerifierList(verifier))
		if err != nil {
			fail("proof file checkpoint: %v", err)
		}
		fcp := parseCheckpoint(fileNote.Text)
		index, _ := strconv.ParseInt(strings.TrimPrefix(lines[1], "index "), 10, 64)
		leaf, _ := tlog.TileHashReader(fcp.tree, tiles{}).ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
		if err := tlog.CheckRecord(hashes(lines[2:]), fcp.tree.N, fcp.tree.Hash, index, leaf[0]); err != nil {
			fail("proof file: %v", err)
		}
	}
	// Consistency with the checkpoint kept last time.
	if old, err := os.ReadFile(*state); err == nil {
		prev := parseCheckpoint(string(old))
		if prev.tree.N > cp.tree.N {
			fail("the tree shrank from %d to %d", prev.tree.N, cp.tree.N)
		}
		if prev.tree.N > 0 && prev.tree.N < cp.tree.N {
			proof, err := tlog.ProveTree(cp.tree.N, prev.tree.N, reader)
			if err != nil {
				fail("ProveTree: %v", err)
			}
			if err := tlog.CheckTree(proof, cp.tree.N, cp.tree.Hash, prev.tree.N, prev.tree.Hash); err != nil {
				fail("FORK: CheckTree from %d to %d: %v", prev.tree.N, cp.tree.N, err)
			}
			var api struct{ Hashes []string }
			json.Unmarshal(get(fmt.Sprintf("/api/v1/log/consistency?from=%d&to=%d", prev.tree.N, cp.tree.N)), &api)
			if err := tlog.CheckTree(hashes(api.Hashes), cp.tree.N, cp.tree.Hash, prev.tree.N, prev.tree.Hash); err != nil {
				fail("the server's consistency proof: %v", err)
			}
		} else if prev.tree == cp.tree {
			// same tree
		} else if prev.tree.N == cp.tree.N {
			fail("FORK: two roots for size %d", cp.tree.N)
		}
		fmt.Printf("consistent with the kept checkpoint of size %d\n", prev.tree.N)
	}
	if *state != "" {
		os.WriteFile(*state, []byte(n.Text), 0o644)
	}
	fmt.Printf("ok: %s size %d root %s\n", cp.origin, cp.tree.N, base64.StdEncoding.EncodeToString(cp.tree.Hash[:]))
}
