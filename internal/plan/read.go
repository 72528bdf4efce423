package plan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tfcost/tfcost/internal/failure"
)

// StdinName is how the standard input is named in messages ("-" on the
// command line).
const StdinName = "<stdin>"

// ReadFile reads a plan from a JSON file ("-" for stdin) or a binary plan file
// (converted with `terraform show -json` when terraform is on PATH).
//
// Regular files are memory-mapped where the OS allows it and only the
// attribute objects the resources keep are copied out before the mapping is
// released, so the whole file never sits on the Go heap.
func ReadFile(path string, opts Options) (*Plan, error) {
	if path == "-" {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return nil, failure.Inputf(StdinName, "cannot read the plan from standard input: %v", err)
		}
		if isZip(data) {
			return showStdin(data, opts)
		}
		return Parse(StdinName, data, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	st, err := f.Stat()
	if err != nil {
		return nil, failure.Unreadable(path, "plan file", "", err)
	}
	if st.IsDir() {
		e := failure.Inputf(path, "is a directory, not a plan file")
		e.Expected = "a plan JSON file (terraform show -json PLANFILE > plan.json) or a binary plan file"
		return nil, e
	}
	if st.Mode().IsRegular() && st.Size() > 0 {
		if m, err := mapFile(f, st.Size()); err == nil {
			defer m.unmap()
			if isZip(m.data) {
				return show(path, opts)
			}
			return parse(path, m.data, opts, m)
		}
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, failure.Unreadable(path, "plan file", "", err)
	}
	if isZip(data) {
		return show(path, opts)
	}
	return Parse(path, data, opts)
}

func openError(path string, err error) error {
	e := failure.Inputf(path, "cannot open plan file")
	e.Err = err
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.Msg = "plan file does not exist"
		e.Hint = "Create it with: terraform plan -out tfplan && terraform show -json tfplan > plan.json"
	case errors.Is(err, fs.ErrPermission):
		e.Msg = "no permission to read the plan file"
	}
	return e
}

func isZip(data []byte) bool { return len(data) >= 4 && string(data[:4]) == "PK\x03\x04" }

// show converts a binary plan file with `terraform show -json`, run in the
// plan file's directory so that it finds the providers of that configuration.
func show(path string, opts Options) (*Plan, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	out, err := terraformShow(path, filepath.Dir(abs), filepath.Base(abs))
	if err != nil {
		return nil, err
	}
	return Parse(path, out, opts)
}

// showStdin converts a binary plan read from stdin: terraform needs a file,
// and the current directory's configuration.
func showStdin(data []byte, opts Options) (*Plan, error) {
	tmp, err := os.CreateTemp("", "tfcost-*.tfplan")
	if err != nil {
		return nil, failure.Internalf("cannot write the binary plan to a temporary file: %v", err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // best-effort cleanup of our own temporary file
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, failure.Internalf("cannot write the binary plan to a temporary file: %v", err)
	}
	wd, _ := os.Getwd()
	out, err := terraformShow(StdinName, wd, tmp.Name())
	if err != nil {
		return nil, err
	}
	return Parse(StdinName, out, opts)
}

func terraformShow(name, dir, file string) ([]byte, error) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		e := failure.Inputf(name, "this is a binary Terraform plan file, and converting it needs terraform, which is not on PATH")
		e.Expected = "plan JSON"
		e.Hint = "Run terraform show -json " + file + " > plan.json where the configuration lives, and pass plan.json"
		return nil, e
	}
	cmd := exec.CommandContext(context.Background(), tf, "show", "-json", "-no-color", file)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		e := failure.Inputf(name, "terraform show -json could not read this binary plan file: %s", firstLines(msg, 6))
		e.Hint = "Run it in the directory of the configuration after terraform init, or pass the JSON from terraform show -json"
		e.Err = err
		return nil, e
	}
	return out, nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " ")
}

// Parse decodes plan JSON. name is used in error messages. The resources'
// Before/After/AfterUnknown are sub-slices of data (not copies): data must
// not be modified while the plan is in use.
func Parse(name string, data []byte, opts Options) (*Plan, error) {
	return parse(name, data, opts, nil)
}

// mapping is a memory-mapped plan file.
type mapping struct {
	data []byte
	// release gives data[from:to] back to the OS (rounded to pages) and
	// returns the end of what it released.
	release func(from, to int) int
	unmap   func()
}

// parse reads plan JSON; with a mapping, the kept spans are copied out and
// the mapping's pages are released behind the scan, so that a large plan is
// never resident twice.
func parse(name string, raw []byte, opts Options, m *mapping) (*Plan, error) {
	data := raw
	if isZip(data) {
		e := failure.Inputf(name, "this is a binary Terraform plan file, not plan JSON")
		e.Expected = "plan JSON"
		e.Hint = "Pass the file path instead (tfcost converts it with terraform show -json), or run terraform show -json on it"
		return nil, e
	}
	data = decodeText(data)
	start := 0
	for start < len(data) && isSpace(data[start]) {
		start++
	}
	if start == len(data) {
		return nil, failure.At(name, 1, 1, "the plan file is empty", "plan JSON from terraform show -json")
	}
	wrapped := false
	if at, ok := wrapperStart(data); ok {
		start, wrapped = at, true
	} else if data[start] != '{' && data[start] != '[' {
		line, col := position(data, start)
		return nil, failure.At(name, line, col, "not JSON: the file starts with "+describe(data, start),
			"plan JSON from terraform show -json (starting with '{')")
	}
	p := newParser(name, data, opts)
	if m != nil && len(data) > 0 && &data[len(data)-1] == &raw[len(raw)-1] {
		// data is raw, or raw without a byte-order mark: still the mapping.
		shift := len(raw) - len(data)
		p.arena = &arena{}
		p.s.release = func(from, to int) int { return m.release(from+shift, to+shift) - shift }
	}
	return p.run(start, wrapped)
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// wrapperStart finds the plan JSON inside the output of the
// hashicorp/setup-terraform wrapper, which prints a "[command]…" line (and
// sometimes ::debug:: lines) before the JSON: the first line that starts
// with '{'.
func wrapperStart(data []byte) (int, bool) {
	head := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("[command]")) && !bytes.HasPrefix(head, []byte("::")) {
		return 0, false
	}
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '\n')
		if data[i] == '{' {
			return i, true
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
	return 0, false
}

// decodeText removes a UTF-8 byte-order mark and transcodes UTF-16 (with a
// BOM, or recognisable from "{\0") to UTF-8, as Windows PowerShell's `>`
// writes it.
func decodeText(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16To8(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16To8(data[2:], binary.BigEndian)
	case len(data) >= 4 && data[1] == 0 && data[3] == 0 && data[0] != 0:
		return utf16To8(data, binary.LittleEndian)
	case len(data) >= 4 && data[0] == 0 && data[2] == 0 && data[1] != 0:
		return utf16To8(data, binary.BigEndian)
	}
	return data
}

func utf16To8(data []byte, order binary.ByteOrder) []byte {
	out := make([]byte, 0, len(data)/2+16)
	var buf [utf8.UTFMax]byte
	for i := 0; i+1 < len(data); i += 2 {
		u := order.Uint16(data[i:])
		r := rune(u)
		if utf16.IsSurrogate(r) {
			if i+3 < len(data) {
				r = utf16.DecodeRune(r, rune(order.Uint16(data[i+2:])))
				if r != utf8.RuneError {
					i += 2
				}
			} else {
				r = utf8.RuneError
			}
		}
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		out = append(out, buf[:n]...)
	}
	return out
}
