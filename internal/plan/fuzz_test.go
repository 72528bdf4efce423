package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

// FuzzParse (seeded with the small fixtures: minimizing a large interesting
// input takes the fuzzer minutes) checks that Parse never panics, fails only with a positioned
// *failure.Error, and validates JSON exactly like encoding/json for plain
// input (no wrapper, byte-order mark or UTF-16).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil || len(data) > 8<<10 {
			continue
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "{", "[", "null", `{"format_version":"1.2"}`,
		`{"format_version":"1.2","resource_changes":[{"address":"aws_x.y","mode":"managed","type":"aws_x","name":"y","change":{"actions":["create"],"before":null,"after":{"region":"eu-west-1","tags":{"a":"b"}}}}]}`,
		`{"format_version":"0.1","planned_values":{"root_module":{"resources":[{"address":"aws_x.y","values":{}}],"child_modules":[{"resources":[{"address":"module.m.aws_x.z","values":{}}]}]}}}`,
		`{"format_version":"1.2","resource_changes":[],"configuration":{"provider_config":{"aws":{"expressions":{"region":{"references":["var.r"]}}}},"root_module":{"resources":[{"address":"aws_x.y","type":"aws_x","name":"y","expressions":{"a":[{"b":{"references":["aws_z.w.id"]}}]}}],"module_calls":{"m":{"expressions":{"r":{"constant_value":"x"}},"module":{}}}}},"variables":{"r":{"value":"us-west-1"}}}`,
		`{"values":{}}`, `{"format_version":"9.0","resource_changes":[]}`, "\"\\u12", "[1e", "-0.5e+3", `{"a":"\u00e9\ud83d\ude00"}`,
		"[command]x\n{\"format_version\":\"1.2\",\"resource_changes\":[]}\n::set-output name=x::",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.json", data, Options{})
		if err != nil {
			var fe *failure.Error
			if !errors.As(err, &fe) || fe.Kind != failure.Input || fe.File != "fuzz.json" || fe.Msg == "" {
				t.Fatalf("bad error %T %v", err, err)
			}
		} else {
			for _, r := range p.Resources {
				for _, v := range []json.RawMessage{r.Before, r.After, r.AfterUnknown} {
					if v != nil && !json.Valid(v) {
						t.Fatalf("%s: invalid span %q", r.Address, v)
					}
				}
			}
		}
		plain := !bytes.Contains(data, []byte("%0A")) && !bytes.Contains(data, []byte("::")) &&
			!bytes.Contains(data, []byte("[command]")) && bytes.IndexByte(data, 0) < 0 &&
			!bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) && !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) &&
			!bytes.HasPrefix(data, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(data, []byte("PK\x03\x04"))
		if plain && err == nil && !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		// The scanner alone validates exactly like encoding/json.
		sc := scanner{data: data}
		_, ok := sc.skipValue()
		sc.ws()
		if ok && sc.pos != len(data) {
			ok = false
		}
		if ok != json.Valid(data) {
			t.Fatalf("scanner says valid=%v, encoding/json %v, for %q (%v)", ok, json.Valid(data), data, sc.err)
		}
	})
}
